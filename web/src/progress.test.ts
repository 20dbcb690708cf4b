import { describe, expect, it } from "vitest";
import { MemoryStorage } from "./capture/test-support";
import { loadProgress, progressKey, saveProgress } from "./progress";

const key = { hitDatasetName: "ds", imageNetHitId: "hit|1", workerId: "W 1" };

describe("progress", () => {
  it("is kept per dataset, HIT and worker, and read back", () => {
    const store = new MemoryStorage();
    expect(loadProgress(key, store)).toBeNull();
    saveProgress(key, { id: "a", submitted: 1, done: false, hitStartedAt: 5, page: { no: 2, startedAt: 9, selected: { "3": [0.5, 0.25] } } }, store);
    expect(loadProgress(key, store)).toEqual({ id: "a", submitted: 1, done: false, hitStartedAt: 5, page: { no: 2, startedAt: 9, selected: { "3": [0.5, 0.25] } } });
    expect(loadProgress({ ...key, workerId: "W 2" }, store)).toBeNull();
    expect(progressKey(key)).not.toBe(progressKey({ ...key, imageNetHitId: "hit", hitDatasetName: "ds|1" }));
  });

  it("ignores what it cannot read", () => {
    const store = new MemoryStorage();
    store.setItem(progressKey(key), "{broken");
    expect(loadProgress(key, store)).toBeNull();
    store.setItem(progressKey(key), JSON.stringify({ id: 3 }));
    expect(loadProgress(key, store)).toBeNull();
  });
});
