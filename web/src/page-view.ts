/**
 * One page on screen: the instructions, the grid of images and the footer, wired to the page's
 * capture (pointer, hover, clicks, layout), its in-browser record fold and, in the admin or debug
 * view, the live per-image panels. Rendering and capture only: what happens on Submit is the flow's.
 */
import type { ImageNetHitPage } from "./api";
import { LayoutWatcher } from "./capture/layout";
import { PageCapture } from "./capture/page-capture";
import type { Recorder } from "./capture/recorder";
import type { PointerSampler } from "./capture/sampler";
import { blursImages, showsPointer, type Version } from "./params";
import type { PageProgress } from "./progress";
import { RecordFold } from "./records";
import { AdminPanels } from "./ui/admin";
import { el } from "./ui/dom";
import { Grid } from "./ui/grid";
import { footer, instructions } from "./ui/screens";

/** What the view reports about the pointer's cost (the page's measurements). */
export interface MoveStats {
  moves: number;
  samples: number;
  moveMs: number;
  maxMoveMs: number;
}

export interface PageViewOptions {
  no: number;
  pageCount: number;
  page: ImageNetHitPage;
  recorder: Recorder;
  sampler: PointerSampler;
  version: Version;
  /** Show the dots and the live per-image panels (admin view, `debug=1`). */
  debug: boolean;
  /** The page's saved state; its selection is kept up to date here. */
  state: PageProgress;
  stats: MoveStats;
  /** The selection changed (save it). */
  onSelect: () => void;
  onSubmit: (button: HTMLButtonElement) => void;
}

export class PageView {
  readonly element: HTMLElement;
  readonly fold: RecordFold;
  readonly capture: PageCapture;
  private readonly grid: Grid;
  private readonly header: HTMLElement;
  private readonly unfold: () => void;
  private readonly admin: AdminPanels | null;
  private layout: LayoutWatcher | null = null;

  constructor(o: PageViewOptions) {
    const table = o.page.images.map((image) => image.id);
    const fold = new RecordFold(o.no, table, Object.keys(o.state.selected).map(Number));
    this.fold = fold;
    this.unfold = o.recorder.onEvent((e) => fold.apply(e));
    o.recorder.record(o.no, [0, o.page.class.id, o.page.class.wnid ?? null, o.page.class.synset ?? [], o.pageCount]);
    const capture = new PageCapture(o.recorder, o.no, o.sampler);
    this.capture = capture;
    const grid = new Grid({
      images: o.page.images,
      blur: blursImages(o.version),
      pointer: showsPointer(o.version) || o.debug,
      selected: o.state.selected,
      sink: {
        enter: (i) => capture.enter(i),
        move: (i, fx, fy) => {
          const sampled = capture.move(i, fx, fy);
          if (sampled) o.stats.samples++;
          return sampled;
        },
        leave: (i) => capture.leave(i),
        click: (i, fx, fy, selected) => {
          capture.click(i, fx, fy, selected);
          o.state.selected = grid.selection();
          o.onSelect();
        },
        broken: (i) => grid.drop(i),
      },
      onMoveCost: (ms) => {
        o.stats.moves++;
        o.stats.moveMs += ms;
        if (ms > o.stats.maxMoveMs) o.stats.maxMoveMs = ms;
      },
    });
    this.grid = grid;
    this.admin = o.debug ? new AdminPanels(grid, o.recorder, fold) : null;
    const bottom = footer(o.no, o.pageCount);
    bottom.button.addEventListener("click", () => o.onSubmit(bottom.button));
    this.header = instructions(o.page.class);
    this.header.tabIndex = -1;
    this.element = el("div", { class: "page" }, this.header, grid.element, grid.announcer, bottom.element);
  }

  /** Once the element is in the document: starts measuring the images' layout; a later page moves focus to its heading. */
  shown(no: number): void {
    this.layout = new LayoutWatcher(this.grid.images(), (i, layout) => this.capture.layout(i, layout), this.grid.element);
    if (no > 1) this.header.focus({ preventScroll: true });
  }

  /** The image under the pointer, if any. */
  get hoveredIndex(): number | null {
    return this.grid.hoveredIndex;
  }

  stop(): void {
    this.unfold();
    this.capture.stop();
    this.layout?.stop();
    this.admin?.stop();
  }
}
