// Writes test/fixtures/llm4svg/*.json: real icons spelled by LLM4SVG's own
// encoder, for the decoder tests. The encoder is not part of this project;
// pass the path of a copy of LLM4SVG's llm4svg/data/semantic_tokens.py
// (github.com/ximinng/LLM4SVG). It runs with Debian's python3-lxml
// (apt-get install python3-lxml).
//
//   node scripts/llm4svg-fixtures.mjs /path/to/semantic_tokens.py [--python /usr/bin/python3]
//
// LLM4SVG draws on a 128×128 canvas and its encoder drops the root <svg>
// element's attributes, so each icon is put on that canvas first (geometry
// scaled) and its root styling is moved:
//   tabler-filled.json  (@tabler/icons' filled set: fill-based paths) onto each path;
//   lucide-grouped.json (lucide-static: stroked paths, circles, rects, lines…)
//                       into a <g> around the shapes, which the encoder copies
//                       onto each shape and also writes raw after the group token.
// Each icon is encoded three times, once per path spelling:
//   relative: every command lowercase, so every command is a token word;
//   absolute: every command uppercase, which the encoder leaves as bracket forms ([M], [C], [Z]);
//   mixed:    the icon's own mix of both.
// The encoder is called as LLM4SVG's training preprocessing calls it
// (svg2syntactic with its defaults, llm4svg/data/svg_dataset.py).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sax = require('sax');
const svgpath = require('svgpath');

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const encoder = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!encoder || !existsSync(encoder)) {
  console.error('usage: node scripts/llm4svg-fixtures.mjs /path/to/LLM4SVG/llm4svg/data/semantic_tokens.py [--python PATH]');
  process.exit(2);
}
const python = option('--python', '/usr/bin/python3');

const CORPORA = [
  { name: 'tabler-filled', pkg: '@tabler/icons', dir: 'icons/filled', count: 150, styling: 'shapes', license: 'MIT' },
  { name: 'lucide-grouped', pkg: 'lucide-static', dir: 'icons', count: 100, styling: 'group', license: 'ISC' },
];
const CANVAS = 128;
// Root attributes that style the drawing and so belong on each shape.
const STYLING = ['fill', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'opacity'];

// The shapes lucide and tabler draw with, and their attributes that are lengths on the canvas.
const GEOMETRY = {
  path: [],
  circle: ['cx', 'cy', 'r'],
  ellipse: ['cx', 'cy', 'rx', 'ry'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
  line: ['x1', 'y1', 'x2', 'y2'],
  polyline: [],
  polygon: [],
};

/** The root's attributes and its child shapes, or why the icon is not usable. */
function readIcon(text) {
  const parser = sax.parser(true);
  let rootAttrs;
  const shapes = [];
  let problem;
  let depth = 0;
  parser.onopentag = (node) => {
    depth++;
    if (depth === 1) rootAttrs = node.attributes;
    else if (depth === 2 && GEOMETRY[node.name] && !node.attributes.transform) shapes.push({ name: node.name, attrs: node.attributes });
    else problem ??= `<${node.name}${node.attributes.transform ? ' transform' : ''}> is not a plain shape`;
  };
  parser.onclosetag = () => depth--;
  parser.write(text).close();
  return { rootAttrs, shapes, problem };
}

const round = (n) => String(Math.round(n * 100) / 100);

function onCanvas(rootAttrs, shapes, spelling, styling) {
  const [, , w, h] = (rootAttrs.viewBox ?? '0 0 24 24').split(/[\s,]+/).map(Number);
  const scale = CANVAS / Math.max(w, h);
  const style = {};
  for (const k of STYLING) if (rootAttrs[k] !== undefined) style[k] = k === 'stroke-width' ? round(Number(rootAttrs[k]) * scale) : rootAttrs[k];
  const attrList = (attrs) => Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(' ');
  const elements = shapes.map(({ name, attrs }) => {
    const own = { ...attrs };
    if (styling === 'shapes') for (const [k, v] of Object.entries(style)) own[k] ??= v;
    if (own['stroke-width'] !== undefined && attrs['stroke-width'] !== undefined) own['stroke-width'] = round(Number(attrs['stroke-width']) * scale);
    for (const k of GEOMETRY[name]) if (own[k] !== undefined) own[k] = round(Number(own[k]) * scale);
    if (own.points !== undefined) own.points = own.points.trim().split(/[\s,]+/).map((v) => round(Number(v) * scale)).join(' ');
    if (name === 'path') {
      let p = svgpath(own.d).scale(scale);
      if (spelling === 'absolute') p = p.abs();
      if (spelling === 'relative') p = p.rel();
      own.d = p.round(2).toString();
      // svgpath keeps the opening moveto uppercase; at the start of a path m and M are the same.
      if (spelling === 'relative') own.d = own.d.replace(/^M/, 'm');
    }
    return `<${name} ${attrList(own)}/>`;
  });
  const body = styling === 'group' ? `<g ${attrList(style)}>${elements.join('')}</g>` : elements.join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CANVAS} ${CANVAS}">${body}</svg>`;
}

