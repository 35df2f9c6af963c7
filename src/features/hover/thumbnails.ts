// Highlighted path thumbnails for hovers, rendered by the extension's render
// service; the latest ones are kept. A render that misses a hover's budget
// keeps going and lands in the cache, so hovering again shows it. No vscode
// import: the benchmarks drive it as the hover does.
import { standaloneSegment, type PathAt } from '../../core/svg/explain';
import type { PathSegment } from '../../core/svg/path';
import type { RenderService } from '../render';

/** How long a hover waits for its thumbnail before showing the text alone. */
export const THUMBNAIL_BUDGET_MS = 80;
/** Rendered at twice the shown width, for sharp HiDPI screens. */
const THUMBNAIL_SIZE = 192;
export const THUMBNAIL_SHOWN_WIDTH = 96;
const THUMBNAIL_CACHE_SIZE = 32;

export class ThumbnailCache {
  private readonly entries = new Map<string, Promise<string | undefined>>();

  constructor(private readonly renderer: RenderService, private readonly onFailure: (message: string) => void = () => undefined) {}

  /**
   * The thumbnail as a data: URI, or undefined when it is not ready within the
   * budget, when `cancelled` settles first, or when it cannot be rendered.
   * `key` names the document version and the segment.
   */
  async get(key: string, text: string, at: PathAt, seg: PathSegment, cancelled?: Promise<unknown>): Promise<string | undefined> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.render(text, at, seg);
      this.entries.set(key, entry);
      if (this.entries.size > THUMBNAIL_CACHE_SIZE) this.entries.delete(this.entries.keys().next().value!);
    }
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), THUMBNAIL_BUDGET_MS); });
    try {
      return await Promise.race([entry, budget, ...(cancelled ? [cancelled.then(() => undefined)] : [])]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async render(text: string, at: PathAt, seg: PathSegment): Promise<string | undefined> {
    try {
      const result = await this.renderer.render(text, {
        size: THUMBNAIL_SIZE,
        background: 'white',
        highlight: { segment: { elementRange: at.element.range, pathData: standaloneSegment(seg) } },
      });
      if (!result.ok) {
        this.onFailure(`hover thumbnail: ${result.error}`);
        return undefined;
      }
      return `data:image/png;base64,${Buffer.from(result.png).toString('base64')}`;
    } catch (e) {
      this.onFailure(`hover thumbnail failed: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.entries.clear();
  }
}
