// What the real-VS-Code suites need from the operating system, checked in
// milliseconds before anything slow starts. Without this check a fresh machine
// spends minutes compiling code-server's native modules before node-gyp fails
// on a missing Kerberos header; with it the test command says at once what is
// missing and the one line that installs it (.ci/run installs the same list).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { installedToolchain } from './code-server-install.mjs';

function onPath(command) {
  return (process.env.PATH || '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/**
 * Debian packages the VS Code suites lack on this machine, each with the reason.
 * The compiler, make, python3 and Kerberos headers matter only while code-server
 * is not installed yet (its postinstall builds native modules once).
 */
export function missingSystemPackages({ vsix = false } = {}) {
  const missing = [];
  const browser = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(browser)) missing.push({ pkg: 'chromium', why: `the browser that drives the workbench (${browser} not found)` });
  if (!installedToolchain()) {
    if (!existsSync('/usr/include/gssapi/gssapi.h') && !onPath('krb5-config')) missing.push({ pkg: 'libkrb5-dev', why: 'Kerberos headers for a native module code-server compiles on its first install' });
    if (!onPath('g++')) missing.push({ pkg: 'g++', why: 'node-gyp, for code-server\'s native modules' });
    if (!onPath('make')) missing.push({ pkg: 'make', why: 'node-gyp, for code-server\'s native modules' });
    if (!onPath('python3')) missing.push({ pkg: 'python3', why: 'node-gyp, for code-server\'s native modules' });
  }
  if (vsix && !onPath('unzip')) missing.push({ pkg: 'unzip', why: 'lists the files of the packaged VSIX' });
  return missing;
}

/** A message naming each missing package and how to install them, or undefined when nothing is missing. */
export function describeMissing(missing) {
  if (!missing.length) return undefined;
  const lines = missing.map((m) => `  ${m.pkg.padEnd(12)} ${m.why}`);
  return [
    'The real-VS-Code suites need Debian packages this machine lacks:',
    ...lines,
    `Install them with:  sudo apt-get install -y --no-install-recommends ${missing.map((m) => m.pkg).join(' ')}`,
    'or run  bash .ci/run  (installs them, then runs every test).',
  ].join('\n');
}
