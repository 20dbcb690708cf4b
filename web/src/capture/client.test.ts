import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CaptureClient } from "./client";
import type { FetchLike } from "./http";
import { Outbox } from "./outbox";
import { IndexedDbStore } from "./store";
import { FakeSocket, MemoryStorage, hello } from "./test-support";

beforeEach(() => {
  FakeSocket.all = [];
});
afterEach(() => vi.useRealTimers());

async function load(db: string, spill: MemoryStorage, s: string, fetchFn: FetchLike, beacon = () => true) {
  const outbox = await Outbox.open(await IndexedDbStore.open(indexedDB, db), { spill });
  const client = await CaptureClient.start({
    outbox,
    hello: hello(s),
    origin: "http://gateway",
    flushMs: 10_000,
    fetchFn,
    beacon,
    createSocket: (url) => new FakeSocket(url),
  });
  return { outbox, client };
}

describe("CaptureClient", () => {
  it("numbers events per session from 1, streams them and resolves whenAcked when all are acknowledged", async () => {
    const noHttp = vi.fn<FetchLike>();
    const { client } = await load(`c-${Math.random()}`, new MemoryStorage(), "S1", noHttp);
    await client.setTable(1, ["a", "b"]);
    client.record(1, [0, "c", "n1", ["x"], 3], 100);
    client.record(1, [3, 1], 110);
    expect(client.lastSeq).toBe(2);
    const socket = FakeSocket.latest();
    expect(socket.url).toBe("ws://gateway/ingest/ws");
    socket.open();
    expect(socket.seqs()).toEqual([1, 2]);
    let acked = false;
    const wait = client.whenAcked().then(() => (acked = true));
    socket.answer({ ack: 1 });
    await Promise.resolve();
    expect(acked).toBe(false);
    socket.answer({ ack: 2 });
    await wait;
    expect(client.status()).toMatchObject({ connection: "open", reachable: true, pending: 0 });
    expect(noHttp).not.toHaveBeenCalled();
    client.stop();
  });

  it("after a reload sends what the earlier load left (IndexedDB and the spill) over HTTP under its own session, once", async () => {
    const db = `c-${Math.random()}`;
    const spill = new MemoryStorage();
    const first = await load(db, spill, "S1", vi.fn<FetchLike>());
    await first.client.setTable(2, ["a", "b"]);
    for (let k = 0; k < 10; k++) first.client.record(2, [2, k % 2, 100 * k, 50], 1000 + k);
    await first.outbox.save();
    first.client.record(2, [4, 1], 2000); // not saved yet when the page goes away
    first.client.pageHidden(true); // (its beacon is lost in this test)
    first.client.stop();

    const posted: { hello: { s: string }; frames: { q: number; e: unknown[]; img?: string[] }[] }[] = [];
    const fetchFn = vi.fn<FetchLike>(async (_url, init) => {
      const batch = JSON.parse(String(init?.body));
      posted.push(batch);
      const f = batch.frames[batch.frames.length - 1];
      return Response.json({ ack: f.q + f.e.length - 1 });
    });
    const second = await load(db, spill, "S2", fetchFn);
    await vi.waitFor(() => expect(second.outbox.count((s) => s.s === "S1")).toBe(0));
    expect(fetchFn.mock.calls[0]![0]).toBe("http://gateway/ingest/frames");
    expect(posted.every((b) => b.hello.s === "S1")).toBe(true);
    const seqs = posted.flatMap((b) => b.frames.flatMap((f) => f.e.map((_, k) => f.q + k)));
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(posted[0]!.frames[0]!.img).toEqual(["a", "b"]);
    // the new load numbers its own session from 1
    expect(second.client.record(2, [3, 0]).q).toBe(1);
    second.client.stop();
  });

  it("on page hide saves, beacons what is unacked and spills what is unsaved", async () => {
    const spill = new MemoryStorage();
    const bodies: string[] = [];
    const { client } = await load(`c-${Math.random()}`, spill, "S1", vi.fn<FetchLike>(), ((url: string, body: string) => {
      bodies.push(`${url} ${body}`);
      return true;
    }) as () => boolean);
    await client.setTable(1, ["a"]);
    client.record(1, [3, 0]);
    client.record(1, [4, 0]);
    client.pageHidden(true);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(/^http:\/\/gateway\/ingest\/beacon \{"hello":\{"v":1,"s":"S1"/);
    expect(spill.length).toBe(1);
    client.stop();
  });

  it("sends the live session over HTTP too when its WebSocket keeps failing", async () => {
    vi.useFakeTimers();
    const fetchFn = vi.fn<FetchLike>(async (_url, init) => {
      const batch = JSON.parse(String(init?.body));
      const f = batch.frames[batch.frames.length - 1];
      return Response.json({ ack: f.q + f.e.length - 1 });
    });
    const outbox = await Outbox.open(new (await import("./store")).MemoryStore(), { spill: null });
    const client = await CaptureClient.start({
      outbox,
      hello: hello("LIVE"),
      origin: "http://gateway",
      flushMs: 300,
      fetchFn,
      createSocket: (url) => new FakeSocket(url),
      httpFallbackAfter: 2,
    });
    await client.setTable(1, ["a"]);
    client.record(1, [3, 0]);
    for (let k = 0; k < 10; k++) {
      FakeSocket.latest().drop(1006);
      await vi.advanceTimersByTimeAsync(2000);
    }
    expect(fetchFn).toHaveBeenCalled();
    expect(outbox.count()).toBe(0);
    client.stop();
  });
});

describe("CaptureClient ordering", () => {
  it("holds the live session's events back until the earlier load's events of the same annotation are acknowledged", async () => {
    const db = `c-${Math.random()}`;
    const spill = new MemoryStorage();
    const first = await load(db, spill, "S1", vi.fn<FetchLike>());
    await first.client.setTable(1, ["a"]);
    first.client.record(1, [3, 0]);
    await first.outbox.save();
    first.client.stop();

    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetchFn = vi.fn<FetchLike>(async (_url, init) => {
      await gate;
      const batch = JSON.parse(String(init?.body));
      const f = batch.frames[batch.frames.length - 1];
      return Response.json({ ack: f.q + f.e.length - 1 });
    });
    const second = await load(db, spill, "S2", fetchFn);
    await second.client.setTable(1, ["a"]);
    second.client.record(1, [4, 0]);
    const socket = FakeSocket.latest();
    socket.open();
    second.client.tick();
    expect(socket.seqs()).toEqual([]);
    release();
    await vi.waitFor(() => expect(socket.seqs()).toEqual([1]));
    second.client.stop();
  });
});
