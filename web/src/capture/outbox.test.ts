import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { Outbox, SPILL_PREFIX } from "./outbox";
import { IndexedDbStore, MemoryStore, type StoredEvent } from "./store";
import { MemoryStorage, hello } from "./test-support";

const sample = (s: string, q: number, p = 1): StoredEvent => ({ s, q, p, t: 1000 + q, b: [2, 0, q, q] });

async function withSession(store = new MemoryStore(), options = {}) {
  const outbox = await Outbox.open(store, { spill: new MemoryStorage(), ...options });
  await outbox.addSession({ s: "S1", hello: hello("S1"), createdAt: 1 });
  return { outbox, store };
}

describe("Outbox", () => {
  it("keeps events until acked, saves them in batches and forgets acked ones in the store too", async () => {
    const { outbox, store } = await withSession();
    for (let q = 1; q <= 5; q++) outbox.add(sample("S1", q));
    expect(outbox.pending("S1").map((e) => e.q)).toEqual([1, 2, 3, 4, 5]);
    expect(outbox.pending("S1", 3).map((e) => e.q)).toEqual([4, 5]);
    expect(store.events.size).toBe(0);
    await outbox.save();
    expect(store.events.size).toBe(5);
    outbox.ack("S1", 3);
    await outbox.settled();
    expect(outbox.pending("S1").map((e) => e.q)).toEqual([4, 5]);
    expect([...store.events.values()].map((e) => e.q)).toEqual([4, 5]);
    expect(outbox.count()).toBe(2);
  });

  it("never writes an event acked before it was saved", async () => {
    const { outbox, store } = await withSession();
    outbox.add(sample("S1", 1));
    outbox.add(sample("S1", 2));
    outbox.ack("S1", 1);
    await outbox.save();
    expect([...store.events.values()].map((e) => e.q)).toEqual([2]);
  });

  it("resolves whenDrained once every event of the matching sessions is acked or refused", async () => {
    const { outbox } = await withSession();
    await outbox.addSession({ s: "OTHER", hello: hello("OTHER", "ann-2"), createdAt: 2 });
    outbox.add(sample("S1", 1));
    outbox.add(sample("S1", 2));
    outbox.add(sample("OTHER", 1));
    let drained = false;
    const wait = outbox.whenDrained((s) => s.hello.a === "ann-1").then(() => (drained = true));
    outbox.ack("S1", 1);
    await Promise.resolve();
    expect(drained).toBe(false);
    expect(outbox.drop("S1", 2, 2)).toBe(1);
    await wait;
    expect(drained).toBe(true);
    expect(outbox.stats.refused).toBe(1);
    expect(outbox.count()).toBe(1);
  });

  it("is capped: above maxEvents the oldest pointer samples go first, lifecycle events stay", async () => {
    const { outbox } = await withSession(new MemoryStore(), { maxEvents: 100 });
    outbox.add({ s: "S1", q: 1, p: 1, t: 1, b: [0, "c", null, [], 3] });
    for (let q = 2; q <= 150; q++) outbox.add(sample("S1", q));
    outbox.add({ s: "S1", q: 151, p: 1, t: 1, b: [8, "page", 1, 0] });
    expect(outbox.count()).toBeLessThanOrEqual(100);
    const kept = outbox.pending("S1");
    expect(kept[0]!.b[0]).toBe(0);
    expect(kept[kept.length - 1]!.b[0]).toBe(8);
    expect(kept.slice(1, -1).every((e, k, all) => k === 0 || e.q > all[k - 1]!.q)).toBe(true);
    expect(kept[1]!.q).toBeGreaterThan(2); // the oldest samples were evicted
    expect(outbox.stats.evicted).toBe(151 - kept.length);
  });

  it("spills unsaved events into localStorage on page hide and takes them back on the next load", async () => {
    const spill = new MemoryStorage();
    const store = new MemoryStore();
    const first = await Outbox.open(store, { spill });
    await first.addSession({ s: "S1", hello: hello("S1"), createdAt: 1 });
    await first.addTable("S1", 1, ["x", "y"]);
    first.add(sample("S1", 1));
    await first.save();
    first.add(sample("S1", 2));
    first.add(sample("S1", 3));
    first.spill(); // the page goes away before the next save
    expect(spill.length).toBe(1);
    expect(spill.key(0)).toBe(`${SPILL_PREFIX}S1`);
    store.events.delete("S1|2"); // (not saved)

    const reloaded = await Outbox.open(store, { spill });
    expect(spill.length).toBe(0);
    expect(reloaded.pending("S1").map((e) => e.q)).toEqual([1, 2, 3]);
    expect(reloaded.table("S1", 1)).toEqual(["x", "y"]);
    expect(reloaded.isLive("S1")).toBe(false);
    expect(reloaded.sessionsWithEvents().map((s) => s.s)).toEqual(["S1"]);
  });

  it("forgets a session of an earlier load once all its events are acked", async () => {
    const store = new MemoryStore();
    const first = await Outbox.open(store, { spill: null });
    await first.addSession({ s: "OLD", hello: hello("OLD"), createdAt: 1 });
    first.add(sample("OLD", 1));
    await first.save();
    const second = await Outbox.open(store, { spill: null });
    second.ack("OLD", 1);
    await second.settled();
    expect(store.sessions.size).toBe(0);
    expect(second.session("OLD")).toBeUndefined();
  });
});

describe("IndexedDbStore", () => {
  it("keeps sessions, tables and events across openings and deletes by range", async () => {
    const name = `test-${Math.random()}`;
    const store = await IndexedDbStore.open(indexedDB, name);
    const outbox = await Outbox.open(store, { spill: null });
    await outbox.addSession({ s: "S1", hello: hello("S1"), createdAt: 1 });
    await outbox.addTable("S1", 2, ["a", "b", "c"]);
    for (let q = 1; q <= 20; q++) outbox.add(sample("S1", q, 2));
    await outbox.save();
    outbox.ack("S1", 12);
    outbox.drop("S1", 15, 16);
    await outbox.settled();
    store.close();

    const again = await Outbox.open(await IndexedDbStore.open(indexedDB, name), { spill: null });
    expect(again.pending("S1").map((e) => e.q)).toEqual([13, 14, 17, 18, 19, 20]);
    expect(again.pending("S1")[0]).toEqual(sample("S1", 13, 2));
    expect(again.table("S1", 2)).toEqual(["a", "b", "c"]);
    expect(again.session("S1")?.hello.a).toBe("ann-1");
  });
});

describe("Outbox with two tabs", () => {
  it("saves a live session again after another tab's opening dropped it while it was empty", async () => {
    const store = new MemoryStore();
    const tabA = await Outbox.open(store, { spill: null });
    await tabA.addSession({ s: "A", hello: hello("A"), createdAt: 1 });
    await tabA.addTable("A", 1, ["x"]);
    await Outbox.open(store, { spill: null }); // tab B: A has no events yet, so it is forgotten
    expect(store.sessions.size).toBe(0);
    tabA.add(sample("A", 1));
    await tabA.save();
    const reloaded = await Outbox.open(store, { spill: null });
    expect(reloaded.pending("A").map((e) => e.q)).toEqual([1]);
    expect(reloaded.table("A", 1)).toEqual(["x"]);
  });
});
