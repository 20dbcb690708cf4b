import { describe, expect, it } from "vitest";
import {
  buildFrames,
  helloMessage,
  parseAnswer,
  px,
  toFixedPoint,
  type CapturedEvent,
  type FrameLimits,
  type TableState,
} from "./wire";

const IMG = ["n01440764/n01440764_10026", "n01440764/n01440764_10405", "n01440764/n01440764_10784"];
const T0 = 1767225600000;

describe("the worked example of docs/wire-format.md", () => {
  it("encodes the hello byte for byte", () => {
    const text = helloMessage({
      s: "6b0f3c1e-2a4d-4f7e-9c3b-1d2e3f4a5b6c",
      a: "0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a",
      ds: "imagenet-v2-b",
      h: "hit-000123",
      w: "A1B2C3D4E5F6G7",
      as: "3XYZABCDEFGHIJKLMNOPQRSTUVWXY",
      hi: "3ABCDEFGHIJKLMNOPQRSTUVWXYZ0",
      ver: "POINTER_NO_ORIGINAL",
      k: "ETJEycH_BFXNVFsxChlRpQ",
    });
    expect(text).toBe(
      '{"hello":{"v":1,"s":"6b0f3c1e-2a4d-4f7e-9c3b-1d2e3f4a5b6c","a":"0d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a","ds":"imagenet-v2-b","h":"hit-000123","w":"A1B2C3D4E5F6G7","as":"3XYZABCDEFGHIJKLMNOPQRSTUVWXY","hi":"3ABCDEFGHIJKLMNOPQRSTUVWXYZ0","ver":"POINTER_NO_ORIGINAL","k":"ETJEycH_BFXNVFsxChlRpQ"}}',
    );
    expect(text.length).toBe(292);
  });

  it("encodes frames 1 and 2 byte for byte: the table once, then indexes only", () => {
    const opened: CapturedEvent[] = [
      { q: 1, p: 2, t: T0, b: [0, "c-0", "n01440764", ["tench", "Tinca tinca"], 10] },
      { q: 2, p: 2, t: T0 + 12, b: [1, 0, 132, 424, 340, 255, 500, 375] },
      { q: 3, p: 2, t: T0 + 31, b: [1, 1, 488, 424, 340, 255, 500, 375] },
      { q: 4, p: 2, t: T0 + 40, b: [1, 2, 886.5, 424, 255, 340, 375, 500] },
    ];
    const t = T0 + 3210;
    const hover: CapturedEvent[] = [
      { q: 5, p: 2, t, b: [3, 1] },
      { q: 6, p: 2, t, b: [2, 1, 512, 4807] },
      { q: 7, p: 2, t: t + 17, b: [2, 1, 1377, 4902] },
      { q: 8, p: 2, t: t + 33, b: [2, 1, 2150, 4990] },
      { q: 9, p: 2, t: t + 50, b: [2, 1, 2701, 5051] },
      { q: 10, p: 2, t: t + 212, b: [5, 1, 2750, 5060, 1] },
      { q: 11, p: 2, t: t + 229, b: [2, 1, 2752, 5062] },
      { q: 12, p: 2, t: t + 480, b: [4, 1] },
    ];
    const state: TableState = { page: null };
    const tables = (p: number) => (p === 2 ? IMG : undefined);
    const first = buildFrames(opened, tables, state).frames;
    const second = buildFrames(hover, tables, state).frames;
    expect(first.map((f) => f.json)).toEqual([
      '{"q":1,"p":2,"t0":1767225600000,"img":["n01440764/n01440764_10026","n01440764/n01440764_10405","n01440764/n01440764_10784"],"e":[[0,0,"c-0","n01440764",["tench","Tinca tinca"],10],[1,12,0,132,424,340,255,500,375],[1,31,1,488,424,340,255,500,375],[1,40,2,886.5,424,255,340,375,500]]}',
    ]);
    expect(first[0]!.json.length).toBe(282);
    expect(second.map((f) => f.json)).toEqual([
      '{"q":5,"p":2,"t0":1767225603210,"e":[[3,0,1],[2,0,1,512,4807],[2,17,1,1377,4902],[2,33,1,2150,4990],[2,50,1,2701,5051],[5,212,1,2750,5060,1],[2,229,1,2752,5062],[4,480,1]]}',
    ]);
    expect(second[0]).toMatchObject({ first: 5, last: 12, count: 8 });
  });
});

describe("toFixedPoint", () => {
  it("rounds fractions to 1e-4 and clamps them to 0..10000", () => {
    expect(toFixedPoint(0.40500000000000003)).toBe(4050);
    expect(toFixedPoint(0.49019607843137253)).toBe(4902);
    expect(toFixedPoint(0)).toBe(0);
    expect(toFixedPoint(1)).toBe(10000);
    expect(toFixedPoint(1.2)).toBe(10000);
    expect(toFixedPoint(-0.01)).toBe(0);
    expect(toFixedPoint(Number.NaN)).toBe(0);
  });

  it("keeps layout pixels to 1/100 px", () => {
    expect(px(886.4999)).toBe(886.5);
    expect(px(12.3456)).toBe(12.35);
    expect(px(Number.POSITIVE_INFINITY)).toBe(0);
  });
});

