import { ApiError, getImageNetHit, type FetchLike, type ImageNetImage } from "./api";
import { blursImages, isHitMode, showsPointer, type PageParams, type Version } from "./params";
import { definitionOf, termOf } from "./text";

/** What the page shows, decided from the URL parameters and the API's answers (no DOM here). */
export type View =
  | { kind: "error"; message: string }
  | { kind: "sandbox"; version: Version }
  | { kind: "admin" }
  | {
      kind: "hit";
      version: Version;
      pointer: boolean;
      blur: boolean;
      term: string;
      definition: string;
      images: ImageNetImage[];
      pageCount: number;
    };

export const HEADING = "Which of these images contain at least one object of type";

export async function loadView(params: PageParams, fetchFn?: FetchLike): Promise<View> {
  if (params.page === "admin") return { kind: "admin" };
  if (!isHitMode(params)) return { kind: "sandbox", version: params.version };
  if (params.workerId === undefined) {
    return { kind: "error", message: "The URL has no workerId: open this page from the HIT's link." };
  }

  const { hitDatasetName, imageNetHitId } = params;
  try {
    const hit = await getImageNetHit(hitDatasetName, imageNetHitId, fetchFn);
    const first = hit?.pages?.[0];
    if (!first?.class || !Array.isArray(first.images)) {
      return { kind: "error", message: `HIT ${imageNetHitId} of dataset ${hitDatasetName} has no pages.` };
    }
    return {
      kind: "hit",
      version: params.version,
      pointer: showsPointer(params.version),
      blur: blursImages(params.version),
      term: termOf(first.class.synset ?? []),
      definition: definitionOf(first.class.description ?? ""),
      images: first.images,
      pageCount: hit.pages.length,
    };
  } catch (error) {
    const reason = error instanceof ApiError || error instanceof Error ? error.message : String(error);
    return {
      kind: "error",
      message: `Could not load HIT ${imageNetHitId} of dataset ${hitDatasetName}: ${reason}`,
    };
  }
}
