// The icon corpus the SVG-core benchmarks share: lucide-static's icons, read
// from node_modules (never copied into the repository).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseSvg } from '../src/core/svg/parse';
import { forEachElement } from '../src/core/svg/query';
import { seededRandom } from '../src/util/random';

export interface IconFile {
  name: string;
  text: string;
}

export function lucideDir(): string {
  // out/bench/*.js and bench/*.ts both sit two levels below the repository root or one.
  for (const up of ['..', '../..']) {
    const dir = join(__dirname, up, 'node_modules', 'lucide-static', 'icons');
    if (existsSync(dir)) return dir;
  }
  throw new Error('lucide-static is not installed (npm install)');
}

export function loadIcons(): IconFile[] {
  const dir = lucideDir();
  return readdirSync(dir).filter((f) => f.endsWith('.svg')).sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Every `d` attribute value in the icons, in file order. */
export function pathData(icons: IconFile[]): string[] {
  const out: string[] = [];
  for (const icon of icons) {
    forEachElement(parseSvg(icon.text), (el) => {
      for (const a of el.attributes) if (a.name === 'd') out.push(a.value);
    });
  }
  return out;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** A generated path of about `bytes` characters mixing every command, absolute and relative. */
export function generatedPath(bytes: number, seed = 1): string {
  const r = seededRandom(seed);
  const n = () => (Math.round(r() * 2000) / 10).toString();
  const parts = ['M10 10'];
  let size = 6;
  const commands = [
    () => `L${n()} ${n()}`, () => `c${n()} ${n()} ${n()} ${n()} ${n()} ${n()}`, () => `Q${n()} ${n()} ${n()} ${n()}`,
    () => `s${n()} ${n()} ${n()} ${n()}`, () => `T${n()} ${n()}`, () => `a${n()} ${n()} ${n()} ${r() < 0.5 ? 0 : 1} ${r() < 0.5 ? 0 : 1} ${n()} ${n()}`,
    () => `H${n()}`, () => `v${n()}`, () => 'z',
  ];
  while (size < bytes) {
    const part = commands[Math.floor(r() * commands.length)]();
    parts.push(part);
    size += part.length + 1;
  }
  return parts.join(' ');
}
