/**
 * Submitting: the page's closing events (HitStarted on the first page, PageSubmitted, HitFinished
 * on the last), waiting until the gateway acknowledged every event of the annotation (saying so
 * while the network is down), and after the last page, polling for the survey code, which the
 * server gives only once every page of the HIT is stored.
 */
import { ApiError, getSurveyCode, type FetchLike } from "./api";
import { Backoff } from "./capture/backoff";
import type { CaptureClient } from "./capture/client";
import { uuid } from "./ids";
import { NETWORK_DOWN } from "./ui/screens";

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Records the events that end page `no`: HitStarted before the first page's end, PageSubmitted, HitFinished after the last. */
export function recordPageEnd(
  client: CaptureClient,
  no: number,
  page: { startedAt: number; hitStartedAt: number; last: boolean; pageCount: number },
): void {
  if (no === 1) client.record(no, [9, page.hitStartedAt, ""]);
  client.record(no, [8, uuid(), page.startedAt, page.last ? 1 : 0]);
  if (page.last) client.record(no, [10, page.pageCount]);
}

/** Waits until every event of the annotation is acknowledged, saying so in `message` while the network is down. */
export async function waitAcked(client: CaptureClient, annotationId: string, message: HTMLElement): Promise<void> {
  const started = Date.now();
  const update = () => {
    const status = client.status();
    const waited = Date.now() - started;
    if (waited > 2500 && !status.reachable) message.textContent = NETWORK_DOWN;
    else if (waited > 2500) message.textContent = `Sending your answers… (${status.pending} events left)`;
    else message.textContent = "";
  };
  const timer = setInterval(update, 500);
  try {
    await client.whenAcked(annotationId);
  } finally {
    clearInterval(timer);
    message.textContent = "";
  }
}

/**
 * Checks the worker again on Submit, as the original (the unique rule): "refused" on a 403; a
 * network failure or a slow answer (5 s) is left to the outbox.
 */
export async function revalidate(check: () => Promise<unknown>): Promise<"ok" | "refused"> {
  try {
    await Promise.race([check(), sleep(5000)]);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return "refused";
    // offline: the answers stay in the outbox; the wait for acknowledgements says so
  }
  return "ok";
}

export interface SurveyCodeRequest {
  hitDatasetName: string;
  imageNetHitId: string;
  ids: { annotationId: string; workerId: string; capability: string };
  fetchFn?: FetchLike | undefined;
}

/**
 * Polls for the survey code with back-off until the server gives it (409 while pages are still
 * being stored), saying why it waits in `message`; a 4xx other than 409 ends it with an error.
 * The server holds each request up to a few seconds and answers as soon as the pages are stored,
 * so the back-off stays short (at most 2 s): a long one would add its seconds to the worker's wait.
 */
export async function pollSurveyCode(
  request: SurveyCodeRequest,
  message: HTMLElement,
): Promise<{ code: string } | { error: string }> {
  const backoff = new Backoff({ initialMs: 250, maxMs: 2_000 });
  const started = Date.now();
  for (;;) {
    try {
      return { code: await getSurveyCode(request.hitDatasetName, request.imageNetHitId, request.ids, request.fetchFn) };
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 0) message.textContent = NETWORK_DOWN;
      else if (status === 409) {
        message.textContent = Date.now() - started > 15_000 ? "Still preparing your survey code… please keep this page open." : "Preparing your survey code…";
      } else if (status >= 400 && status < 500) {
        return { error: `Could not get your survey code: ${reason(error)}` };
      } else message.textContent = `Could not get your survey code yet (${reason(error)}); trying again…`;
    }
    await sleep(backoff.next());
  }
}
