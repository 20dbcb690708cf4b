/**
 * The HIT flow (seed-contract.md): load the HIT, prove the assignment to get its annotation id and
 * capability (the server applies the unique rule), resume or start, show each page, and on Submit
 * wait until every event of the page is acknowledged before showing the next page or the survey
 * code. The flow decides what comes next; a page on screen is `PageView` (page-view.ts), the
 * Submit steps and the survey code are submit.ts.
 */
import {
  ApiError,
  assignedVersion,
  getImageNetHit,
  startAssignment,
  type Assignment,
  type FetchLike,
  type ImageNetHIT,
} from "./api";
import { CaptureClient } from "./capture/client";
import type { SocketFactory } from "./capture/connection";
import { watchLifecycle } from "./capture/lifecycle";
import { Outbox } from "./capture/outbox";
import { LocalRecorder, type Recorder } from "./capture/recorder";
import { DEFAULT_SAMPLE_INTERVAL_MS, PointerSampler } from "./capture/sampler";
import { IndexedDbStore, MemoryStore, type OutboxStore } from "./capture/store";
import { uuid } from "./ids";
import { PageView } from "./page-view";
import { type HitParams } from "./params";
import { loadProgress, saveProgress, type HitProgress, type PageProgress, type ProgressKey } from "./progress";
import { type ImageRecord, type RecordFold } from "./records";
import { ONE_HIT_PER_WORKER, decideStart } from "./resume";
import { pollSurveyCode, reason, recordPageEnd, revalidate, waitAcked } from "./submit";
import { el } from "./ui/dom";
import { errorScreen, finishingScreen, loadingScreen, submittingOverlay, thankYouScreen } from "./ui/screens";
import { setBeforeUnload } from "./unload";

export interface HitFlowOptions {
  fetchFn?: FetchLike;
  openStore?: () => Promise<OutboxStore>;
  createSocket?: SocketFactory;
  origin?: string;
  /** Pointer sampling interval (ms); `?sampleMs=` overrides it for experiments. */
  sampleMs?: number;
  /** Show the live per-image records (the requesters' debug switch). */
  debug?: boolean;
}

/** What the page exposes for measurements and tests (`window.byproduct`). */
export interface PageStats {
  annotationId: string | null;
  page: number | null;
  moves: number;
  samples: number;
  moveMs: number;
  maxMoveMs: number;
  client: CaptureClient | null;
  /** The open page's per-image records as folded in the browser (this page load's events only). */
  records: () => ImageRecord[];
  /** The same, as they were when page `no` was submitted in this page load. */
  submittedRecords: (no: number) => ImageRecord[] | undefined;
}

async function openStore(): Promise<OutboxStore> {
  try {
    return await IndexedDbStore.open();
  } catch (error) {
    console.warn("byproduct: IndexedDB is not available; events are kept in memory only", error);
    return new MemoryStore();
  }
}

export class HitFlow {
  readonly stats: PageStats = {
    annotationId: null,
    page: null,
    moves: 0,
    samples: 0,
    moveMs: 0,
    maxMoveMs: 0,
    client: null,
    records: () => this.fold?.records ?? [],
    submittedRecords: (no) => this.submittedFolds.get(no)?.records,
  };
  private readonly submittedFolds = new Map<number, RecordFold>();
  private fold: RecordFold | null = null;
  private hit!: ImageNetHIT;
  private progress!: HitProgress;
  private capability = "";
  private client: CaptureClient | null = null;
  private recorder: Recorder | null = null;
  private view: PageView | null = null;
  private readonly sampler: PointerSampler;
  private readonly key: ProgressKey | null;

  constructor(
    private readonly root: HTMLElement,
    private params: HitParams,
    private readonly options: HitFlowOptions = {},
  ) {
    this.sampler = new PointerSampler(options.sampleMs ?? DEFAULT_SAMPLE_INTERVAL_MS);
    this.key = params.workerId
      ? { hitDatasetName: params.hitDatasetName, imageNetHitId: params.imageNetHitId, workerId: params.workerId }
      : null;
  }

  private get adminView(): boolean {
    return this.params.page === "admin";
  }

