import { ValueProblem, problemAt, quote } from './problem';
import { skipWhitespace } from './number';

// CSS Color 4 named colors, plus keywords that stand for a color.
const NAMED = new Set(
  ('aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue ' +
    'chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey ' +
    'darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray ' +
    'darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen ' +
    'fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender ' +
    'lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey ' +
    'lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen ' +
    'magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen ' +
    'mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange ' +
    'orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray ' +
    'slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen ' +
    'transparent currentcolor inherit initial unset revert revert-layer ' +
    // CSS system colors, current and deprecated (still accepted by browsers).
    'accentcolor accentcolortext activetext buttonborder buttonface buttontext canvas canvastext field fieldtext graytext ' +
    'highlight highlighttext linktext mark marktext selecteditem selecteditemtext visitedtext activeborder activecaption ' +
    'appworkspace background buttonhighlight buttonshadow captiontext inactiveborder inactivecaption inactivecaptiontext ' +
    'infobackground infotext menu menutext scrollbar threeddarkshadow threedface threedhighlight threedlightshadow threedshadow ' +
    'window windowframe windowtext').split(' '),
);

const FUNCTIONS = new Set([
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'color-mix', 'light-dark', 'contrast-color',
  'device-cmyk', 'var', 'env', 'attr', 'calc',
]);

const PAINT_KEYWORDS = new Set(['none', 'context-fill', 'context-stroke']);

function isIdentChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Index of the ")" closing the "(" at `open`, or -1. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth === 0) return i;
  }
  return -1;
}

/** Checks one color starting at `i`; returns the index after it or a problem. */
function checkColorAt(s: string, i: number, paint: boolean): number | ValueProblem {
  const c = s.charCodeAt(i);
  if (c === 35 /* # */) {
    let j = i + 1;
    while (j < s.length && isHex(s.charCodeAt(j))) j++;
    if (j < s.length && isIdentChar(s.charCodeAt(j))) return { message: `${quote(s[j])} is not a hex digit`, start: j, end: j + 1 };
    const n = j - i - 1;
    if (n !== 3 && n !== 4 && n !== 6 && n !== 8) return { message: `hex color ${quote(s.slice(i, j))} needs 3, 4, 6 or 8 digits, has ${n}`, start: i, end: j };
    return j;
  }
  let j = i;
  while (j < s.length && isIdentChar(s.charCodeAt(j))) j++;
  if (j === i) return problemAt(s, i, `${quote(s.slice(i, i + 20))} is not a color`);
  const name = s.slice(i, j).toLowerCase();
  if (s.charCodeAt(j) === 40 /* ( */) {
    if (!FUNCTIONS.has(name)) return { message: `unknown color function ${quote(s.slice(i, j))}`, start: i, end: j };
    const close = closingParen(s, j);
    if (close < 0) return { message: `${s.slice(i, j)}( is not closed`, start: i, end: s.length };
    return close + 1;
  }
  if (NAMED.has(name) || (paint && PAINT_KEYWORDS.has(name))) return j;
  return { message: `unknown color ${quote(s.slice(i, j))}`, start: i, end: j };
}

/** After a color: nothing, or an SVG 1.1 ICC color specification. */
function checkRest(s: string, i: number): ValueProblem | undefined {
  i = skipWhitespace(s, i);
  if (i >= s.length) return undefined;
  if (s.slice(i, i + 10).toLowerCase() === 'icc-color(') {
    const close = closingParen(s, i + 9);
    if (close < 0) return { message: 'icc-color( is not closed', start: i, end: s.length };
    return checkRest(s, close + 1);
  }
  return problemAt(s, i, `unexpected ${quote(s.slice(i, i + 20))} after the color`);
}

// Icons repeat the same few colors endlessly; remember verdicts for short values.
const CACHE_LIMIT = 4096;
const paintCache = new Map<string, ValueProblem | undefined>();
const colorCache = new Map<string, ValueProblem | undefined>();

function cached(cache: Map<string, ValueProblem | undefined>, s: string, check: (s: string) => ValueProblem | undefined): ValueProblem | undefined {
  if (s.length > 64) return check(s);
  if (cache.has(s)) return cache.get(s);
  const r = check(s);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(s, r);
  return r;
}

/** Checks a color attribute (stop-color, flood-color, lighting-color, color). */
export function checkColor(s: string): ValueProblem | undefined {
  return cached(colorCache, s, checkColorUncached);
}

/** Checks a paint attribute (fill, stroke): none, a color, or url(…) with an optional fallback. */
export function checkPaint(s: string): ValueProblem | undefined {
  return cached(paintCache, s, checkPaintUncached);
}

function checkColorUncached(s: string): ValueProblem | undefined {
  const i = skipWhitespace(s, 0);
  if (i >= s.length) return { message: 'empty color', start: 0, end: s.length };
  const r = checkColorAt(s, i, false);
  return typeof r === 'number' ? checkRest(s, r) : r;
}

function checkPaintUncached(s: string): ValueProblem | undefined {
  let i = skipWhitespace(s, 0);
  if (i >= s.length) return { message: 'empty paint', start: 0, end: s.length };
  if (s.slice(i, i + 4).toLowerCase() === 'url(') {
    const close = closingParen(s, i + 3);
    if (close < 0) return { message: 'url( is not closed', start: i, end: s.length };
    i = skipWhitespace(s, close + 1);
    if (i >= s.length) return undefined;
  }
  const r = checkColorAt(s, i, true);
  return typeof r === 'number' ? checkRest(s, r) : r;
}
