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

/** The HIT-level annotation as the search answers it (the seed's ImageNetAnnotation). */
export interface ImageNetAnnotation {
  id: string;
  imageNetHitID?: string;
  hitDatasetName?: string;
  isDone?: boolean;
  pageCount?: number;
  version?: string;
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

/** GETs `url` as JSON; throws {@link ApiError} on a network failure or a status other than 2xx. */
export async function getJson<T>(url: string, fetchFn: FetchLike = browserFetch): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { Accept: "application/json" } });
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

/** `GET /api/imagenet/{ds}/hits/{hit}/annotations?workerID=`: the worker's annotations in that dataset. */
export function annotationsUrl(hitDatasetName: string, imageNetHitId: string, workerId: string): string {
  return `${hitUrl(hitDatasetName, imageNetHitId)}/annotations?workerID=${encodeURIComponent(workerId)}`;
}

export async function searchAnnotations(
  hitDatasetName: string,
  imageNetHitId: string,
  workerId: string,
  fetchFn: FetchLike = browserFetch,
): Promise<ImageNetAnnotation[]> {
  const found = await getJson<unknown>(annotationsUrl(hitDatasetName, imageNetHitId, workerId), fetchFn);
  if (!Array.isArray(found)) {
    throw new ApiError(annotationsUrl(hitDatasetName, imageNetHitId, workerId), 200, "the annotation search is not a list");
  }
  return found.filter((a): a is ImageNetAnnotation => !!a && typeof a === "object" && typeof a.id === "string");
}

/** `GET /api/imagenet/{ds}/hits/{hit}/survey-code?workerID=&assignmentID=&hitID=`. */
export function surveyCodeUrl(
  hitDatasetName: string,
  imageNetHitId: string,
  ids: { workerId: string; assignmentId?: string | undefined; hitId?: string | undefined },
): string {
  const query = new URLSearchParams({ workerID: ids.workerId });
  if (ids.assignmentId !== undefined) query.set("assignmentID", ids.assignmentId);
  if (ids.hitId !== undefined) query.set("hitID", ids.hitId);
  return `${hitUrl(hitDatasetName, imageNetHitId)}/survey-code?${query.toString()}`;
}

/** The survey code (6 upper-case hex characters); the server answers 409 until the HIT is done. */
export async function getSurveyCode(
  hitDatasetName: string,
  imageNetHitId: string,
  ids: { workerId: string; assignmentId?: string | undefined; hitId?: string | undefined },
  fetchFn: FetchLike = browserFetch,
): Promise<string> {
  const url = surveyCodeUrl(hitDatasetName, imageNetHitId, ids);
  const answer = await getJson<{ surveyCode?: unknown }>(url, fetchFn);
  if (typeof answer?.surveyCode !== "string" || !/^[0-9A-F]{6}$/.test(answer.surveyCode)) {
    throw new ApiError(url, 200, "the answer holds no survey code");
  }
  return answer.surveyCode;
}
