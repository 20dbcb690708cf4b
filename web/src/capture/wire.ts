/**
 * The compact wire format of the gateway's ingest (docs/wire-format.md, version 1): the hello,
 * event bodies, and frames built from captured events under the gateway's limits.
 */
import type { Version } from "../params";

export const WIRE_VERSION = 1;

/** In-image coordinates are fixed point 1e-4 of the rendered image: integers 0..10000. */
export const FIXED_POINT = 10_000;

/** Event kinds (the first element of an event array). */
export const Kind = {
  PageOpened: 0,
  ImageLaidOut: 1,
  PointerSample: 2,
  HoverEntered: 3,
  HoverLeft: 4,
  SelectionToggled: 5,
  VisibilityChanged: 6,
  FocusChanged: 7,
  PageSubmitted: 8,
  HitStarted: 9,
  HitFinished: 10,
} as const;

/**
 * An event without its time offset: `[kind, ...fields]`, exactly the wire array minus `dt`.
 * Image events carry `i`, an index into the page's image table.
 */
export type EventBody =
  | [0, classId: string, wnid: string | null, synset: string[], pageCount: number]
  | [1, i: number, x: number, y: number, w: number, h: number, nw: number, nh: number]
  | [2, i: number, x: number, y: number]
  | [3, i: number]
  | [4, i: number]
  | [5, i: number, x: number, y: number, selected: 0 | 1]
  | [6, visible: 0 | 1]
  | [7, focused: 0 | 1]
  | [8, pageId: string, startedAt: number, lastPage: 0 | 1]
  | [9, startedAt: number, annotatorId: string]
  | [10, pageCount: number];

/** A captured event: sequence number (per session, from 1), page number, client time (epoch ms). */
export interface CapturedEvent {
  q: number;
  p: number;
  t: number;
  b: EventBody;
}

/** Whether the event's second element is an index into the image table. */
export function usesImageTable(body: EventBody): boolean {
  return body[0] >= 1 && body[0] <= 5;
}

/** What the hello tells the gateway about a session. */
export interface Hello {
  s: string;
  a: string;
  ds: string | null;
  h: string | null;
  w: string | null;
  as: string | null;
  hi: string | null;
  ver: Version;
  /** The assignment's capability (`POST .../assignment`); the gateway refuses a hello without it. */
  k: string;
}

/** The hello object as sent inside `{"hello":…}` (WebSocket) or an HTTP batch. */
export function helloObject(hello: Hello): Record<string, unknown> {
  return {
    v: WIRE_VERSION,
    s: hello.s,
    a: hello.a,
    ds: hello.ds,
    h: hello.h,
    w: hello.w,
    as: hello.as,
    hi: hello.hi,
    ver: hello.ver,
    k: hello.k,
  };
}

export function helloMessage(hello: Hello): string {
  return JSON.stringify({ hello: helloObject(hello) });
}

/** A fraction of the rendered image (0..1, clamped) as fixed point 1e-4. */
export function toFixedPoint(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  const value = Math.round(fraction * FIXED_POINT);
  return value < 0 ? 0 : value > FIXED_POINT ? FIXED_POINT : value;
}

/** CSS pixels kept to 1/100 px: enough for layout and short on the wire. */
export function px(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.round(value * 100) / 100;
}

/** The gateway's limits a frame must respect (defaults below the gateway's, which are 2000 events, 256 KiB, 10 min). */
export interface FrameLimits {
  maxEvents: number;
  maxBytes: number;
  maxSpanMs: number;
}

export const DEFAULT_LIMITS: FrameLimits = { maxEvents: 2000, maxBytes: 200 * 1024, maxSpanMs: 590_000 };

/** One frame ready to send: its JSON text and the range of sequence numbers it carries. */
export interface Frame {
  json: string;
  first: number;
  last: number;
  count: number;
}

/**
 * Which image table a transport has in force: the gateway keeps the last `img` it saw on a
 * connection (or earlier in an HTTP batch). `null` means none yet.
 */
export interface TableState {
  page: number | null;
}

/** Looks up the image table of a page of the session being sent. */
export type TableLookup = (page: number) => readonly string[] | undefined;

function eventJson(event: CapturedEvent, t0: number): string {
  const [kind, ...rest] = event.b;
  return JSON.stringify([kind, event.t - t0, ...rest]);
}

/**
 * Builds frames from events of one session, sorted by sequence number. A frame holds
 * consecutive sequence numbers of one page, at most `maxEvents` events, about `maxBytes` of JSON
 * and `maxSpanMs` of client time; it carries `img` when it opens a page (kind 0 requires it) or
 * when its events use image indexes and the transport's table is another page's.
 * Events of a page whose table is unknown and that need it are skipped (returned in `skipped`).
 */
export function buildFrames(
  events: readonly CapturedEvent[],
  tables: TableLookup,
  state: TableState,
  limits: FrameLimits = DEFAULT_LIMITS,
): { frames: Frame[]; skipped: CapturedEvent[] } {
  const frames: Frame[] = [];
  const skipped: CapturedEvent[] = [];
  let i = 0;
  while (i < events.length) {
    const first = events[i]!;
    const table = tables(first.p);
    // gather a run: same page, consecutive seqs, limits
    let end = i + 1;
    let minT = first.t;
    let maxT = first.t;
    let needsTable = usesImageTable(first.b) || first.b[0] === Kind.PageOpened;
    let bytes = 0;
    const pieces: CapturedEvent[] = [first];
    bytes += eventJson(first, first.t).length + 1;
    while (end < events.length && pieces.length < limits.maxEvents) {
      const next = events[end]!;
      const prev = events[end - 1]!;
      if (next.p !== first.p || next.q !== prev.q + 1) break;
      const lo = Math.min(minT, next.t);
      const hi = Math.max(maxT, next.t);
      if (hi - lo > limits.maxSpanMs) break;
      const size = eventJson(next, lo).length + 1;
      if (bytes + size > limits.maxBytes) break;
      minT = lo;
      maxT = hi;
      bytes += size;
      pieces.push(next);
      needsTable ||= usesImageTable(next.b) || next.b[0] === Kind.PageOpened;
      end++;
    }
    if (needsTable && !table) {
      skipped.push(...pieces);
      i = end;
      continue;
    }
    const opensPage = pieces.some((e) => e.b[0] === Kind.PageOpened);
    const sendTable = table !== undefined && (opensPage || (needsTable && state.page !== first.p));
    let json = `{"q":${first.q},"p":${first.p},"t0":${minT}`;
    if (sendTable) {
      json += `,"img":${JSON.stringify(table)}`;
      state.page = first.p;
    }
    json += `,"e":[${pieces.map((e) => eventJson(e, minT)).join(",")}]}`;
    frames.push({ json, first: first.q, last: pieces[pieces.length - 1]!.q, count: pieces.length });
    i = end;
  }
  return { frames, skipped };
}

/** An answer of the gateway: an ack, a refusal, or something unexpected. */
export type Answer =
  | { ack: number }
  | { error: { q: number | null; code: string; message: string } }
  | { unknown: string };

export function parseAnswer(text: string): Answer {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object") {
      const { ack, error } = value as { ack?: unknown; error?: unknown };
      if (typeof ack === "number") return { ack };
      if (error && typeof error === "object") {
        const { q, code, message } = error as { q?: unknown; code?: unknown; message?: unknown };
        return {
          error: {
            q: typeof q === "number" ? q : null,
            code: typeof code === "string" ? code : "unknown",
            message: typeof message === "string" ? message : "",
          },
        };
      }
    }
  } catch {
    // fall through
  }
  return { unknown: text };
}
