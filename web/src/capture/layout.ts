/**
 * Measures every image's layout — position in the page, rendered size, natural size — when it
 * loads, and again after resizes, scrolling and size changes of the grid (debounced); only
 * changed layouts are recorded.
 */
import type { Layout } from "./page-capture";

export type LayoutSink = (i: number, layout: Layout) => void;

export function measure(img: HTMLImageElement): Layout | null {
  if (!img.isConnected || !img.complete || img.naturalWidth === 0) return null;
  const rect = img.getBoundingClientRect();
  return {
    x: rect.left + window.scrollX,
    y: rect.top + window.scrollY,
    w: rect.width,
    h: rect.height,
    nw: img.naturalWidth,
    nh: img.naturalHeight,
  };
}

export class LayoutWatcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly observer: ResizeObserver | null;
  private readonly onChange = () => this.schedule();

  constructor(
    private readonly images: ReadonlyMap<number, HTMLImageElement>,
    private readonly sink: LayoutSink,
    container: Element,
    private readonly delayMs = 150,
  ) {
    for (const [i, img] of images) {
      if (img.complete && img.naturalWidth > 0) this.measureOne(i, img);
      img.addEventListener("load", () => {
        this.measureOne(i, img);
        this.schedule();
      });
    }
    window.addEventListener("resize", this.onChange);
    window.addEventListener("scroll", this.onChange, { passive: true });
    this.observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(this.onChange);
    this.observer?.observe(container);
  }

  private measureOne(i: number, img: HTMLImageElement): void {
    const layout = measure(img);
    if (layout) this.sink(i, layout);
  }

  /** Measures all images after things settle (a late image can move the rows below it). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.measureAll();
    }, this.delayMs);
  }

  measureAll(): void {
    for (const [i, img] of this.images) this.measureOne(i, img);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    window.removeEventListener("resize", this.onChange);
    window.removeEventListener("scroll", this.onChange);
    this.observer?.disconnect();
  }
}
