/**
 * The HIT flow (seed-contract.md): load the HIT, prove the assignment to get its annotation id and
 * capability (the server applies the unique rule), resume or start, show each page, and on Submit
 * wait until every event of the page is acknowledged before showing the next page or the survey
 * code. The flow decides what comes next; loading the HIT is hit-load.ts, where to resume
 * resume.ts, the capture client session.ts, a page on screen `PageView` (page-view.ts), the Submit
 * steps and the survey code submit.ts.
 */
import { ApiError, startAssignment, type Assignment, type ImageNetHIT } from "./api";
import type { CaptureClient } from "./capture/client";
import { watchLifecycle } from "./capture/lifecycle";
import { LocalRecorder, type Recorder } from "./capture/recorder";
import { DEFAULT_SAMPLE_INTERVAL_MS, PointerSampler } from "./capture/sampler";
import { loadHit } from "./hit-load";
import { PageView } from "./page-view";
import { type HitParams } from "./params";
import { loadProgress, saveProgress, type HitProgress, type PageProgress, type ProgressKey } from "./progress";
import { type ImageRecord, type RecordFold } from "./records";
import { ONE_HIT_PER_WORKER, startingPoint } from "./resume";
import { openCaptureClient, type SessionOptions } from "./session";
import { pollSurveyCode, reason, recordPageEnd, revalidate, waitAcked } from "./submit";
import { el } from "./ui/dom";
import { errorScreen, finishingScreen, loadingScreen, submittingOverlay, thankYouScreen } from "./ui/screens";
import { setBeforeUnload } from "./unload";

export interface HitFlowOptions extends SessionOptions {
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
    const loaded = await loadHit(this.params, this.adminView, this.options.fetchFn);
    if ("error" in loaded) {
      this.fail(loaded.error);
      return;
    }
    this.hit = loaded.hit;
    this.params = loaded.params;
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
    const { start, progress } = startingPoint(this.hit, assignment, loadProgress(this.key!));
    this.progress = progress;
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
    this.client = await openCaptureClient(this.params, annotationId, this.capability, this.options);
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
