import { describe, expect, it } from "vitest";
import type { CapturedEvent, EventBody } from "./capture/wire";
import { RecordFold } from "./records";

let seq = 0;
const ev = (t: number, b: EventBody, p = 1): CapturedEvent => ({ q: ++seq, p, t, b });

describe("RecordFold (the original's counting rules, as the stream processor applies them)", () => {
  it("counts every entry, tracks while unselected and counts only selecting clicks", () => {
    const fold = new RecordFold(1, ["a", "b"]);
    const events = [
      ev(1000, [3, 0]),
      ev(1000, [2, 0, 100, 200]),
      ev(1010, [2, 0, 110, 200]), // < 1000/60 ms: not tracked
      ev(1020, [2, 0, 120, 200]),
      ev(1100, [5, 0, 5000, 5000, 1]),
      ev(1120, [2, 0, 130, 200]), // selected: not tracked
      ev(1200, [4, 0]),
      ev(1300, [3, 0]), // entering a selected image still counts
      ev(1400, [5, 0, 2500, 2500, 0]), // de-selecting: no record
      ev(1420, [2, 0, 140, 200]),
      ev(1500, [4, 0]),
    ];
    for (const e of events) fold.apply(e);
    const r = fold.record(0)!;
    expect(r.hoveredCount).toBe(2);
    expect(r.hoveredRecord.map((h) => h.action)).toEqual(["enter", "leave", "enter", "leave"]);
    expect(r.mouseTracking).toEqual([
      { x: 0.01, y: 0.02, time: 1000 },
      { x: 0.012, y: 0.02, time: 1020 },
      { x: 0.014, y: 0.02, time: 1420 },
    ]);
    expect(r.selected).toBe(false);
    expect(r.selectedCount).toBe(1);
    expect(r.selectedRecord).toEqual([{ x: 0.5, y: 0.5, time: 1100 }]);
    // 1000..1100 (until the selecting click) + 1420..1500 (from the first tracked point)
    expect(r.estimateTime).toBe(100 + 80);
    expect(fold.record(1)!.hoveredCount).toBe(0);
  });

  it("takes the latest layout, ignores other pages and ends a running hover at PageSubmitted", () => {
    const fold = new RecordFold(2, ["a"]);
    fold.apply(ev(1, [1, 0, 10.4, 20.6, 340, 255, 500, 375], 2));
    fold.apply(ev(2, [1, 0, 10, 400, 340, 255, 500, 375], 2));
    fold.apply(ev(3, [3, 0], 1));
    fold.apply(ev(10, [3, 0], 2));
    fold.apply(ev(10, [2, 0, 0, 0], 2));
    expect(fold.liveEstimate(0, 60)).toBe(50);
    fold.apply(ev(110, [8, "page", 1, 0], 2));
    const r = fold.record(0)!;
    expect(r).toMatchObject({ imagePosition: { x: 10, y: 400 }, imageWidth: 340, imageHeight: 255, originalImageWidth: 500, originalImageHeight: 375 });
    expect(r.hoveredCount).toBe(1);
    expect(r.estimateTime).toBe(100);
  });
});
