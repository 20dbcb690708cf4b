/**
 * Before a HIT starts: the worker's and the assignment's ids are present (a preview has no
 * assignment; nothing is sent), the HIT loads and has pages, and with `version=RANDOM` the server
 * tells the worker's version.
 */
import { assignedVersion, getImageNetHit, type FetchLike, type ImageNetHIT } from "./api";
import type { HitParams } from "./params";
import { reason } from "./submit";

export async function loadHit(
  params: HitParams,
  adminView: boolean,
  fetchFn?: FetchLike,
): Promise<{ hit: ImageNetHIT; params: HitParams } | { error: string }> {
  const { hitDatasetName, imageNetHitId, workerId, assignmentId } = params;
  if (!adminView && workerId === undefined) {
    return { error: "'hitDatasetName' or 'imageNetHitId' or 'workerId' is undefined" };
  }
  if (!adminView && (assignmentId === undefined || assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE")) {
    return { error: "'assignmentId' is undefined: accept the HIT on MTurk first, then open it again from the HIT's page." };
  }
  let hit: ImageNetHIT;
  try {
    hit = await getImageNetHit(hitDatasetName, imageNetHitId, fetchFn);
  } catch (error) {
    return { error: `Could not load HIT ${imageNetHitId} of dataset ${hitDatasetName}: ${reason(error)}` };
  }
  if (!Array.isArray(hit?.pages) || !hit.pages.length || !hit.pages.every((p) => p?.class && Array.isArray(p.images))) {
    return { error: `HIT ${imageNetHitId} of dataset ${hitDatasetName} has no pages.` };
  }
  if (params.randomVersion && workerId !== undefined && !adminView) {
    try {
      return { hit, params: { ...params, version: await assignedVersion(hitDatasetName, imageNetHitId, workerId, fetchFn) } };
    } catch (error) {
      return { error: `Could not get your version of this HIT: ${reason(error)}` };
    }
  }
  return { hit, params };
}
