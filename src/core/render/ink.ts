// How much of a render is drawing: the pixels that differ from the background.
// The loop refuses a draft whose render shows (next to) nothing, and a fix is
// flagged when it wipes out most of the original. Measured in the isolated
// render worker on the raw pixels, before PNG encoding.

export interface Ink {
  /** Pixels whose RGBA differs from the background's. */
  pixels: number;
  /** pixels / (width × height). */
  fraction: number;
}

/** Below this fraction of differing pixels a render counts as blank ("no visible ink"). */
export const BLANK_INK_FRACTION = 0.001;

/** Counts the RGBA pixels that differ from `background` (4 bytes, as the renderer writes it). */
export function measureInk(rgba: Uint8Array, width: number, height: number, background: ArrayLike<number>): Ink {
  const total = width * height;
  const [r, g, b, a] = [background[0], background[1], background[2], background[3]];
  let pixels = 0;
  const n = Math.min(rgba.length, total * 4);
  for (let i = 0; i < n; i += 4) {
    if (rgba[i] !== r || rgba[i + 1] !== g || rgba[i + 2] !== b || rgba[i + 3] !== a) pixels++;
  }
  return { pixels, fraction: total > 0 ? pixels / total : 0 };
}

export function isBlank(ink: Ink): boolean {
  return ink.fraction < BLANK_INK_FRACTION;
}

/** Share of the original's ink a revision has lost (0 when it has as much or more; 1 when it shows nothing). */
export function inkLost(original: Ink, revised: Ink): number {
  if (original.pixels <= 0) return 0;
  return Math.max(0, (original.pixels - revised.pixels) / original.pixels);
}
