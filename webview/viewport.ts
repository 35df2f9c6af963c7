// Zoom and pan of the stage inside the viewport. The image is sized to
// intrinsic size × zoom (so the browser rasterises the vector at that scale and
// stays sharp), and moved with a translate. Zoom and pan are plain numbers that
// updates never touch, which is what keeps them across edits.

export interface ViewState {
  zoom: number;
  panX: number;
  panY: number;
  /** True until the user zooms or pans: a fitted view refits when the image or panel size changes. */
  fitted: boolean;
}

const MIN_ZOOM = 1 / 32;
const MAX_ZOOM = 256;
const STEP = 1.25;
const MARGIN = 16;

export class Viewport {
  view: ViewState;
  private width = 300;
  private height = 150;

  constructor(
    private readonly host: HTMLElement,
    private readonly stage: HTMLElement,
    initial: Partial<ViewState>,
    private readonly onChange: (v: ViewState) => void,
  ) {
    this.view = { zoom: initial.zoom ?? 1, panX: initial.panX ?? 0, panY: initial.panY ?? 0, fitted: initial.fitted ?? true };
  }

  /** Sets the image's intrinsic size (CSS px at 100%). */
  setContentSize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    if (this.view.fitted) this.fit(); else this.apply();
  }

  get contentSize(): { width: number; height: number } { return { width: this.width, height: this.height }; }

  fit(): void {
    const w = Math.max(1, this.host.clientWidth - 2 * MARGIN);
    const h = Math.max(1, this.host.clientHeight - 2 * MARGIN);
    const zoom = clamp(Math.min(w / this.width, h / this.height));
    this.view = { zoom, panX: (this.host.clientWidth - this.width * zoom) / 2, panY: (this.host.clientHeight - this.height * zoom) / 2, fitted: true };
    this.apply();
  }

  actualSize(): void {
    this.view = { zoom: 1, panX: (this.host.clientWidth - this.width) / 2, panY: (this.host.clientHeight - this.height) / 2, fitted: false };
    this.apply();
  }

  /** Multiplies the zoom by `factor`, keeping the point (cx, cy) in viewport coordinates still. */
  zoomBy(factor: number, cx = this.host.clientWidth / 2, cy = this.host.clientHeight / 2): void {
    const zoom = clamp(this.view.zoom * factor);
    const k = zoom / this.view.zoom;
    this.view = { zoom, panX: cx - (cx - this.view.panX) * k, panY: cy - (cy - this.view.panY) * k, fitted: false };
    this.apply();
  }

  zoomIn(): void { this.zoomBy(STEP); }
  zoomOut(): void { this.zoomBy(1 / STEP); }

  panBy(dx: number, dy: number): void {
    this.view = { ...this.view, panX: this.view.panX + dx, panY: this.view.panY + dy, fitted: false };
    this.apply();
  }

  /** Re-applies after the panel is resized. */
  relayout(): void { if (this.view.fitted) this.fit(); }

  private apply(): void {
    const s = this.stage.style;
    s.width = `${this.width * this.view.zoom}px`;
    s.height = `${this.height * this.view.zoom}px`;
    s.transform = `translate(${this.view.panX}px, ${this.view.panY}px)`;
    this.host.style.setProperty('--zoom', String(this.view.zoom));
    this.onChange(this.view);
  }
}

function clamp(z: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Number.isFinite(z) && z > 0 ? z : 1));
}

/** Intrinsic size in CSS px from the root's width/height/viewBox, as a browser would size an <img>. */
export function intrinsicSize(root: { width?: string; height?: string; viewBox?: string } | null): { width: number; height: number } {
  const length = (v: string | undefined): number | undefined => {
    const m = v?.trim().match(/^([\d.]+(?:e[+-]?\d+)?)(px)?$/i);
    const n = m ? Number(m[1]) : NaN;
    return n > 0 && Number.isFinite(n) ? n : undefined;
  };
  const vb = root?.viewBox?.trim().split(/[\s,]+/).map(Number);
  const vbw = vb && vb.length === 4 && vb[2] > 0 ? vb[2] : undefined;
  const vbh = vb && vb.length === 4 && vb[3] > 0 ? vb[3] : undefined;
  let w = length(root?.width);
  let h = length(root?.height);
  if (w === undefined && h === undefined) { w = vbw; h = vbh; }
  else if (w === undefined && h !== undefined) w = vbw && vbh ? h * vbw / vbh : h;
  else if (h === undefined && w !== undefined) h = vbw && vbh ? w * vbh / vbw : w;
  return { width: w ?? 300, height: h ?? 150 };
}