function samples(from: number, to: number, page = 1, t0 = T0, step = 17): CapturedEvent[] {
  const out: CapturedEvent[] = [];
  for (let q = from; q <= to; q++) out.push({ q, p: page, t: t0 + (q - from) * step, b: [2, 0, 5000, 5000] });
  return out;
}

describe("buildFrames", () => {
  const tables = (p: number) => (p <= 3 ? [`img-${p}-a`, `img-${p}-b`] : undefined);

  it("splits at page boundaries and sends each page's table before its image events", () => {
    const events = [...samples(1, 3, 1), ...samples(4, 5, 2)];
    const state: TableState = { page: null };
    const { frames } = buildFrames(events, tables, state);
    expect(frames.map((f) => [f.first, f.last])).toEqual([
      [1, 3],
      [4, 5],
    ]);
    expect(JSON.parse(frames[0]!.json).img).toEqual(["img-1-a", "img-1-b"]);
    expect(JSON.parse(frames[1]!.json).img).toEqual(["img-2-a", "img-2-b"]);
    expect(state.page).toBe(2);
    // the same page again on this transport: no table
    expect(JSON.parse(buildFrames(samples(6, 6, 2), tables, state).frames[0]!.json).img).toBeUndefined();
  });

  it("splits at gaps in the sequence numbers (evicted or refused events)", () => {
    const events = [...samples(1, 3), ...samples(7, 8)];
    const { frames } = buildFrames(events, tables, { page: 1 });
    expect(frames.map((f) => [f.first, f.last, f.count])).toEqual([
      [1, 3, 3],
      [7, 8, 2],
    ]);
    for (const f of frames) {
      const e = JSON.parse(f.json).e as unknown[];
      expect(e).toHaveLength(f.count);
    }
  });

  it("keeps to the event count, byte size and time span of a frame", () => {
    const limits: FrameLimits = { maxEvents: 100, maxBytes: 1_000_000, maxSpanMs: 590_000 };
    expect(buildFrames(samples(1, 250), tables, { page: 1 }, limits).frames.map((f) => f.count)).toEqual([100, 100, 50]);
    const small = buildFrames(samples(1, 250), tables, { page: 1 }, { ...limits, maxEvents: 2000, maxBytes: 600 });
    expect(small.frames.length).toBeGreaterThan(5);
    for (const f of small.frames) expect(f.json.length).toBeLessThan(700);
    const slow = buildFrames(samples(1, 10, 1, T0, 100_000), tables, { page: 1 }, limits);
    for (const f of slow.frames) {
      const { e } = JSON.parse(f.json) as { e: number[][] };
      expect(Math.max(...e.map((x) => x[1]!))).toBeLessThanOrEqual(590_000);
    }
    expect(slow.frames.reduce((n, f) => n + f.count, 0)).toBe(10);
  });

  it("uses the earliest time of a frame as t0, so dt is never negative (the clock went back)", () => {
    const events: CapturedEvent[] = [
      { q: 1, p: 1, t: T0 + 100, b: [6, 0] },
      { q: 2, p: 1, t: T0, b: [6, 1] },
    ];
    const json = JSON.parse(buildFrames(events, tables, { page: null }).frames[0]!.json);
    expect(json.t0).toBe(T0);
    expect(json.e).toEqual([
      [6, 100, 0],
      [6, 0, 1],
    ]);
    expect(json.img).toBeUndefined();
  });

  it("always sends the table with a PageOpened, and skips image events of a page without a table", () => {
    const opened: CapturedEvent = { q: 1, p: 1, t: T0, b: [0, "c", null, ["x"], 3] };
    expect(JSON.parse(buildFrames([opened], tables, { page: 1 }).frames[0]!.json).img).toEqual(["img-1-a", "img-1-b"]);
    const { frames, skipped } = buildFrames(samples(1, 2, 9), tables, { page: null });
    expect(frames).toEqual([]);
    expect(skipped.map((e) => e.q)).toEqual([1, 2]);
  });
});

describe("parseAnswer", () => {
  it("reads acks, refusals and anything else", () => {
    expect(parseAnswer('{"ack":12}')).toEqual({ ack: 12 });
    expect(parseAnswer('{"error":{"q":5,"code":"invalid-field","message":"e[2][3]: x must be 0..10000, was 13770"}}')).toEqual({
      error: { q: 5, code: "invalid-field", message: "e[2][3]: x must be 0..10000, was 13770" },
    });
    expect(parseAnswer('{"error":{"q":null,"code":"duplicate-hello","message":"m"}}')).toEqual({
      error: { q: null, code: "duplicate-hello", message: "m" },
    });
    expect(parseAnswer("nonsense")).toEqual({ unknown: "nonsense" });
  });
});
