// The critic answers its suggestions as one string (IntroSVG: 2–4 numbered
// items, or one affirmative line); diagnostics show one per item.

/** "1. Do this\n2. Do that" → ["Do this", "Do that"]; one affirmative line stays one item. */
export function splitSuggestions(text: string): string[] {
  const marker = /^(?:\d+[.)]|[-*•])\s+/;
  // Items start at a line break or an inline "2. " / "3) " marker; continuation lines join their item.
  const pieces = text.split(/\r?\n|\s(?=\d+[.)]\s)/).map((l) => l.trim()).filter(Boolean);
  if (!pieces.length) return [];
  if (!pieces.some((p) => marker.test(p))) return [pieces.join(' ')];
  const items: string[] = [];
  for (const p of pieces) {
    if (marker.test(p) || !items.length) items.push(p.replace(marker, ''));
    else items[items.length - 1] += ` ${p}`;
  }
  return items;
}
