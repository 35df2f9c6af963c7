// Shared by the untrusted-workspace tests: what the extension host has spawned.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../vscode/util';

const SERVER_SCRIPT = join(repoRoot, 'dist', 'server.js');

function parentOf(pid: number): number | undefined {
  try {
    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function isDescendantOfThisHost(pid: number): boolean {
  for (let p: number | undefined = pid, hops = 0; p && p > 1 && hops < 64; p = parentOf(p), hops++) {
    if (p === process.pid) return true;
  }
  return false;
}

/**
 * Command lines of the bundled servers (dist/server.js of this checkout) that
 * this extension host started, read from /proc like ps does. Servers of other
 * test runs on the machine are not this host's descendants and are not counted.
 */
export function serverProcesses(): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    } catch {
      continue;
    }
    if (cmdline.includes(SERVER_SCRIPT) && isDescendantOfThisHost(pid)) found.push(`${pid}: ${cmdline}`);
  }
  return found;
}
