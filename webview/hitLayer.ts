// The transparent layer over the image that answers "which element is under
// this point" and "where is element N". It is rebuilt from the geometry list the
// extension sends (never from the SVG text), element by element with
// createElementNS and an allowlist re-checked here, so nothing in it can run,
// link or load; the browser's own hit testing and layout do the geometry.
import type { GeometryElement, RootGeometry } from '../src/shared/previewProtocol';

const SVG_NS = 'http://www.w3.org/2000/svg';
const ELEMENTS = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'g', 'text', 'tspan']);
const ATTRIBUTES = new Set([
  'd', 'x', 'y', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'x1', 'y1', 'x2', 'y2', 'points', 'dx', 'dy',
  'transform', 'fill', 'stroke', 'stroke-width', 'fill-rule', 'display', 'visibility', 'stroke-linecap',
  'stroke-linejoin', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'vector-effect',
]);

export class HitLayer {
  private byId = new Map<number, SVGGraphicsElement>();

  constructor(private readonly svg: SVGSVGElement) {}

  rebuild(root: RootGeometry | null, elements: readonly GeometryElement[]): void {
    this.svg.replaceChildren();
    this.byId.clear();
    if (root?.viewBox) this.svg.setAttribute('viewBox', root.viewBox); else this.svg.removeAttribute('viewBox');
    if (root?.preserveAspectRatio) this.svg.setAttribute('preserveAspectRatio', root.preserveAspectRatio);
    else this.svg.removeAttribute('preserveAspectRatio');
    for (const e of elements) {
      if (!ELEMENTS.has(e.name)) continue;
      const node = document.createElementNS(SVG_NS, e.name) as SVGGraphicsElement;
      for (const [name, value] of e.attrs) if (ATTRIBUTES.has(name)) node.setAttribute(name, value);
      if (e.text !== undefined) node.textContent = e.text;
      node.dataset.id = String(e.id);
      (this.byId.get(e.parent) ?? this.svg).appendChild(node);
      this.byId.set(e.id, node);
    }
  }

  /** Id of the topmost element drawn at a client point, or null. */
  idAt(clientX: number, clientY: number): number | null {
    for (const el of document.elementsFromPoint(clientX, clientY)) {
      if (el === this.svg) break;
      if (el instanceof SVGElement && this.svg.contains(el) && el.dataset.id !== undefined) return Number(el.dataset.id);
    }
    return null;
  }

  /** Client rectangle of element `id`, or undefined when it is unknown or not laid out. */
  rectOf(id: number): DOMRect | undefined {
    const el = this.byId.get(id);
    if (!el) return undefined;
    const r = el.getBoundingClientRect();
    return r.width || r.height || r.x || r.y ? r : undefined;
  }

  /** Client coordinates of a point given in the SVG's user units. */
  toClient(x: number, y: number): { x: number; y: number } | undefined {
    const m = this.svg.getScreenCTM();
    if (!m) return undefined;
    const p = new DOMPoint(x, y).matrixTransform(m);
    return { x: p.x, y: p.y };
  }
}