  private show(...nodes: Node[]): void {
    this.root.replaceChildren(...nodes);
  }

  private fail(message: string): void {
    setBeforeUnload(false);
    this.teardownPage();
    this.show(errorScreen(message));
  }

  async start(): Promise<void> {
    this.show(loadingScreen());
    const { hitDatasetName, imageNetHitId, workerId, assignmentId } = this.params;
    if (!this.adminView && workerId === undefined) {
      this.fail("'hitDatasetName' or 'imageNetHitId' or 'workerId' is undefined");
      return;
    }
    if (!this.adminView && (assignmentId === undefined || assignmentId === "ASSIGNMENT_ID_NOT_AVAILABLE")) {
      this.fail("'assignmentId' is undefined: accept the HIT on MTurk first, then open it again from the HIT's page.");
      return;
    }
    try {
      this.hit = await getImageNetHit(hitDatasetName, imageNetHitId, this.options.fetchFn);
    } catch (error) {
      this.fail(`Could not load HIT ${imageNetHitId} of dataset ${hitDatasetName}: ${reason(error)}`);
      return;
    }
    if (!Array.isArray(this.hit?.pages) || !this.hit.pages.length || !this.hit.pages.every((p) => p?.class && Array.isArray(p.images))) {
      this.fail(`HIT ${imageNetHitId} of dataset ${hitDatasetName} has no pages.`);
      return;
    }
    if (this.params.randomVersion && workerId !== undefined && !this.adminView) {
      try {
        this.params = { ...this.params, version: await assignedVersion(hitDatasetName, imageNetHitId, workerId, this.options.fetchFn) };
      } catch (error) {
        this.fail(`Could not get your version of this HIT: ${reason(error)}`);
        return;
      }
    }
    if (this.adminView) {
      this.recorder = new LocalRecorder();
      this.progress = { id: "admin", submitted: 0, done: false };
      this.showPage(1);
      return;
    }
    let assignment: Assignment;
    try {
      assignment = await this.assignment();
    } catch (error) {
      this.fail(error instanceof ApiError && error.status === 403 ? ONE_HIT_PER_WORKER : `Could not check your earlier work on this HIT: ${reason(error)}`);
      return;
    }
    this.capability = assignment.capability;
    const local = loadProgress(this.key!);
    const start = decideStart(this.hit, assignment, local);
    const sameAsLocal = local?.id === start.annotationId;
    this.progress = {
      id: start.annotationId,
      submitted: start.kind === "annotate" ? start.submitted : this.hit.pages.length,
      done: start.kind === "finished",
      ...(sameAsLocal && local?.hitStartedAt !== undefined ? { hitStartedAt: local.hitStartedAt } : {}),
      ...(sameAsLocal && local?.page && start.kind === "annotate" && local.page.no === start.page ? { page: local.page } : {}),
    };
    saveProgress(this.key!, this.progress);
    this.stats.annotationId = start.annotationId;
    await this.startClient(start.annotationId);
    if (start.kind === "finished") await this.finish();
    else this.showPage(start.page);
  }

  /** Proves the assignment (MTurk's ids) and gets its annotation id, capability and stored progress. */
  private assignment(): Promise<Assignment> {
    const { hitDatasetName, imageNetHitId, workerId, assignmentId, hitId } = this.params;
    return startAssignment(hitDatasetName, imageNetHitId, { workerId: workerId!, assignmentId: assignmentId!, hitId }, this.options.fetchFn);
  }

  private async startClient(annotationId: string): Promise<void> {
    const store = await (this.options.openStore ?? openStore)();
    const outbox = await Outbox.open(store);
    const { params } = this;
    this.client = await CaptureClient.start({
      outbox,
      origin: this.options.origin ?? window.location.origin,
      hello: {
        s: uuid(),
        a: annotationId,
        ds: params.hitDatasetName,
        h: params.imageNetHitId,
        w: params.workerId ?? null,
        as: params.assignmentId ?? null,
        hi: params.hitId ?? null,
        ver: params.version,
        k: this.capability,
      },
      ...(this.options.fetchFn ? { fetchFn: this.options.fetchFn } : {}),
      ...(this.options.createSocket ? { createSocket: this.options.createSocket } : {}),
    });
    this.recorder = this.client;
    this.stats.client = this.client;
    watchLifecycle({
      current: () => (this.view?.capture.isActive ? this.view.capture : null),
      client: this.client,
      beforeUnload: () => {
        const hovered = this.view?.hoveredIndex;
        if (hovered !== null && hovered !== undefined) this.view?.capture.leave(hovered);
      },
    });
  }