const SPELLINGS = ['relative', 'absolute', 'mixed'];

// One Python process imports the encoder from the given file and encodes every job.
const driver = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location('semantic_tokens', sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
out = []
for job in json.load(sys.stdin):
    try:
        out.append({'tokens': mod.svg2syntactic(job['svg'])[1]})
    except Exception as e:
        out.append({'error': repr(e)})
json.dump(out, sys.stdout)
`;
const encoderHash = createHash('sha256').update(readFileSync(encoder)).digest('hex');

for (const corpus of CORPORA) {
  const pkgDir = dirname(require.resolve(`${corpus.pkg}/package.json`));
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const iconDir = join(pkgDir, corpus.dir);
  const files = readdirSync(iconDir).filter((f) => f.endsWith('.svg')).sort();

  // Evenly spread over the alphabet so the sample is not one family of icons.
  const picked = [];
  const skipped = [];
  const step = files.length / corpus.count;
  for (let i = 0; picked.length < corpus.count && i < files.length; i++) {
    const file = files[Math.floor(i * step) % files.length];
    if (picked.some((p) => p.file === file)) continue;
    const text = readFileSync(join(iconDir, file), 'utf8');
    const icon = readIcon(text);
    if (icon.problem || !icon.shapes.length) {
      skipped.push(`${file}: ${icon.problem ?? 'no shapes'}`);
      continue;
    }
    picked.push({ file, text, icon });
  }

  const jobs = picked.flatMap(({ file, icon }) => SPELLINGS.map((spelling) => ({ file, spelling, svg: onCanvas(icon.rootAttrs, icon.shapes, spelling, corpus.styling) })));
  const run = spawnSync(python, ['-c', driver, encoder], { input: JSON.stringify(jobs), maxBuffer: 1 << 28, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(run.stderr || `python exited ${run.status}`);
    process.exit(1);
  }
  const encoded = JSON.parse(run.stdout);

  const icons = [];
  for (const [n, { file, text }] of picked.entries()) {
    const tokens = {};
    let error;
    for (const [k, spelling] of SPELLINGS.entries()) {
      const r = encoded[n * SPELLINGS.length + k];
      if (r.error) error ??= `${spelling}: ${r.error}`;
      else tokens[spelling] = r.tokens;
    }
    if (error) {
      skipped.push(`${file}: the encoder failed (${error})`);
      continue;
    }
    const icon = text.replace(/<!--[\s\S]*?-->/g, '').replace(/\s+/g, ' ').replace(/> </g, '><').trim();
    icons.push({ name: file.replace(/\.svg$/, ''), icon, tokens });
  }

  const out = join(root, 'test', 'fixtures', 'llm4svg', `${corpus.name}.json`);
  const fixture = {
    about: `Icons from ${corpus.pkg} (${corpus.license}), spelled by LLM4SVG's encoder (svg2syntactic, defaults) after being put on its 128×128 canvas with the root styling ${corpus.styling === 'group' ? 'in a group around the shapes' : 'on each shape'}. Made by scripts/llm4svg-fixtures.mjs.`,
    source: `${corpus.pkg}@${version} ${corpus.dir}`,
    encoder: { file: 'llm4svg/data/semantic_tokens.py', sha256: encoderHash },
    skipped,
    icons,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(`${icons.length} icons written to ${out} (${skipped.length} skipped)`);
  for (const s of skipped) console.log(`  skipped ${s}`);
}
