// Exact geometry of path segments: bounding boxes from derivative roots,
// lengths by adaptive Gauss–Legendre quadrature, signed areas by Green's
// theorem, and the SVG arc endpoint → center conversion.

export interface Point {
  x: number;
  y: number;
}

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function pointBox(p: Point): BBox {
  return { minX: p.x, minY: p.y, maxX: p.x, maxY: p.y };
}

export function extendBox(b: BBox, x: number, y: number): void {
  if (x < b.minX) b.minX = x;
  if (x > b.maxX) b.maxX = x;
  if (y < b.minY) b.minY = y;
  if (y > b.maxY) b.maxY = y;
}

export function unionBox(a: BBox | undefined, b: BBox): BBox {
  if (!a) return { ...b };
  return { minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) };
}

/** Roots of a t² + b t + c = 0 strictly inside (0, 1). */
function unitRoots(a: number, b: number, c: number, out: number[]): void {
  const scale = Math.abs(a) + Math.abs(b) + Math.abs(c);
  if (scale === 0) return;
  if (Math.abs(a) <= 1e-12 * scale) {
    if (b !== 0) pushUnit(-c / b, out);
    return;
  }
  const disc = b * b - 4 * a * c;
  if (disc < 0) return;
  const s = Math.sqrt(disc);
  // Numerically stable pair (avoids cancellation in -b ± s).
  const q = -0.5 * (b + (b < 0 ? -s : s));
  pushUnit(q / a, out);
  if (q !== 0) pushUnit(c / q, out);
}

function pushUnit(t: number, out: number[]): void {
  if (t > 0 && t < 1) out.push(t);
}

function cubicAt(p0: number, p1: number, p2: number, p3: number, t: number): number {
  const mt = 1 - t;
  return mt * mt * mt * p0 + 3 * mt * mt * t * p1 + 3 * mt * t * t * p2 + t * t * t * p3;
}

function quadAt(p0: number, p1: number, p2: number, t: number): number {
  const mt = 1 - t;
  return mt * mt * p0 + 2 * mt * t * p1 + t * t * p2;
}

/** Parameters in (0, 1) where one coordinate of a cubic has zero derivative. */
function cubicExtrema(p0: number, p1: number, p2: number, p3: number, out: number[]): void {
  unitRoots(3 * (-p0 + 3 * p1 - 3 * p2 + p3), 6 * (p0 - 2 * p1 + p2), 3 * (p1 - p0), out);
}

export function cubicBox(p0: Point, c1: Point, c2: Point, p3: Point): BBox {
  const box = pointBox(p0);
  extendBox(box, p3.x, p3.y);
  const ts: number[] = [];
  cubicExtrema(p0.x, c1.x, c2.x, p3.x, ts);
  cubicExtrema(p0.y, c1.y, c2.y, p3.y, ts);
  for (const t of ts) extendBox(box, cubicAt(p0.x, c1.x, c2.x, p3.x, t), cubicAt(p0.y, c1.y, c2.y, p3.y, t));
  return box;
}

export function quadBox(p0: Point, c: Point, p2: Point): BBox {
  const box = pointBox(p0);
  extendBox(box, p2.x, p2.y);
  for (const axis of ['x', 'y'] as const) {
    const den = p0[axis] - 2 * c[axis] + p2[axis];
    if (den === 0) continue;
    const t = (p0[axis] - c[axis]) / den;
    if (t > 0 && t < 1) extendBox(box, quadAt(p0.x, c.x, p2.x, t), quadAt(p0.y, c.y, p2.y, t));
  }
  return box;
}

