import { describe, expect, it } from "vitest";
import { PageCapture } from "./page-capture";
import { LocalRecorder } from "./recorder";
import { PointerSampler } from "./sampler";
import type { CapturedEvent } from "./wire";

function setup(now = () => 1000) {
  const recorder = new LocalRecorder(now);
  const events: CapturedEvent[] = [];
  recorder.onEvent((e) => events.push(e));
  return { capture: new PageCapture(recorder, 3, new PointerSampler(), now), events };
}

describe("PageCapture", () => {
  it("numbers every event of the session in order and stamps page and client time", () => {
    let clock = 5000;
    const { capture, events } = setup(() => clock);
    capture.enter(0);
    capture.move(0, 0.1, 0.2, (clock += 1));
    capture.move(0, 0.11, 0.2, (clock += 5)); // throttled
    capture.move(0, 0.3, 0.4, (clock += 20));
    capture.click(0, 0.3, 0.4, true);
    capture.move(0, 0.31, 0.4, (clock += 20)); // over a selected image: still raw-sampled
    capture.leave(0);
    expect(events.map((e) => e.q)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.every((e) => e.p === 3)).toBe(true);
    expect(events.map((e) => e.b)).toEqual([
      [3, 0],
      [2, 0, 1000, 2000],
      [2, 0, 3000, 4000],
      [5, 0, 3000, 4000, 1],
      [2, 0, 3100, 4000],
      [4, 0],
    ]);
    expect(events[1]!.t).toBe(5001);
    expect(capture.stats).toMatchObject({ moves: 4, samples: 3 });
  });

  it("records a layout only when it changed", () => {
    const { capture, events } = setup();
    const layout = { x: 132.004, y: 424, w: 340, h: 255, nw: 500, nh: 375 };
    expect(capture.layout(0, layout)).toBe(true);
    expect(capture.layout(0, { ...layout })).toBe(false);
    expect(capture.layout(1, layout)).toBe(true);
    expect(capture.layout(0, { ...layout, y: 600 })).toBe(true);
    expect(events.map((e) => e.b)).toEqual([
      [1, 0, 132, 424, 340, 255, 500, 375],
      [1, 1, 132, 424, 340, 255, 500, 375],
      [1, 0, 132, 600, 340, 255, 500, 375],
    ]);
  });

  it("records visibility and focus changes, and nothing once stopped (the page was submitted)", () => {
    const { capture, events } = setup();
    capture.visibility(false);
    capture.focus(true);
    capture.stop();
    capture.enter(1);
    capture.move(1, 0.5, 0.5);
    capture.click(1, 0.5, 0.5, true);
    capture.visibility(true);
    expect(capture.layout(1, { x: 0, y: 0, w: 1, h: 1, nw: 1, nh: 1 })).toBe(false);
    expect(events.map((e) => e.b)).toEqual([
      [6, 0],
      [7, 1],
    ]);
  });
});
