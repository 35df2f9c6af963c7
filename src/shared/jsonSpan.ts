// Where a JSON object or array that starts at a given offset ends, skipping
// brackets inside strings. Model answers wrap JSON in prose or fences; both the
// critic's parser (src/core) and the server's json_schema answers (server/)
// find the value this way before JSON.parse judges it.

/** The end (exclusive) of the JSON object or array opening at `start`, or -1 when it does not close. */
export function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return -1;
}
