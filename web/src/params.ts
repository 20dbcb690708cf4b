/**
 * The annotation page's URL parameters, read as the original front end reads them:
 * `version`, `assignmentId`, `workerId`, `hitId`, `hitDatasetName`, `imageNetHitId`, `page`.
 */

/** The four interface versions (`?version=`). */
export const VERSIONS = [
  "POINTER_ORIGINAL",
  "NO_POINTER_ORIGINAL",
  "POINTER_NO_ORIGINAL",
  "NO_POINTER_NO_ORIGINAL",
] as const;

export type Version = (typeof VERSIONS)[number];

/** The version used when `?version=` is absent or not one of {@link VERSIONS}. */
export const DEFAULT_VERSION: Version = "NO_POINTER_NO_ORIGINAL";

export type Page = "annotator" | "admin";

export interface PageParams {
  version: Version;
  /** `?version=RANDOM`: the gateway assigns the worker's version (experiment groups). */
  randomVersion?: true;
  assignmentId?: string;
  workerId?: string;
  hitId?: string;
  hitDatasetName?: string;
  imageNetHitId?: string;
  page: Page;
}

/** A page whose parameters name a HIT: both `hitDatasetName` and `imageNetHitId` are present. */
export type HitParams = PageParams & { hitDatasetName: string; imageNetHitId: string };

export function isVersion(value: unknown): value is Version {
  return typeof value === "string" && (VERSIONS as readonly string[]).includes(value);
}

/** The version named by `raw`, or {@link DEFAULT_VERSION} when it is absent or unknown. */
export function parseVersion(raw: string | null | undefined): Version {
  return isVersion(raw) ? raw : DEFAULT_VERSION;
}

/**
 * Parses a query string (`location.search`, with or without the leading `?`).
 * A repeated parameter counts by its first value; an empty one (`?workerId=`) counts as absent.
 */
export function parseParams(search: string | URLSearchParams): PageParams {
  const query = typeof search === "string" ? new URLSearchParams(search) : search;
  const text = (name: string): string | undefined => {
    const value = query.get(name);
    return value === null || value === "" ? undefined : value;
  };
  const params: PageParams = {
    version: parseVersion(text("version")),
    page: text("page") === "admin" ? "admin" : "annotator",
  };
  if (text("version")?.toUpperCase() === "RANDOM") params.randomVersion = true;
  for (const name of ["assignmentId", "workerId", "hitId", "hitDatasetName", "imageNetHitId"] as const) {
    const value = text(name);
    if (value !== undefined) params[name] = value;
  }
  return params;
}

/** HIT mode: both `hitDatasetName` and `imageNetHitId` are present; otherwise the page is in sandbox mode. */
export function isHitMode(params: PageParams): params is HitParams {
  return params.hitDatasetName !== undefined && params.imageNetHitId !== undefined;
}

/** Whether the version shows the red pointer dot (the `POINTER_*` versions). */
export function showsPointer(version: Version): boolean {
  return version.startsWith("POINTER_");
}

/** Whether the version blurs images until hovered or selected (the `*_NO_ORIGINAL` versions). */
export function blursImages(version: Version): boolean {
  return version.endsWith("_NO_ORIGINAL");
}
