/** The models and REST calls of the original "ImageNetAPI" (plain JSON on relative /api paths). */

import { isVersion, type Version } from "./params";

export interface ImageNetClass {
  id: string;
  wnid: string;
  synset: string[];
  description: string;
  wikipedia: string[];
}

export interface ImageNetImage {
  id: string;
  url: string;
  originalUrl?: string;
}

export interface ImageNetHitPage {
  pageno: number;
  class: ImageNetClass;
  images: ImageNetImage[];
}

export interface ImageNetHIT {
  hitDatasetName: string;
  id: string;
  isUnique?: boolean;
  pages: ImageNetHitPage[];
}

/** What `POST .../assignment` answers: the annotation bound to this worker and assignment, and its capability. */
export interface Assignment {
  annotationId: string;
  capability: string;
  /** Pages stored on the server, from the first without a gap: resume after them. */
  pageCount: number;
  /** Every page of the HIT is stored (a server fact). */
  isDone: boolean;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const browserFetch: FetchLike = (input, init) => fetch(input, init);

/**
 * One URL-encoded path segment. "." and ".." are refused: a URL parser would resolve them
 * (even percent-encoded) and the request would leave the intended path.
 */
export function pathSegment(value: string): string {
  if (value === "." || value === "..") throw new Error(`"${value}" cannot be used as a path segment`);
  return encodeURIComponent(value);
}

/** `GET /api/imagenet/{hitDatasetName}/hits/{imageNetHitId}`, each path segment URL-encoded. */
export function hitUrl(hitDatasetName: string, imageNetHitId: string): string {
  return `/api/imagenet/${pathSegment(hitDatasetName)}/hits/${pathSegment(imageNetHitId)}`;
}

/** A request that could not be answered: `status` is the HTTP status, or 0 when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** GETs `url` as JSON (or sends `init`); throws {@link ApiError} on a network failure or a status other than 2xx. */
export async function getJson<T>(url: string, fetchFn: FetchLike = browserFetch, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, headers: { Accept: "application/json", ...(init.headers as Record<string, string>) } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiError(url, 0, `network error (${reason})`);
  }
  if (!response.ok) {
    const detail = await errorDetail(response);
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    throw new ApiError(url, response.status, detail ? `${status}: ${detail}` : status);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(url, response.status, `HTTP ${response.status}, but the answer is not JSON`);
  }
}

/** The `error` or `message` field of a JSON error body, if there is one. */
async function errorDetail(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = JSON.parse(await response.text());
    if (body && typeof body === "object") {
      const { error, message } = body as { error?: unknown; message?: unknown };
      if (typeof error === "string" && error) return error;
      if (typeof message === "string" && message) return message;
    }
  } catch {
    // not JSON: the status says enough
  }
  return undefined;
}

export async function getImageNetHit(
  hitDatasetName: string,
  imageNetHitId: string,
  fetchFn: FetchLike = browserFetch,
): Promise<ImageNetHIT> {
  return getJson<ImageNetHIT>(hitUrl(hitDatasetName, imageNetHitId), fetchFn);
}

/** `GET /api/imagenet/{ds}/hits/{hit}/version?workerID=`: the worker's version when the link says `version=RANDOM`. */
export async function assignedVersion(
  hitDatasetName: string,
  imageNetHitId: string,
  workerId: string,
  fetchFn: FetchLike = browserFetch,
): Promise<Version> {
  const url = `${hitUrl(hitDatasetName, imageNetHitId)}/version?workerID=${encodeURIComponent(workerId)}`;
  const answer = await getJson<{ version?: unknown }>(url, fetchFn);
  if (!isVersion(answer?.version)) throw new ApiError(url, 200, "the answer holds no interface version");
  return answer.version;
}

/** The ids of MTurk's link that prove the assignment (the assignment id is the secret part). */
export interface AssignmentProof {
  workerId: string;
  assignmentId: string;
  hitId?: string | undefined;
}

/**
 * `POST /api/imagenet/{ds}/hits/{hit}/assignment`: the annotation id and capability of this
 * worker's assignment, and how far its stored pages go. 403 when a unique HIT refuses the worker.
 */
export async function startAssignment(
  hitDatasetName: string,
  imageNetHitId: string,
  proof: AssignmentProof,
  fetchFn: FetchLike = browserFetch,
): Promise<Assignment> {
  const url = `${hitUrl(hitDatasetName, imageNetHitId)}/assignment`;
  const answer = await getJson<Partial<Assignment>>(url, fetchFn, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ workerId: proof.workerId, assignmentId: proof.assignmentId, hitId: proof.hitId ?? null }),
  });
  if (typeof answer?.annotationId !== "string" || typeof answer.capability !== "string") {
    throw new ApiError(url, 200, "the answer holds no annotation id and capability");
  }
  return { annotationId: answer.annotationId, capability: answer.capability, pageCount: Number(answer.pageCount) || 0, isDone: answer.isDone === true };
}

/** `GET /api/imagenet/{ds}/hits/{hit}/survey-code?annotationID=&workerID=` (the capability goes in a header). */
export function surveyCodeUrl(hitDatasetName: string, imageNetHitId: string, annotationId: string, workerId: string): string {
  const query = new URLSearchParams({ annotationID: annotationId, workerID: workerId });
  return `${hitUrl(hitDatasetName, imageNetHitId)}/survey-code?${query.toString()}`;
}

/** The survey code (6 upper-case hex characters); the server answers 409 until every page of the HIT is stored. */
export async function getSurveyCode(
  hitDatasetName: string,
  imageNetHitId: string,
  ids: { annotationId: string; workerId: string; capability: string },
  fetchFn: FetchLike = browserFetch,
): Promise<string> {
  const url = surveyCodeUrl(hitDatasetName, imageNetHitId, ids.annotationId, ids.workerId);
  const answer = await getJson<{ surveyCode?: unknown }>(url, fetchFn, { headers: { "X-Byproduct-Capability": ids.capability } });
  if (typeof answer?.surveyCode !== "string" || !/^[0-9A-F]{6}$/.test(answer.surveyCode)) {
    throw new ApiError(url, 200, "the answer holds no survey code");
  }
  return answer.surveyCode;
}
