/**
 * The grid of candidate images: 3 columns of 340 px cells, each image a toggle button with an
 * accessible name; a blue border when selected; blurred until hovered or selected in the
 * `*_NO_ORIGINAL` versions; a 10 px red dot in the `POINTER_*` versions, at the last sampled
 * pointer position and pinned where the image was clicked while it is selected. Pointer and
 * click positions are fractions of the rendered image (offsetX / width, offsetY / height).
 */
import type { ImageNetImage } from "../api";
import { fraction } from "../capture/sampler";
import { el } from "./dom";

/** Where the grid reports what the worker does. */
export interface GridSink {
  enter(i: number): void;
  /** @return whether the move became a sample (the dot follows samples, as in the original) */
  move(i: number, fx: number, fy: number): boolean;
  leave(i: number): void;
  click(i: number, fx: number, fy: number, selected: boolean): void;
  /** The image could not be loaded. */
  broken(i: number): void;
}

export interface GridOptions {
  images: readonly ImageNetImage[];
  blur: boolean;
  pointer: boolean;
  /** Images already selected (a reload): index → click position. */
  selected?: Readonly<Record<string, readonly [number, number]>>;
  sink: GridSink;
  /** Called with the time spent in each pointer-move handler (ms), to measure capture's cost. */
  onMoveCost?: (ms: number) => void;
}

export interface Cell {
  index: number;
  item: HTMLElement;
  button: HTMLButtonElement;
  frame: HTMLElement;
  img: HTMLImageElement;
  dot: HTMLElement;
  selected: boolean;
  /** The last point (fractions) — of a sample while unselected, or of the selecting click. */
  point: [number, number] | null;
}

export class Grid {
  readonly element: HTMLElement;
  readonly cells: Cell[] = [];
  readonly announcer: HTMLElement;
  private hovered: number | null = null;

  constructor(private readonly options: GridOptions) {
    const n = options.images.length;
    this.element = el("div", { class: `grid${options.blur ? " blur" : ""}${options.pointer ? " pointer" : ""}`, role: "group", "aria-label": "Candidate images" });
    this.announcer = el("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    options.images.forEach((image, index) => {
      const img = el("img", { src: image.url || image.originalUrl || "", alt: "", draggable: "false", "data-image-id": image.id });
      const dot = el("span", { class: "dot", "aria-hidden": "true" });
      dot.hidden = true;
      const frame = el("span", { class: "frame" }, img, dot);
      const button = el(
        "button",
        { class: "cell", type: "button", "aria-pressed": "false", "aria-label": `Image ${index + 1} of ${n}`, "data-index": String(index) },
        el("span", { class: "view" }, frame),
      );
      const item = el("div", { class: "item" }, button);
      const cell: Cell = { index, item, button, frame, img, dot, selected: false, point: null };
      this.cells.push(cell);
      this.element.append(item);
      this.listen(cell);
      const restored = options.selected?.[String(index)];
      if (restored) {
        cell.point = [restored[0], restored[1]];
        this.setSelected(cell, true);
      }
    });
  }

  private listen(cell: Cell): void {
    const { img, button, index } = cell;
    const sink = this.options.sink;
    img.addEventListener("pointerenter", () => {
      this.hovered = index;
      button.classList.add("hovered");
      sink.enter(index);
    });
    img.addEventListener("pointerleave", () => {
      if (this.hovered === index) this.hovered = null;
      button.classList.remove("hovered");
      sink.leave(index);
    });
    img.addEventListener("pointermove", (event) => {
      const start = performance.now();
      const fx = fraction(event.offsetX, img.offsetWidth);
      const fy = fraction(event.offsetY, img.offsetHeight);
      if (sink.move(index, fx, fy) && !cell.selected) {
        cell.point = [fx, fy];
        this.showDot(cell);
      }
      this.options.onMoveCost?.(performance.now() - start);
    });
    img.addEventListener("error", () => sink.broken(index));
    button.addEventListener("click", (event) => {
      let fx: number;
      let fy: number;
      if (event.target === img) {
        fx = fraction(event.offsetX, img.offsetWidth);
        fy = fraction(event.offsetY, img.offsetHeight);
      } else if (event.detail === 0) {
        // the keyboard (Enter or Space): no pointer position, the image's centre
        fx = 0.5;
        fy = 0.5;
      } else {
        return; // a click beside the image, in the cell's margin
      }
      const selected = !cell.selected;
      cell.point = [fx, fy];
      this.setSelected(cell, selected);
      sink.click(index, fx, fy, selected);
      this.announcer.textContent = `Image ${index + 1} ${selected ? "selected" : "not selected"}`;
    });
  }

  private setSelected(cell: Cell, selected: boolean): void {
    cell.selected = selected;
    cell.button.classList.toggle("selected", selected);
    cell.button.setAttribute("aria-pressed", String(selected));
    this.showDot(cell);
  }

  private showDot(cell: Cell): void {
    if (!cell.point) return;
    cell.dot.style.left = `${cell.point[0] * 100}%`;
    cell.dot.style.top = `${cell.point[1] * 100}%`;
    cell.dot.hidden = false;
  }

  /** The image under the pointer, if any. */
  get hoveredIndex(): number | null {
    return this.hovered;
  }

  /** Selected images: index → click position. */
  selection(): Record<string, [number, number]> {
    const out: Record<string, [number, number]> = {};
    for (const cell of this.cells) if (cell.selected && cell.point) out[String(cell.index)] = [cell.point[0], cell.point[1]];
    return out;
  }

  /** Removes a cell (an image that failed to load and has no replacement). */
  drop(i: number): void {
    const cell = this.cells.find((c) => c.index === i);
    cell?.item.remove();
  }

  images(): Map<number, HTMLImageElement> {
    return new Map(this.cells.map((c) => [c.index, c.img]));
  }
}
