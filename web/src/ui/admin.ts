/**
 * The admin/debug view: under each image, its live record (hovered, selected, estimate time,
 * position, size, tracked points) folded from the raw events with the server's rules, and a
 * replay of the image's recorded trajectory (an orange dot moving with the recorded timing).
 */
import type { Recorder } from "../capture/recorder";
import type { RecordFold, TrackPoint } from "../records";
import { el } from "./dom";
import type { Grid } from "./grid";

export class AdminPanels {
  private readonly panels = new Map<number, HTMLElement>();
  private frame = 0;
  private readonly unsubscribe: () => void;
  private replaying: { cancel: () => void } | null = null;

  constructor(
    private readonly grid: Grid,
    recorder: Recorder,
    private readonly fold: RecordFold,
  ) {
    for (const cell of grid.cells) {
      const panel = el("dl", { class: "debug", "aria-label": `Record of image ${cell.index + 1}` });
      const replay = el("button", { type: "button", class: "replay" }, "Replay trajectory");
      replay.addEventListener("click", () => this.replay(cell.index));
      cell.item.append(panel, replay);
      this.panels.set(cell.index, panel);
    }
    // the flow folds each event first (it subscribed earlier); this only redraws
    this.unsubscribe = recorder.onEvent(() => this.schedule());
    this.render();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const now = Date.now();
    for (const [i, panel] of this.panels) {
      const r = this.fold.record(i);
      if (!r) continue;
      const rows: [string, string][] = [
        ["Hovered", String(r.hoveredCount)],
        ["Selected", `${r.selected ? "yes" : "no"} (${r.selectedCount}×)`],
        ["Estimate time", `${this.fold.liveEstimate(i, now)} ms`],
        ["Position", `${r.imagePosition.x}, ${r.imagePosition.y}`],
        ["Size", `${r.imageWidth}×${r.imageHeight} (${r.originalImageWidth}×${r.originalImageHeight})`],
        ["Tracked points", String(r.mouseTracking.length)],
      ];
      panel.replaceChildren(...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { "data-field": k }, v)]));
    }
  }

  /** Plays the image's tracked points back with their recorded timing. */
  replay(i: number): void {
    this.replaying?.cancel();
    const cell = this.grid.cells.find((c) => c.index === i);
    const points: TrackPoint[] = [...(this.fold.record(i)?.mouseTracking ?? [])];
    if (!cell || !points.length) return;
    const ghost = el("span", { class: "dot replay-dot", "aria-hidden": "true" });
    cell.frame.append(ghost);
    const t0 = points[0]!.time;
    const start = performance.now();
    let raf = 0;
    let k = 0;
    const step = () => {
      const elapsed = performance.now() - start;
      while (k < points.length - 1 && points[k + 1]!.time - t0 <= elapsed) k++;
      const p = points[k]!;
      ghost.style.left = `${p.x * 100}%`;
      ghost.style.top = `${p.y * 100}%`;
      if (k < points.length - 1) raf = requestAnimationFrame(step);
      else setTimeout(() => ghost.remove(), 600);
    };
    step();
    this.replaying = {
      cancel: () => {
        cancelAnimationFrame(raf);
        ghost.remove();
      },
    };
  }

  stop(): void {
    this.unsubscribe();
    this.replaying?.cancel();
    if (this.frame) cancelAnimationFrame(this.frame);
  }
}
