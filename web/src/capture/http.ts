/**
 * Events over HTTP: `POST /ingest/frames` batches (sessions of earlier page loads, and the live
 * session when its WebSocket keeps failing) and `navigator.sendBeacon` to `/ingest/beacon` when
 * the page goes away. A batch carries its own hello and image tables.
 */
import type { Outbox } from "./outbox";
import { DEFAULT_LIMITS, buildFrames, helloObject, parseAnswer, type Frame, type FrameLimits } from "./wire";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type BeaconLike = (url: string, body: string) => boolean;

/** What one batch came to. */
export type BatchResult =
  | { kind: "acked"; ack: number }
  | { kind: "refused"; q: number | null; code: string; message: string }
  | { kind: "too-big" }
  | { kind: "failed"; reason: string };

function batchBody(hello: Record<string, unknown>, frames: readonly Frame[]): string {
  return `{"hello":${JSON.stringify(hello)},"frames":[${frames.map((f) => f.json).join(",")}]}`;
}

export async function postBatch(
  fetchFn: FetchLike,
  url: string,
  hello: Record<string, unknown>,
  frames: readonly Frame[],
): Promise<BatchResult> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: batchBody(hello, frames),
    });
  } catch (error) {
    return { kind: "failed", reason: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 413) return { kind: "too-big" };
  const text = await response.text().catch(() => "");
  if (response.ok) {
    const answer = parseAnswer(text);
    return "ack" in answer ? { kind: "acked", ack: answer.ack } : { kind: "failed", reason: `unexpected answer ${text}` };
  }
  if (response.status === 400 || response.status === 403) {
    const answer = parseAnswer(text);
    if ("error" in answer) return { kind: "refused", ...answer.error };
  }
  return { kind: "failed", reason: `HTTP ${response.status}` };
}

export interface DrainOptions {
  fetchFn: FetchLike;
  url: string;
  limits?: FrameLimits;
  /** Largest request body (the gateway takes 1 MiB). */
  maxBody?: number;
}

/**
 * Sends every waiting event of a session in HTTP batches until none is left or a request fails.
 * @return true when the session has nothing left to send
 */
export async function drainOverHttp(outbox: Outbox, s: string, options: DrainOptions): Promise<boolean> {
  let maxBody = options.maxBody ?? 900 * 1024;
  for (let guard = 0; guard < 10_000; guard++) {
    const session = outbox.session(s);
    const events = outbox.pending(s);
    if (!session || !events.length) return true;
    const hello = helloObject(session.hello);
    const { frames, skipped } = buildFrames(events, (p) => outbox.table(s, p), { page: null }, options.limits ?? DEFAULT_LIMITS);
    for (const e of skipped) outbox.drop(s, e.q, e.q);
    const batch: Frame[] = [];
    let size = 200;
    for (const frame of frames) {
      if (batch.length && size + frame.json.length + 1 > maxBody) break;
      batch.push(frame);
      size += frame.json.length + 1;
    }
    if (!batch.length) continue;
    const result = await postBatch(options.fetchFn, options.url, hello, batch);
    switch (result.kind) {
      case "acked":
        outbox.ack(s, batch[batch.length - 1]!.last);
        break;
      case "refused": {
        console.warn(`byproduct: the gateway refused a batch: ${result.code} ${result.message}`);
        const frame = batch.find((f) => f.first === result.q);
        if (result.q === null || !frame) {
          if (result.q === null) outbox.dropSession(s);
          else outbox.drop(s, result.q, result.q);
        } else {
          outbox.drop(s, frame.first, frame.last);
        }
        break;
      }
      case "too-big":
        if (batch.length === 1) {
          outbox.drop(s, batch[0]!.first, batch[0]!.last);
        } else {
          maxBody = Math.max(16 * 1024, Math.floor(maxBody / 2));
        }
        break;
      case "failed":
        return false;
    }
  }
  return outbox.pending(s).length === 0;
}

/**
 * Hands what the session has not had acknowledged to `sendBeacon`, in bodies of at most
 * `maxBody` bytes (browsers allow about 64 KB of beacons in flight), oldest events first.
 * The beacon's answer cannot be read, so nothing leaves the outbox: a resend is harmless.
 * @return how many events the browser accepted to send
 */
export function beaconPending(
  outbox: Outbox,
  s: string,
  beacon: BeaconLike,
  url: string,
  maxBody = 60 * 1024,
): number {
  const session = outbox.session(s);
  if (!session) return 0;
  const hello = helloObject(session.hello);
  const limits = { ...DEFAULT_LIMITS, maxBytes: Math.min(DEFAULT_LIMITS.maxBytes, maxBody - 1024) };
  let cursor = 0;
  let sent = 0;
  for (;;) {
    const events = outbox.pending(s, cursor);
    if (!events.length) return sent;
    // each beacon is a batch of its own: it needs the image table again
    const { frames } = buildFrames(events, (p) => outbox.table(s, p), { page: null }, limits);
    const batch: Frame[] = [];
    let size = 300;
    for (const frame of frames) {
      if (batch.length && size + frame.json.length + 1 > maxBody) break;
      batch.push(frame);
      size += frame.json.length + 1;
    }
    if (!batch.length || !beacon(url, batchBody(hello, batch))) return sent;
    sent += batch.reduce((n, f) => n + f.count, 0);
    cursor = batch[batch.length - 1]!.last;
  }
}
