import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Backoff } from "./backoff";
import { LiveConnection } from "./connection";
import { Outbox } from "./outbox";
import { MemoryStore, type StoredEvent } from "./store";
import { FakeSocket, hello } from "./test-support";

const ev = (q: number, p = 1): StoredEvent => ({ s: "S1", q, p, t: 1_000_000 + q, b: [2, q % 2, 10, 20] });

async function setup() {
  const outbox = await Outbox.open(new MemoryStore(), { spill: null });
  await outbox.addSession({ s: "S1", hello: hello("S1"), createdAt: 1 });
  await outbox.addTable("S1", 1, ["a", "b"]);
  await outbox.addTable("S1", 2, ["c", "d"]);
  const connection = new LiveConnection({
    url: "ws://gateway/ingest/ws",
    session: "S1",
    outbox,
    createSocket: (url) => new FakeSocket(url),
    backoff: new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999 }),
  });
  return { outbox, connection };
}

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("LiveConnection", () => {
  it("sends the hello first, then new events in frames; acks remove them from the outbox", async () => {
    const { outbox, connection } = await setup();
    connection.start();
    const socket = FakeSocket.latest();
    expect(socket.url).toBe("ws://gateway/ingest/ws");
    outbox.add(ev(1));
    outbox.add(ev(2));
    socket.open();
    expect(JSON.parse(socket.sent[0]!).hello).toMatchObject({ v: 1, s: "S1", a: "ann-1", ver: "POINTER_ORIGINAL" });
    expect(socket.seqs()).toEqual([1, 2]);
    expect(socket.frames()[0]!.img).toEqual(["a", "b"]);
    outbox.add(ev(3));
    connection.flush();
    connection.flush(); // nothing new: nothing sent
    expect(socket.seqs()).toEqual([1, 2, 3]);
    expect(socket.frames()[1]!.img).toBeUndefined();
    socket.answer({ ack: 2 });
    expect(outbox.pending("S1").map((e) => e.q)).toEqual([3]);
  });

  it("after a dropped connection reconnects with back-off and resends everything not acked, table first", async () => {
    const { outbox, connection } = await setup();
    connection.start();
    const first = FakeSocket.latest();
    first.open();
    for (let q = 1; q <= 4; q++) outbox.add(ev(q));
    connection.flush();
    first.answer({ ack: 2 });
    first.drop(1006);
    expect(connection.state).toBe("waiting");
    outbox.add(ev(5, 2));
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = FakeSocket.latest();
    expect(FakeSocket.all).toHaveLength(2);
    second.open();
    expect(second.sent[0]).toContain('"hello"');
    expect(second.seqs()).toEqual([3, 4, 5]);
    const frames = second.frames();
    expect(frames.map((f) => [f.q, f.p, f.img])).toEqual([
      [3, 1, ["a", "b"]],
      [5, 2, ["c", "d"]],
    ]);
    second.answer({ ack: 5 });
    expect(outbox.count()).toBe(0);
  });

  it("backs off more after each failed attempt and resets after an ack", async () => {
    const { connection, outbox } = await setup();
    outbox.add(ev(1));
    connection.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      FakeSocket.latest().drop(1006);
      const before = FakeSocket.all.length;
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400, 800]);
    FakeSocket.latest().open();
    FakeSocket.latest().answer({ ack: 1 });
    expect(connection.failures).toBe(0);
  });

  it("reconnects at once when the gateway shuts down (1001), and stays idle after an idle close with nothing to send", async () => {
    const { connection, outbox } = await setup();
    connection.start();
    FakeSocket.latest().open();
    FakeSocket.latest().drop(1001);
    vi.advanceTimersByTime(0);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.latest().open();
    FakeSocket.latest().drop(4408);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(connection.state).toBe("idle");
    outbox.add(ev(1));
    connection.flush();
    expect(FakeSocket.all).toHaveLength(3);
  });

  it("drops a refused frame's events (they would be refused forever) and keeps the rest", async () => {
    const { connection, outbox } = await setup();
    connection.start();
    const socket = FakeSocket.latest();
    socket.open();
    outbox.add(ev(1));
    outbox.add(ev(2));
    connection.flush();
    outbox.add(ev(3));
    connection.flush();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    socket.answer({ error: { q: 1, code: "invalid-field", message: "e[0][3]: x must be 0..10000" } });
    expect(outbox.pending("S1").map((e) => e.q)).toEqual([3]);
    expect(outbox.stats.refused).toBe(2);
    socket.answer({ error: { q: 3, code: "not-durable", message: "Kafka" } });
    expect(outbox.pending("S1").map((e) => e.q)).toEqual([3]);
    warn.mockRestore();
  });

  it("holds back while the socket's buffer is full", async () => {
    const { connection, outbox } = await setup();
    connection.start();
    const socket = FakeSocket.latest();
    socket.open();
    socket.bufferedAmount = 2 << 20;
    outbox.add(ev(1));
    connection.flush();
    expect(socket.seqs()).toEqual([]);
    socket.bufferedAmount = 0;
    connection.flush();
    expect(socket.seqs()).toEqual([1]);
  });
});
