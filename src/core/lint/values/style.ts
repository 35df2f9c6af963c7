/** One "name: value" declaration of a style attribute, with offsets into the attribute value. */
export interface Declaration {
  name: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** Splits a style attribute into declarations; semicolons inside quotes or parentheses do not split. */
export function parseStyle(s: string): Declaration[] {
  const out: Declaration[] = [];
  let start = 0;
  let depth = 0;
  let quoteChar = '';
  for (let i = 0; i <= s.length; i++) {
    const c = s[i];
    if (i < s.length) {
      if (quoteChar) { if (c === quoteChar) quoteChar = ''; continue; }
      if (c === '"' || c === "'") { quoteChar = c; continue; }
      if (c === '(') { depth++; continue; }
      if (c === ')') { depth = Math.max(0, depth - 1); continue; }
      if (c !== ';' || depth > 0) continue;
    }
    const colon = s.indexOf(':', start);
    if (colon >= 0 && colon < i) {
      const name = s.slice(start, colon).trim().toLowerCase();
      let vs = colon + 1;
      let ve = i;
      while (vs < ve && /\s/.test(s[vs])) vs++;
      while (ve > vs && /\s/.test(s[ve - 1])) ve--;
      let value = s.slice(vs, ve);
      const bang = value.lastIndexOf('!');
      if (bang >= 0 && value.slice(bang + 1).trim().toLowerCase() === 'important') { value = value.slice(0, bang).trimEnd(); ve = vs + value.length; }
      if (name) out.push({ name, value, valueStart: vs, valueEnd: ve });
    }
    start = i + 1;
  }
  return out;
}
