// Turns the prefix of an SVG that is still streaming from the model into a
// well-formed document the preview can draw: text before the first <svg (or
// XML declaration) is dropped, a tag, comment, CDATA section or entity cut off
// mid-way is removed, and every element still open is closed. Pure.

const NAME = /^[A-Za-z_:][\w:.-]*/;

/** End index (exclusive) of the tag starting at `i`, honouring quoted attribute values; -1 when cut off. */
function tagEnd(text: string, i: number): number {
  let quote = '';
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (quote) { if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return -1;
}

/** Index after `close` searched from `from`; -1 when absent. */
function after(text: string, close: string, from: number): number {
  const k = text.indexOf(close, from);
  return k < 0 ? -1 : k + close.length;
}

/** The drawable document inside a streamed prefix, or undefined when no <svg> has started yet. */
export function closePartialSvg(partial: string): string | undefined {
  const start = partial.search(/<(\?xml|svg[\s/>]|svg$)/);
  if (start < 0) return undefined;
  const text = partial.slice(start);
  const open: string[] = [];
  let cut = text.length;
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      // An entity reference cut off at the very end would make the document ill-formed.
      const amp = text.lastIndexOf('&');
      if (amp >= i && text.indexOf(';', amp) < 0) cut = amp;
      break;
    }
    let end: number;
    if (text.startsWith('<!--', lt)) end = after(text, '-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) end = after(text, ']]>', lt + 9);
    else if (text.startsWith('<?', lt)) end = after(text, '?>', lt + 2);
    else if (text.startsWith('<!', lt)) end = text.includes('[', lt) && text.indexOf('[', lt) < text.indexOf('>', lt) ? after(text, ']>', lt) : tagEnd(text, lt);
    else if (text.startsWith('</', lt)) {
      end = tagEnd(text, lt);
      if (end >= 0) {
        const name = NAME.exec(text.slice(lt + 2))?.[0];
        const k = name ? open.lastIndexOf(name) : -1;
        if (k >= 0) open.length = k;
      }
    } else {
      end = tagEnd(text, lt);
      const name = NAME.exec(text.slice(lt + 1))?.[0];
      if (end >= 0 && name && text[end - 2] !== '/') open.push(name);
      if (end >= 0 && !name) end = -1; // "<" followed by junk: treat as a cut-off tag
    }
    if (end < 0) { cut = lt; break; }
    i = end;
  }
  if (!/<svg[\s/>]/.test(text.slice(0, cut))) return undefined; // the root's own start tag is still arriving
  if (!open.length && cut === text.length) return text;
  return text.slice(0, cut) + open.reverse().map((n) => `</${n}>`).join('');
}