  private teardownPage(): void {
    this.view?.stop();
    this.view = null;
  }

  private saveProgress(): void {
    if (this.key && !this.adminView) saveProgress(this.key, this.progress);
  }

  private showPage(no: number): void {
    this.teardownPage();
    const page = this.hit.pages[no - 1]!;
    const recorder = this.recorder!;
    const restored = this.progress.page?.no === no ? this.progress.page : undefined;
    const pageState: PageProgress = restored ?? { no, startedAt: Date.now(), selected: {} };
    this.progress.page = pageState;
    if (no === 1 && this.progress.hitStartedAt === undefined) this.progress.hitStartedAt = pageState.startedAt;
    this.saveProgress();
    this.stats.page = no;

    void this.client?.setTable(no, page.images.map((image) => image.id));
    const view = new PageView({
      no,
      pageCount: this.hit.pages.length,
      page,
      recorder,
      sampler: this.sampler,
      version: this.params.version,
      debug: this.adminView || this.options.debug === true,
      state: pageState,
      stats: this.stats,
      onSelect: () => this.saveProgress(),
      onSubmit: (button) => void this.submit(no, button),
    });
    this.view = view;
    this.fold = view.fold;
    this.show(view.element);
    view.shown(no);
    if (!this.adminView) setBeforeUnload(true);
  }

  private submitting = false;

  private async submit(no: number, button: HTMLButtonElement): Promise<void> {
    if (this.submitting) return;
    this.submitting = true;
    button.textContent = "Submitting...";
    button.disabled = true;
    window.scrollTo(0, 0);
    const overlay = submittingOverlay();
    this.root.append(overlay.element);
    const last = no >= this.hit.pages.length;
    this.view?.capture.stop();
    if (this.fold) this.submittedFolds.set(no, this.fold);
    try {
      if (this.adminView) {
        this.progress.submitted = no;
        if (last) this.show(el("section", { class: "thanks" }, el("h1", {}, "End of the HIT (admin view: nothing was sent)")));
        else this.showPage(no + 1);
        return;
      }
      const client = this.client!;
      if ((await revalidate(() => this.assignment())) === "refused") {
        this.fail(ONE_HIT_PER_WORKER);
        return;
      }
      // every earlier event of the annotation first: nothing may arrive after the page closed
      await waitAcked(client, this.progress.id, overlay.message);
      const startedAt = this.progress.page?.startedAt ?? Date.now();
      recordPageEnd(client, no, { startedAt, hitStartedAt: this.progress.hitStartedAt ?? startedAt, last, pageCount: this.hit.pages.length });
      this.progress.submitted = no;
      delete this.progress.page;
      if (last) this.progress.done = true;
      this.saveProgress();
      await waitAcked(client, this.progress.id, overlay.message);
      if (last) await this.finish();
      else this.showPage(no + 1);
    } finally {
      overlay.element.remove();
      this.submitting = false;
    }
  }

  /** After the last page: every event acknowledged, then the survey code (the server gives it once the HIT is done). */
  private async finish(): Promise<void> {
    this.teardownPage();
    const screen = finishingScreen();
    this.show(screen.element);
    setBeforeUnload(true);
    await waitAcked(this.client!, this.progress.id, screen.message);
    const { hitDatasetName, imageNetHitId, workerId } = this.params;
    const ids = { annotationId: this.progress.id, workerId: workerId!, capability: this.capability };
    const answer = await pollSurveyCode({ hitDatasetName, imageNetHitId, ids, fetchFn: this.options.fetchFn }, screen.message);
    if ("error" in answer) {
      this.fail(answer.error);
      return;
    }
    this.progress.done = true;
    this.saveProgress();
    setBeforeUnload(false);
    this.show(thankYouScreen(answer.code));
  }
}
