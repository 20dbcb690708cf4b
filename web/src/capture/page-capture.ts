/**
 * The events of one shown page: hover enter/leave, sampled pointer positions (also over
 * selected images: the raw stream keeps everything), clicks with the state they produced, and
 * image layouts when they change. Stopped when the page is submitted: nothing of it is
 * recorded after its PageSubmitted.
 */
import type { Recorder } from "./recorder";
import { PointerSampler } from "./sampler";
import { px, toFixedPoint } from "./wire";

export interface Layout {
  x: number;
  y: number;
  w: number;
  h: number;
  nw: number;
  nh: number;
}

export class PageCapture {
  private active = true;
  private readonly layouts = new Map<number, string>();
  /** Main-thread cost of pointer moves (see web/README.md). */
  readonly stats = { moves: 0, samples: 0, moveMs: 0 };

  constructor(
    private readonly recorder: Recorder,
    readonly page: number,
    private readonly sampler: PointerSampler = new PointerSampler(),
    private readonly now: () => number = Date.now,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  stop(): void {
    this.active = false;
  }

  enter(i: number): void {
    if (!this.active) return;
    this.sampler.enter(i);
    this.recorder.record(this.page, [3, i]);
  }

  leave(i: number): void {
    if (!this.active) return;
    this.recorder.record(this.page, [4, i]);
  }

  /**
   * A pointer move over image `i` at fractions (fx, fy) of its rendered size.
   * @return whether it became a sample
   */
  move(i: number, fx: number, fy: number, time: number = this.now()): boolean {
    if (!this.active) return false;
    this.stats.moves++;
    if (!this.sampler.accept(i, time)) return false;
    this.stats.samples++;
    this.recorder.record(this.page, [2, i, toFixedPoint(fx), toFixedPoint(fy)], time);
    return true;
  }

  click(i: number, fx: number, fy: number, selected: boolean): void {
    if (!this.active) return;
    this.recorder.record(this.page, [5, i, toFixedPoint(fx), toFixedPoint(fy), selected ? 1 : 0]);
  }

  /** Records the layout of image `i` unless it is the same as the last one recorded. */
  layout(i: number, layout: Layout): boolean {
    if (!this.active) return false;
    const body: [1, number, number, number, number, number, number, number] = [
      1,
      i,
      px(layout.x),
      px(layout.y),
      px(layout.w),
      px(layout.h),
      Math.round(layout.nw),
      Math.round(layout.nh),
    ];
    const key = body.join(",");
    if (this.layouts.get(i) === key) return false;
    this.layouts.set(i, key);
    this.recorder.record(this.page, body);
    return true;
  }

  visibility(visible: boolean): void {
    if (this.active) this.recorder.record(this.page, [6, visible ? 1 : 0]);
  }

  focus(focused: boolean): void {
    if (this.active) this.recorder.record(this.page, [7, focused ? 1 : 0]);
  }
}
