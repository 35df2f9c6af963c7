// Pixel comparison of two renders of "the same" picture (before and after an
// optimization). Both are drawn at one size on a transparent background and
// compared channel by channel, alpha included, so a shape that vanishes is a
// change on any background.

/** Channel differences up to this (of 255) are anti-aliasing noise from rounding coordinates, not a change. */
export const DEFAULT_PIXEL_TOLERANCE = 16;

export interface PixelDiff {
  /** Pixels where some channel differs by more than the tolerance. */
  differing: number;
  total: number;
  /** Largest channel difference seen (0–255). */
  maxDelta: number;
}

/** Counts differing pixels of two RGBA buffers of the same size. */
export function countDifferingPixels(a: Uint8Array, b: Uint8Array, tolerance = DEFAULT_PIXEL_TOLERANCE): PixelDiff {
  if (a.length !== b.length || a.length % 4 !== 0) throw new RangeError('images of different sizes');
  let differing = 0;
  let maxDelta = 0;
  for (let i = 0; i < a.length; i += 4) {
    let worst = 0;
    for (let c = 0; c < 4; c++) {
      const d = Math.abs(a[i + c] - b[i + c]);
      if (d > worst) worst = d;
    }
    if (worst > maxDelta) maxDelta = worst;
    if (worst > tolerance) differing++;
  }
  return { differing, total: a.length / 4, maxDelta };
}
