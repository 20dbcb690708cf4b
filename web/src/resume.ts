/**
 * Where a worker starts when the page loads (seed-contract.md, "HIT flow"): a finished HIT (the
 * survey code again) or resuming at pageCount + 1 under the assignment's annotation id. The server
 * decides the annotation (bound to this worker and assignment) and the unique rule; its page count
 * trails the browser's (pages travel through Kafka), so the browser's own progress counts too (the
 * larger of the two).
 */
import type { Assignment, ImageNetHIT } from "./api";
import type { HitProgress } from "./progress";

export const ONE_HIT_PER_WORKER =
  "You have already completed one of our HITs. We do not accept more than 1 HIT per worker.";

export type Start =
  | { kind: "finished"; annotationId: string }
  | { kind: "annotate"; annotationId: string; page: number; submitted: number; resumed: boolean };

export function decideStart(hit: ImageNetHIT, server: Assignment, local: HitProgress | null): Start {
  const annotationId = server.annotationId;
  const localHere = local && local.id === annotationId ? local : null;
  if (server.isDone || localHere?.done) return { kind: "finished", annotationId };
  const submitted = Math.max(server.pageCount, localHere?.submitted ?? 0);
  if (submitted >= hit.pages.length) return { kind: "finished", annotationId };
  return { kind: "annotate", annotationId, page: submitted + 1, submitted, resumed: server.pageCount > 0 || localHere !== null };
}

/**
 * Where to start and the progress to keep from there: the browser's saved HIT start time and open
 * page (with its selection) carry over only for the same annotation, the open page only if it is
 * the one to resume.
 */
export function startingPoint(
  hit: ImageNetHIT,
  server: Assignment,
  local: HitProgress | null,
): { start: Start; progress: HitProgress } {
  const start = decideStart(hit, server, local);
  const sameAsLocal = local?.id === start.annotationId;
  const progress: HitProgress = {
    id: start.annotationId,
    submitted: start.kind === "annotate" ? start.submitted : hit.pages.length,
    done: start.kind === "finished",
    ...(sameAsLocal && local?.hitStartedAt !== undefined ? { hitStartedAt: local.hitStartedAt } : {}),
    ...(sameAsLocal && local?.page && start.kind === "annotate" && local.page.no === start.page ? { page: local.page } : {}),
  };
  return { start, progress };
}
