// Writes the adversarial SVG corpus used by the render, optimize and CLI tests.
// Files are generated at test time into a scratch directory (never committed):
// several are tens of megabytes, and one contains a local-file reference that
// only makes sense on the machine that runs the test.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';

export interface HostileCorpus {
  dir: string;
  /** A real PNG on disk (solid red) that the local-image files point at. */
  localPng: string;
  files: Record<HostileName, string>;
}

export type HostileName =
  | 'entity-bomb'
  | 'entity-refs'
  | 'external-entity'
  | 'entity-image'
  | 'path-40mb'
  | 'deep-nesting'
  | 'million-elements'
  | 'local-image'
  | 'local-image-nested-data'
  | 'active-content'
  | 'broken-utf8'
  | 'truncated'
  | 'binary-garbage'
  | 'resvg-abort';

const NS = 'xmlns="http://www.w3.org/2000/svg"';

/** A minimal truecolor PNG of one solid color. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolor
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Deterministic bytes (xorshift) so the garbage file is the same every run. */
function garbage(n: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

/** The filter region is 1,000 times the element's height: resvg-js 2.6.2 fails an assertion in feComposite and aborts the process. */
export const RESVG_ABORT_SVG =
  `<svg ${NS} width="100" height="100" viewBox="0 0 100 100">` +
  '<filter id="f" x="0" y="-100" width="1" height="1000">' +
  '<feComposite in="SourceGraphic" in2="SourceGraphic" operator="arithmetic" k1="0.5" k2="0.5" k3="0.5" k4="0.1"/>' +
  '</filter><rect x="10" y="10" width="80" height="1" fill="red" filter="url(#f)"/></svg>';

export function localImageSvg(pngPath: string): string {
  return `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" width="32" height="32" viewBox="0 0 32 32">` +
    `<image x="0" y="0" width="16" height="32" href="${pngPath}"/>` +
    `<image x="16" y="0" width="16" height="32" xlink:href="file://${pngPath}"/></svg>`;
}

function build(dir: string, localPng: string): Record<HostileName, string> {
  const files = {} as Record<HostileName, string>;
  const put = (name: HostileName, data: string | Buffer) => {
    const p = join(dir, `${name}.svg`);
    writeFileSync(p, data);
    files[name] = p;
  };

  // Billion laughs: 10 levels of 10 references each.
  let decl = '<!ENTITY e0 "lol">';
  for (let i = 1; i <= 10; i++) decl += `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`;
  put('entity-bomb', `<?xml version="1.0"?><!DOCTYPE svg [${decl}]><svg ${NS} viewBox="0 0 10 10"><text>&e10;</text></svg>`);

  // One large entity referenced many times: flat, but minutes of work for resvg.
  const big = 'M0 0 L1 1 '.repeat(10_000);
  put('entity-refs', `<!DOCTYPE svg [<!ENTITY d "${big}">]><svg ${NS} viewBox="0 0 10 10">${'<path d="&d;"/>'.repeat(5_000)}</svg>`);

  put('external-entity', `<!DOCTYPE svg [<!ENTITY x SYSTEM "file://${localPng}">]><svg ${NS} viewBox="0 0 10 10"><text>&x;</text></svg>`);

  // An entity whose replacement text is markup that points at a local file.
  put('entity-image', `<!DOCTYPE svg [<!ENTITY img "<image width='32' height='32' href='${localPng}'/>">]><svg ${NS} width="32" height="32" viewBox="0 0 32 32">&img;</svg>`);

  const seg = 'L1.2345 6.789 ';
  put('path-40mb', `<svg ${NS} viewBox="0 0 10 10"><path d="M0 0 ${seg.repeat(Math.ceil((40 << 20) / seg.length))}"/></svg>`);

  const depth = 150_000;
  put('deep-nesting', `<svg ${NS} viewBox="0 0 10 10">${'<g>'.repeat(depth)}<rect width="5" height="5"/>${'</g>'.repeat(depth)}</svg>`);

  put('million-elements', `<svg ${NS} viewBox="0 0 1000 1000">${'<circle r="1"/>'.repeat(1_000_000)}</svg>`);

  put('local-image', localImageSvg(localPng));

  // A data: SVG image that itself points at the local file.
  const inner = Buffer.from(localImageSvg(localPng)).toString('base64');
  put('local-image-nested-data', `<svg ${NS} width="32" height="32" viewBox="0 0 32 32"><image width="32" height="32" href="data:image/svg+xml;base64,${inner}"/></svg>`);

  put('active-content',
    `<svg ${NS} xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24" onload="alert(1)">` +
    '<script>alert(2)</script><script type="text/ecmascript"><![CDATA[alert(3)]]></script>' +
    '<a href="javascript:alert(4)"><rect width="10" height="10" onclick="alert(5)"/></a>' +
    '<a xlink:href="javascript:alert(6)"><circle cx="12" cy="12" r="4"/></a>' +
    '<foreignObject width="24" height="24"><div xmlns="http://www.w3.org/1999/xhtml" onmouseover="alert(7)">x</div></foreignObject>' +
    '<style>@import url("https://example.invalid/x.css"); rect { fill: url(https://example.invalid/p.svg#g) }</style>' +
    '</svg>');

  put('broken-utf8', Buffer.concat([
    Buffer.from(`<svg ${NS} viewBox="0 0 24 24"><title>`),
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x90, 0x28]),
    Buffer.from('</title><path d="M4 4 L20 20"/></svg>'),
  ]));

  put('truncated', `<svg ${NS} viewBox="0 0 24 24"><path d="M4 4 L20 20" stroke="black"/><g><circle cx="12" cy`);

  put('binary-garbage', garbage(64 * 1024));

  put('resvg-abort', RESVG_ABORT_SVG);
  return files;
}

let cached: HostileCorpus | undefined;

/** Generates (once per process) the hostile corpus under test-results/hostile/. */
export function hostileCorpus(root = join(__dirname, '..', '..', '..', '..', 'test-results', 'hostile')): HostileCorpus {
  if (cached && existsSync(cached.dir)) return cached;
  mkdirSync(root, { recursive: true });
  const localPng = join(root, 'local-secret.png');
  writeFileSync(localPng, solidPng(32, 32, [255, 0, 0]));
  cached = { dir: root, localPng, files: build(root, localPng) };
  return cached;
}