export function lineLength(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

// 10-point Gauss–Legendre nodes and weights on [-1, 1].
const GL_X = [-0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312,
  0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const GL_W = [0.0666713443086881, 0.1494513491505806, 0.219086362515982, 0.2692667193099963, 0.2955242247147529,
  0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];

function gauss(f: (t: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += GL_W[i] * f(mid + half * GL_X[i]);
  return sum * half;
}

/**
 * ∫ f over [a, b] for a smooth, non-negative f, to within an absolute
 * tolerance: an interval is accepted when its estimate agrees with the sum of
 * its halves' within its share of the tolerance. Callers derive the tolerance
 * from the size of the whole curve (1e-10 of it, far inside the 1e-6 they
 * promise), not from the piece: a piece around a near-cusp has a tiny
 * integral whose rounding noise would otherwise never meet a relative goal.
 */
export function integrate(f: (t: number) => number, a: number, b: number, tolerance: number): number {
  if (b <= a) return 0;
  let total = 0;
  // Flat stack of (lo, hi, estimate, depth) quadruples: no allocation per interval.
  const stack = [a, b, gauss(f, a, b), 0];
  while (stack.length) {
    const depth = stack.pop()!;
    const estimate = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    const mid = (lo + hi) / 2;
    const left = gauss(f, lo, mid);
    const right = gauss(f, mid, hi);
    if (depth >= 18 || Math.abs(left + right - estimate) <= tolerance * ((hi - lo) / (b - a))) total += left + right;
    else stack.push(lo, mid, left, depth + 1, mid, hi, right, depth + 1);
  }
  return total;
}

/** Absolute tolerance for a curve whose length is at most `bound`, with a floor at the rounding noise of coordinates of size `scale`. */
function lengthTolerance(bound: number, scale: number): number {
  return Math.max(1e-10 * bound, 1e-13 * scale, 1e-300);
}

/** Splits [0, 1] at the given parameters (sorted, deduplicated). */
function pieces(ts: number[]): number[] {
  const cuts = [0, ...ts.sort((x, y) => x - y), 1];
  return cuts.filter((t, i) => i === 0 || t > cuts[i - 1]);
}

export function cubicLength(p0: Point, c1: Point, c2: Point, p3: Point): number {
  const ax = 3 * (-p0.x + 3 * c1.x - 3 * c2.x + p3.x);
  const bx = 6 * (p0.x - 2 * c1.x + c2.x);
  const cx = 3 * (c1.x - p0.x);
  const ay = 3 * (-p0.y + 3 * c1.y - 3 * c2.y + p3.y);
  const by = 6 * (p0.y - 2 * c1.y + c2.y);
  const cy = 3 * (c1.y - p0.y);
  // Math.sqrt rather than Math.hypot: several times faster, and these magnitudes cannot overflow.
  const speed = (t: number) => {
    const x = (ax * t + bx) * t + cx;
    const y = (ay * t + by) * t + cy;
    return Math.sqrt(x * x + y * y);
  };
  // The speed can only have a kink where it reaches zero, which needs both
  // coordinate derivatives at zero: cutting at every root of either keeps each piece smooth.
  const ts: number[] = [];
  unitRoots(ax, bx, cx, ts);
  unitRoots(ay, by, cy, ts);
  const cuts = pieces(ts);
  // The control polygon is never shorter than the curve.
  const bound = lineLength(p0, c1) + lineLength(c1, c2) + lineLength(c2, p3);
  const tolerance = lengthTolerance(bound, Math.max(Math.abs(ax), Math.abs(bx), Math.abs(cx), Math.abs(ay), Math.abs(by), Math.abs(cy)));
  let total = 0;
  for (let i = 1; i < cuts.length; i++) total += integrate(speed, cuts[i - 1], cuts[i], tolerance * (cuts[i] - cuts[i - 1]));
  return total;
}

export function quadLength(p0: Point, c: Point, p2: Point): number {
  const ax = 2 * (p0.x - 2 * c.x + p2.x);
  const bx = 2 * (c.x - p0.x);
  const ay = 2 * (p0.y - 2 * c.y + p2.y);
  const by = 2 * (c.y - p0.y);
  const speed = (t: number) => {
    const x = ax * t + bx;
    const y = ay * t + by;
    return Math.sqrt(x * x + y * y);
  };
  const ts: number[] = [];
  if (ax !== 0) pushUnit(-bx / ax, ts);
  if (ay !== 0) pushUnit(-by / ay, ts);
  const cuts = pieces(ts);
  const bound = lineLength(p0, c) + lineLength(c, p2);
  const tolerance = lengthTolerance(bound, Math.max(Math.abs(ax), Math.abs(bx), Math.abs(ay), Math.abs(by)));
  let total = 0;
  for (let i = 1; i < cuts.length; i++) total += integrate(speed, cuts[i - 1], cuts[i], tolerance * (cuts[i] - cuts[i - 1]));
  return total;
}

/** An SVG arc in center parameterization (SVG 2, appendix B.2.4), after out-of-range radii are corrected. */
export interface ArcGeometry {
  /** Radii as written, made non-negative. */
  rx: number;
  ry: number;
  /** x-axis rotation as written, in degrees. */
  rotation: number;
  largeArc: boolean;
  sweep: boolean;
  /**
   * "arc": a real elliptical arc; "line": a radius is zero, so it is drawn as a
   * straight line; "omitted": start and end coincide, so nothing is drawn.
   */
  kind: 'arc' | 'line' | 'omitted';
  center: Point;
  /** Radii actually used: scaled up together when too small to reach the end point. */
  radiusX: number;
  radiusY: number;
  /** True when radiusX/radiusY differ from rx/ry. */
  corrected: boolean;
  /** Parameter angle at the start and the signed sweep, in radians (positive: clockwise on screen, y down). */
  startAngle: number;
  deltaAngle: number;
}

export function arcGeometry(from: Point, to: Point, rxIn: number, ryIn: number, rotation: number, largeArc: boolean, sweep: boolean): ArcGeometry {
  const rx0 = Math.abs(rxIn);
  const ry0 = Math.abs(ryIn);
  const base = { rx: rx0, ry: ry0, rotation, largeArc, sweep };
  if (from.x === to.x && from.y === to.y) {
    return { ...base, kind: 'omitted', center: { ...from }, radiusX: rx0, radiusY: ry0, corrected: false, startAngle: 0, deltaAngle: 0 };
  }
  if (rx0 === 0 || ry0 === 0) {
    return { ...base, kind: 'line', center: { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }, radiusX: rx0, radiusY: ry0, corrected: false, startAngle: 0, deltaAngle: 0 };
  }
  const phi = ((rotation % 360) * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (from.x - to.x) / 2;
  const dy = (from.y - to.y) / 2;
  const x1 = cos * dx + sin * dy;
  const y1 = -sin * dx + cos * dy;
  let rx = rx0;
  let ry = ry0;
  const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  const corrected = lambda > 1;
  if (corrected) {
    const s = Math.sqrt(lambda);
    rx *= s;
    ry *= s;
  }
  const num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  const den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  let coef = den === 0 ? 0 : Math.sqrt(Math.max(0, num / den));
  if (largeArc === sweep) coef = -coef;
  const cxp = (coef * rx * y1) / ry;
  const cyp = (-coef * ry * x1) / rx;
  const center = { x: cos * cxp - sin * cyp + (from.x + to.x) / 2, y: sin * cxp + cos * cyp + (from.y + to.y) / 2 };
  const ux = (x1 - cxp) / rx;
  const uy = (y1 - cyp) / ry;
  const vx = (-x1 - cxp) / rx;
  const vy = (-y1 - cyp) / ry;
  const startAngle = Math.atan2(uy, ux);
  let delta = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  else if (sweep && delta < 0) delta += 2 * Math.PI;
  return { ...base, kind: 'arc', center, radiusX: rx, radiusY: ry, corrected, startAngle, deltaAngle: delta };
}

export function arcPointAt(arc: ArcGeometry, theta: number): Point {
  const phi = ((arc.rotation % 360) * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const ex = arc.radiusX * Math.cos(theta);
  const ey = arc.radiusY * Math.sin(theta);
  return { x: arc.center.x + cos * ex - sin * ey, y: arc.center.y + sin * ex + cos * ey };
}

export function arcBox(arc: ArcGeometry, from: Point, to: Point): BBox {
  const box = pointBox(from);
  extendBox(box, to.x, to.y);
  if (arc.kind !== 'arc') return box;
  const phi = ((arc.rotation % 360) * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  // Parameter angles where dx/dθ = 0 and dy/dθ = 0, each with its opposite.
  const tx = Math.atan2(-arc.radiusY * sin, arc.radiusX * cos);
  const ty = Math.atan2(arc.radiusY * cos, arc.radiusX * sin);
  for (const base of [tx, ty]) {
    for (const theta of [base, base + Math.PI]) {
      if (angleWithin(theta, arc.startAngle, arc.deltaAngle)) {
        const p = arcPointAt(arc, theta);
        extendBox(box, p.x, p.y);
      }
    }
  }
  return box;
}

/** Whether angle theta lies on the sweep from start over delta (either sign). */
function angleWithin(theta: number, start: number, delta: number): boolean {
  const turn = 2 * Math.PI;
  if (Math.abs(delta) >= turn) return true;
  let offset = delta >= 0 ? theta - start : start - theta;
  offset = ((offset % turn) + turn) % turn;
  return offset <= Math.abs(delta);
}

export function arcLength(arc: ArcGeometry, from: Point, to: Point): number {
  if (arc.kind === 'omitted') return 0;
  if (arc.kind === 'line') return lineLength(from, to);
  const a = arc.radiusX;
  const b = arc.radiusY;
  const sweep = Math.abs(arc.deltaAngle);
  if (a === b) return a * sweep;
  const lo = Math.min(arc.startAngle, arc.startAngle + arc.deltaAngle);
  const a2 = a * a;
  const b2 = b * b;
  const speed = (t: number) => {
    const sin = Math.sin(t);
    return Math.sqrt(a2 * sin * sin + b2 * (1 - sin * sin));
  };
  return integrate(speed, lo, lo + sweep, lengthTolerance(Math.max(a, b) * sweep, Math.max(a, b)));
}

/** ∮-contribution ∫ (x dy − y dx) of a straight line; twice the signed area it adds. */
export function lineAreaTerm(a: Point, b: Point): number {
  return a.x * b.y - b.x * a.y;
}

// 3-point Gauss–Legendre: exact for the degree-5 polynomial x·y′ − y·x′ of a cubic.
const G3_X = [-Math.sqrt(3 / 5), 0, Math.sqrt(3 / 5)];
const G3_W = [5 / 9, 8 / 9, 5 / 9];

export function cubicAreaTerm(p0: Point, c1: Point, c2: Point, p3: Point): number {
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const t = (G3_X[i] + 1) / 2;
    const mt = 1 - t;
    const x = cubicAt(p0.x, c1.x, c2.x, p3.x, t);
    const y = cubicAt(p0.y, c1.y, c2.y, p3.y, t);
    const dx = 3 * (mt * mt * (c1.x - p0.x) + 2 * mt * t * (c2.x - c1.x) + t * t * (p3.x - c2.x));
    const dy = 3 * (mt * mt * (c1.y - p0.y) + 2 * mt * t * (c2.y - c1.y) + t * t * (p3.y - c2.y));
    sum += G3_W[i] * (x * dy - y * dx);
  }
  return sum / 2;
}

export function quadAreaTerm(p0: Point, c: Point, p2: Point): number {
  // Degree elevation: the same curve as a cubic.
  const c1 = { x: p0.x + (2 / 3) * (c.x - p0.x), y: p0.y + (2 / 3) * (c.y - p0.y) };
  const c2 = { x: p2.x + (2 / 3) * (c.x - p2.x), y: p2.y + (2 / 3) * (c.y - p2.y) };
  return cubicAreaTerm(p0, c1, c2, p2);
}

export function arcAreaTerm(arc: ArcGeometry, from: Point, to: Point): number {
  if (arc.kind === 'omitted') return 0;
  if (arc.kind === 'line') return lineAreaTerm(from, to);
  // For p = c + R·(rx cos θ, ry sin θ): x dy − y dx = c × dp + rx·ry dθ.
  return arc.radiusX * arc.radiusY * arc.deltaAngle + (arc.center.x * (to.y - from.y) - arc.center.y * (to.x - from.x));
}
