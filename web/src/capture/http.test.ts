import { describe, expect, it, vi } from "vitest";
import { beaconPending, drainOverHttp, type FetchLike } from "./http";
import { Outbox } from "./outbox";
import { MemoryStore, type StoredEvent } from "./store";
import { hello } from "./test-support";

const ev = (q: number, p = 1): StoredEvent => ({ s: "OLD", q, p, t: 1_000_000 + q, b: [2, 0, 5000, 5000] });

async function oldSession(n: number) {
  const outbox = await Outbox.open(new MemoryStore(), { spill: null });
  await outbox.addSession({ s: "OLD", hello: hello("OLD"), createdAt: 1 }, false);
  await outbox.addTable("OLD", 1, ["a"]);
  for (let q = 1; q <= n; q++) outbox.add(ev(q));
  return outbox;
}

type Batch = { hello: { s: string }; frames: { q: number; img?: string[]; e: unknown[] }[] };

function gateway(answer: (batch: Batch, n: number) => Response) {
  const batches: Batch[] = [];
  const fetchFn = vi.fn<FetchLike>(async (_url, init) => {
    const batch = JSON.parse(String(init?.body)) as Batch;
    batches.push(batch);
    return answer(batch, batches.length);
  });
  return { fetchFn, batches };
}

const lastSeq = (b: Batch) => {
  const f = b.frames[b.frames.length - 1]!;
  return f.q + f.e.length - 1;
};

describe("drainOverHttp", () => {
  it("sends a session's events in batches with its hello and table, and forgets them when acked", async () => {
    const outbox = await oldSession(4500);
    const { fetchFn, batches } = gateway((b) => Response.json({ ack: lastSeq(b) }));
    expect(await drainOverHttp(outbox, "OLD", { fetchFn, url: "/ingest/frames", maxBody: 64 * 1024 })).toBe(true);
    expect(outbox.count()).toBe(0);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      expect(b.hello.s).toBe("OLD");
      expect(b.frames[0]!.img).toEqual(["a"]);
      expect(b.frames.every((f) => f.e.length <= 2000)).toBe(true);
    }
    expect(fetchFn.mock.calls[0]![0]).toBe("/ingest/frames");
  });

  it("drops only the refused frame and sends the rest again", async () => {
    const outbox = await oldSession(3000);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { fetchFn } = gateway((b, n) =>
      n === 1
        ? Response.json({ error: { q: b.frames[1]!.q, code: "invalid-field", message: "frames[1].e[0][3]" } }, { status: 400 })
        : Response.json({ ack: lastSeq(b) }),
    );
    expect(await drainOverHttp(outbox, "OLD", { fetchFn, url: "/ingest/frames" })).toBe(true);
    expect(outbox.stats.refused).toBe(1000);
    warn.mockRestore();
  });

  it("drops a session whose hello lacks its capability (403 forbidden): it would be refused forever", async () => {
    const outbox = await oldSession(10);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { fetchFn, batches } = gateway(() =>
      Response.json({ error: { q: null, code: "forbidden", message: "hello: k is not the capability of annotation a" } }, { status: 403 }),
    );
    expect(await drainOverHttp(outbox, "OLD", { fetchFn, url: "/ingest/frames" })).toBe(true);
    expect(batches).toHaveLength(1);
    expect(outbox.session("OLD")).toBeUndefined();
    warn.mockRestore();
  });

  it("halves the batch after a 413 and gives up (for a later retry) when the gateway cannot be reached", async () => {
    const outbox = await oldSession(3000);
    const { fetchFn, batches } = gateway((b, n) => (n === 1 ? new Response("", { status: 413 }) : Response.json({ ack: lastSeq(b) })));
    const limits = { maxEvents: 200, maxBytes: 100_000, maxSpanMs: 590_000 };
    expect(await drainOverHttp(outbox, "OLD", { fetchFn, url: "/ingest/frames", limits, maxBody: 40_000 })).toBe(true);
    expect(batches[1]!.frames.length).toBeLessThan(batches[0]!.frames.length);
    expect(batches[1]!.frames[0]!.q).toBe(1);

    const again = await oldSession(10);
    const down: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    expect(await drainOverHttp(again, "OLD", { fetchFn: down, url: "/ingest/frames" })).toBe(false);
    expect(again.count()).toBe(10);
    const unavailable: FetchLike = async () => new Response("", { status: 503 });
    expect(await drainOverHttp(again, "OLD", { fetchFn: unavailable, url: "/ingest/frames" })).toBe(false);
    expect(again.count()).toBe(10);
  });
});

describe("beaconPending", () => {
  it("hands everything unacked to sendBeacon in bodies under the limit, each a batch with the table, and keeps it in the outbox", async () => {
    const outbox = await oldSession(8000);
    const bodies: string[] = [];
    const sent = beaconPending(outbox, "OLD", (_url, body) => (bodies.push(body), true), "/ingest/beacon", 60 * 1024);
    expect(sent).toBe(8000);
    expect(bodies.length).toBeGreaterThan(1);
    const seqs: number[] = [];
    for (const body of bodies) {
      expect(body.length).toBeLessThanOrEqual(60 * 1024);
      const batch = JSON.parse(body) as Batch;
      expect(batch.frames[0]!.img).toEqual(["a"]);
      for (const f of batch.frames) f.e.forEach((_, k) => seqs.push(f.q + k));
    }
    expect(seqs).toEqual(Array.from({ length: 8000 }, (_, k) => k + 1));
    expect(outbox.count()).toBe(8000);
  });

  it("stops when the browser refuses more beacons", async () => {
    const outbox = await oldSession(3000);
    let calls = 0;
    const sent = beaconPending(outbox, "OLD", () => ++calls === 1, "/ingest/beacon", 20 * 1024);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(3000);
    expect(calls).toBe(2);
  });
});
