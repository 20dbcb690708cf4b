import { describe, expect, it } from "vitest";
import type { StoredEvent } from "./store";
import { UnsavedEvents } from "./unsaved-events";

const ev = (q: number): StoredEvent => ({ s: "S1", q, p: 1, t: q, b: [2, 0, q, q] });

describe("UnsavedEvents", () => {
  it("counts events while they wait and while they are written, and forgets them when the write ends", () => {
    const unsaved = new UnsavedEvents();
    [1, 2].forEach((q) => unsaved.add(ev(q)));
    const batch = unsaved.startWrite();
    unsaved.add(ev(3));
    expect(unsaved.waitingCount).toBe(1);
    expect(unsaved.size).toBe(3);
    unsaved.writeEnded(batch);
    expect(unsaved.all().map((e) => e.q)).toEqual([3]);
  });

  it("puts a failed batch back before newer events, without those forgotten meanwhile", () => {
    const unsaved = new UnsavedEvents();
    [1, 2, 3].forEach((q) => unsaved.add(ev(q)));
    const batch = unsaved.startWrite();
    unsaved.add(ev(4));
    unsaved.forget((e) => e.q === 2);
    unsaved.writeFailed(batch);
    unsaved.writeEnded(batch);
    expect(unsaved.startWrite().map((e) => e.q)).toEqual([1, 3, 4]);
  });
});
