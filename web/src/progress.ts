/**
 * What the browser remembers of a worker's HIT across reloads (localStorage, per dataset, HIT
 * and worker): the annotation id, how many pages were submitted (their PageSubmitted is in the
 * outbox), whether the HIT is finished, and the open page's state (when it was opened, which
 * images are selected and where they were clicked).
 */
export interface PageProgress {
  no: number;
  startedAt: number;
  /** Selected images: index → click position (fractions of the image). */
  selected: Record<string, [number, number]>;
}

export interface HitProgress {
  id: string;
  submitted: number;
  done: boolean;
  hitStartedAt?: number;
  page?: PageProgress;
}

export interface ProgressKey {
  hitDatasetName: string;
  imageNetHitId: string;
  workerId: string;
}

const PREFIX = "bp-hit:";

export function progressKey(key: ProgressKey): string {
  return `${PREFIX}${JSON.stringify([key.hitDatasetName, key.imageNetHitId, key.workerId])}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadProgress(key: ProgressKey, store: Storage | null = storage()): HitProgress | null {
  try {
    const raw = store?.getItem(progressKey(key));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<HitProgress>;
    if (typeof value.id !== "string" || typeof value.submitted !== "number") return null;
    return {
      id: value.id,
      submitted: value.submitted,
      done: value.done === true,
      ...(typeof value.hitStartedAt === "number" ? { hitStartedAt: value.hitStartedAt } : {}),
      ...(value.page && typeof value.page.no === "number" ? { page: value.page } : {}),
    };
  } catch {
    return null;
  }
}

export function saveProgress(key: ProgressKey, progress: HitProgress, store: Storage | null = storage()): void {
  try {
    store?.setItem(progressKey(key), JSON.stringify(progress));
  } catch (error) {
    console.warn("byproduct: could not save the progress", error);
  }
}
