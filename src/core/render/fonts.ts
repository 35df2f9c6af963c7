// Font selection for the render worker. resvg-js 2.6.2 builds a fresh font
// database for every Resvg instance; with loadSystemFonts that scan costs
// ~4–10 ms per render, several times the render itself. The worker therefore
// looks for a handful of font files once, at start-up, and hands only those to
// resvg, and only for documents that contain text.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface FontChoice {
  files: string[];
  sansSerif?: string;
  serif?: string;
  monospace?: string;
}

const FONT_DIRS = [
  '/usr/share/fonts', '/usr/local/share/fonts', join(homedir(), '.fonts'), join(homedir(), '.local/share/fonts'),
  '/System/Library/Fonts', '/Library/Fonts', 'C:\\Windows\\Fonts',
];

// Preferred files by generic family, most wanted first: [file name, family name].
const PREFERRED: Record<'sansSerif' | 'serif' | 'monospace', Array<[string, string]>> = {
  sansSerif: [['DejaVuSans.ttf', 'DejaVu Sans'], ['LiberationSans-Regular.ttf', 'Liberation Sans'], ['NotoSans-Regular.ttf', 'Noto Sans'], ['Arial.ttf', 'Arial'], ['arial.ttf', 'Arial'], ['Helvetica.ttc', 'Helvetica']],
  serif: [['DejaVuSerif.ttf', 'DejaVu Serif'], ['LiberationSerif-Regular.ttf', 'Liberation Serif'], ['NotoSerif-Regular.ttf', 'Noto Serif'], ['Times New Roman.ttf', 'Times New Roman'], ['times.ttf', 'Times New Roman'], ['Times.ttc', 'Times']],
  monospace: [['DejaVuSansMono.ttf', 'DejaVu Sans Mono'], ['LiberationMono-Regular.ttf', 'Liberation Mono'], ['NotoSansMono-Regular.ttf', 'Noto Sans Mono'], ['Courier New.ttf', 'Courier New'], ['cour.ttf', 'Courier New'], ['Courier.ttc', 'Courier']],
};

/** Walks the usual font directories (bounded) and picks one file per generic family. */
export function chooseFonts(dirs: string[] = FONT_DIRS): FontChoice {
  const byName = new Map<string, string>();
  let budget = 20_000;
  const walk = (dir: string, depth: number): void => {
    if (depth > 6 || budget <= 0 || !existsSync(dir)) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (--budget <= 0) return;
      const p = join(dir, name);
      if (/\.(ttf|otf|ttc)$/i.test(name)) {
        if (!byName.has(name)) byName.set(name, p);
        continue;
      }
      try {
        if (statSync(p).isDirectory()) walk(p, depth + 1);
      } catch {
        // unreadable entry: skip
      }
    }
  };
  for (const d of dirs) walk(d, 0);

  const choice: FontChoice = { files: [] };
  for (const generic of ['sansSerif', 'serif', 'monospace'] as const) {
    const hit = PREFERRED[generic].find(([file]) => byName.has(file));
    if (hit) {
      choice.files.push(byName.get(hit[0])!);
      choice[generic] = hit[1];
    }
  }
  // No known family installed: any one font still lets text render.
  if (!choice.files.length) {
    const any = [...byName.values()].sort()[0];
    if (any) choice.files.push(any);
  }
  return choice;
}
