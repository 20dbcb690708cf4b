/**
 * Where a worker starts when the page loads (seed-contract.md, "HIT flow"): the unique rule,
 * a finished HIT (the survey code again), resuming at pageCount + 1 under the same annotation
 * id, or a new annotation. The server's answer is eventually consistent, so the browser's own
 * progress counts too (the larger of the two).
 */
import type { ImageNetAnnotation, ImageNetHIT } from "./api";
import type { HitProgress } from "./progress";

export const ONE_HIT_PER_WORKER =
  "You have already completed one of our HITs. We do not accept more than 1 HIT per worker.";

export type Start =
  | { kind: "error"; message: string }
  | { kind: "finished"; annotationId: string }
  | { kind: "annotate"; annotationId: string; page: number; submitted: number; resumed: boolean };

/**
 * The unique rule alone (also checked again on every Submit): a unique HIT refuses a worker who
 * finished a HIT of this dataset — or shows the code again when it was this very HIT.
 */
export function uniqueRule(hit: ImageNetHIT, earlier: readonly ImageNetAnnotation[]): Start | null {
  if (!hit.isUnique) return null;
  const done = earlier.find((a) => a.isDone === true);
  if (!done) return null;
  return done.imageNetHitID === hit.id
    ? { kind: "finished", annotationId: done.id }
    : { kind: "error", message: ONE_HIT_PER_WORKER };
}

export function decideStart(
  hit: ImageNetHIT,
  earlier: readonly ImageNetAnnotation[],
  local: HitProgress | null,
  newId: () => string,
): Start {
  const unique = uniqueRule(hit, earlier);
  if (unique) return unique;
  const mine = earlier.filter((a) => a.imageNetHitID === hit.id);
  const same = mine.find((a) => a.id === local?.id) ?? mine.find((a) => a.isDone) ?? maxBy(mine, (a) => a.pageCount ?? 0);
  const annotationId = same?.id ?? local?.id ?? newId();
  const localHere = local && local.id === annotationId ? local : null;
  if (same?.isDone || localHere?.done) return { kind: "finished", annotationId };
  const submitted = Math.max(same?.pageCount ?? 0, localHere?.submitted ?? 0);
  if (submitted >= hit.pages.length) return { kind: "finished", annotationId };
  return { kind: "annotate", annotationId, page: submitted + 1, submitted, resumed: same !== undefined || localHere !== null };
}

function maxBy<T>(items: readonly T[], score: (t: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || score(item) > score(best)) best = item;
  return best;
}
