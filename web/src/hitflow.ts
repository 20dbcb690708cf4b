/**
 * The HIT flow (seed-contract.md): load the HIT, prove the assignment to get its annotation id and
 * capability (the server applies the unique rule), resume or start, show each page, and on Submit
 * wait until every event of the page is acknowledged before showing the next page or the survey
 * code.
 */
import {
  ApiError,
  assignedVersion,
  getImageNetHit,
  getSurveyCode,
  startAssignment,
  type Assignment,
  type FetchLike,
  type ImageNetHIT,
} from "./api";
import { Backoff } from "./capture/backoff";
import { CaptureClient } from "./capture/client";
import type { SocketFactory } from "./capture/connection";
import { LayoutWatcher } from "./capture/layout";
import { watchLifecycle } from "./capture/lifecycle";
import { Outbox } from "./capture/outbox";
import { PageCapture } from "./capture/page-capture";
import { LocalRecorder, type Recorder } from "./capture/recorder";
import { DEFAULT_SAMPLE_INTERVAL_MS, PointerSampler } from "./capture/sampler";
import { IndexedDbStore, MemoryStore, type OutboxStore } from "./capture/store";
import { uuid } from "./ids";
import { blursImages, showsPointer, type HitParams } from "./params";
import { loadProgress, saveProgress, type HitProgress, type PageProgress, type ProgressKey } from "./progress";
import { RecordFold, type ImageRecord } from "./records";
import { ONE_HIT_PER_WORKER, decideStart } from "./resume";
import { AdminPanels } from "./ui/admin";
import { el } from "./ui/dom";
import { Grid } from "./ui/grid";
import {
  NETWORK_DOWN,
  errorScreen,
  finishingScreen,
  footer,
  instructions,
  loadingScreen,
  submittingOverlay,
  thankYouScreen,
} from "./ui/screens";

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

const BEFORE_UNLOAD_MESSAGE = "Now uploading your annotation data to database server. Are you sure leave here?";

function onBeforeUnload(event: BeforeUnloadEvent): string {
  event.preventDefault();
  event.returnValue = BEFORE_UNLOAD_MESSAGE;
  return BEFORE_UNLOAD_MESSAGE;
}

function setBeforeUnload(on: boolean): void {
  if (on) window.addEventListener("beforeunload", onBeforeUnload);
  else window.removeEventListener("beforeunload", onBeforeUnload);
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
  private unfold: (() => void) | null = null;
  private hit!: ImageNetHIT;
  private progress!: HitProgress;
  private capability = "";
  private client: CaptureClient | null = null;
  private recorder: Recorder | null = null;
  private capture: PageCapture | null = null;
  private grid: Grid | null = null;
  private layout: LayoutWatcher | null = null;
  private admin: AdminPanels | null = null;
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
      current: () => (this.capture?.isActive ? this.capture : null),
      client: this.client,
      beforeUnload: () => {
        const hovered = this.grid?.hoveredIndex;
        if (hovered !== null && hovered !== undefined) this.capture?.leave(hovered);
      },
    });
  }

  private teardownPage(): void {
    this.unfold?.();
    this.unfold = null;
    this.capture?.stop();
    this.layout?.stop();
    this.admin?.stop();
    this.capture = null;
    this.layout = null;
    this.admin = null;
    this.grid = null;
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

    const table = page.images.map((image) => image.id);
    const fold = new RecordFold(no, table, Object.keys(pageState.selected).map(Number));
    this.fold = fold;
    this.unfold = recorder.onEvent((e) => fold.apply(e));
    void this.client?.setTable(no, table);
    recorder.record(no, [0, page.class.id, page.class.wnid ?? null, page.class.synset ?? [], this.hit.pages.length]);
    const capture = new PageCapture(recorder, no, this.sampler);
    this.capture = capture;
    const debug = this.adminView || this.options.debug === true;
    const grid = new Grid({
      images: page.images,
      blur: blursImages(this.params.version),
      pointer: showsPointer(this.params.version) || debug,
      selected: pageState.selected,
      sink: {
        enter: (i) => capture.enter(i),
        move: (i, fx, fy) => {
          const sampled = capture.move(i, fx, fy);
          if (sampled) this.stats.samples++;
          return sampled;
        },
        leave: (i) => capture.leave(i),
        click: (i, fx, fy, selected) => {
          capture.click(i, fx, fy, selected);
          pageState.selected = grid.selection();
          this.saveProgress();
        },
        broken: (i) => grid.drop(i),
      },
      onMoveCost: (ms) => {
        this.stats.moves++;
        this.stats.moveMs += ms;
        if (ms > this.stats.maxMoveMs) this.stats.maxMoveMs = ms;
      },
    });
    this.grid = grid;
    if (debug) this.admin = new AdminPanels(grid, recorder, fold);
    const bottom = footer(no, this.hit.pages.length);
    bottom.button.addEventListener("click", () => void this.submit(no, bottom.button));
    const header = instructions(page.class);
    header.tabIndex = -1;
    this.show(el("div", { class: "page" }, header, grid.element, grid.announcer, bottom.element));
    this.layout = new LayoutWatcher(grid.images(), (i, layout) => capture.layout(i, layout), grid.element);
    if (!this.adminView) setBeforeUnload(true);
    if (no > 1) header.focus({ preventScroll: true });
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
    const capture = this.capture;
    capture?.stop();
    if (this.fold) this.submittedFolds.set(no, this.fold);
    try {
      if (this.adminView) {
        this.progress.submitted = no;
        if (last) this.show(el("section", { class: "thanks" }, el("h1", {}, "End of the HIT (admin view: nothing was sent)")));
        else this.showPage(no + 1);
        return;
      }
      const client = this.client!;
      const verdict = await this.revalidate();
      if (verdict === "refused") return;
      // every earlier event of the annotation first: nothing may arrive after the page closed
      await this.waitAcked(overlay.message);
      const startedAt = this.progress.page?.startedAt ?? Date.now();
      if (no === 1) client.record(no, [9, this.progress.hitStartedAt ?? startedAt, ""]);
      client.record(no, [8, uuid(), startedAt, last ? 1 : 0]);
      if (last) client.record(no, [10, this.hit.pages.length]);
      this.progress.submitted = no;
      delete this.progress.page;
      if (last) this.progress.done = true;
      this.saveProgress();
      await this.waitAcked(overlay.message);
      if (last) await this.finish();
      else this.showPage(no + 1);
    } finally {
      overlay.element.remove();
      this.submitting = false;
    }
  }

  /** Checks the worker again on Submit, as the original (the unique rule); a network failure is left to the outbox. */
  private async revalidate(): Promise<"ok" | "refused"> {
    try {
      await Promise.race([this.assignment(), sleep(5000)]);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        this.fail(ONE_HIT_PER_WORKER);
        return "refused";
      }
      // offline: the answers stay in the outbox; the wait below says so
    }
    return "ok";
  }

  /** Waits until every event of the annotation is acknowledged, saying so while the network is down. */
  private async waitAcked(message: HTMLElement): Promise<void> {
    const client = this.client!;
    const started = Date.now();
    const update = () => {
      const status = client.status();
      const waited = Date.now() - started;
      if (waited > 2500 && !status.reachable) message.textContent = NETWORK_DOWN;
      else if (waited > 2500) message.textContent = `Sending your answers… (${status.pending} events left)`;
      else message.textContent = "";
    };
    const timer = setInterval(update, 500);
    try {
      await client.whenAcked(this.progress.id);
    } finally {
      clearInterval(timer);
      message.textContent = "";
    }
  }

  /** After the last page: every event acknowledged, then the survey code (the server gives it once the HIT is done). */
  private async finish(): Promise<void> {
    this.teardownPage();
    const screen = finishingScreen();
    this.show(screen.element);
    setBeforeUnload(true);
    await this.waitAcked(screen.message);
    const { hitDatasetName, imageNetHitId, workerId } = this.params;
    const ids = { annotationId: this.progress.id, workerId: workerId!, capability: this.capability };
    const backoff = new Backoff({ initialMs: 300, maxMs: 10_000 });
    const started = Date.now();
    for (;;) {
      try {
        const code = await getSurveyCode(hitDatasetName, imageNetHitId, ids, this.options.fetchFn);
        this.progress.done = true;
        this.saveProgress();
        setBeforeUnload(false);
        this.show(thankYouScreen(code));
        return;
      } catch (error) {
        const status = error instanceof ApiError ? error.status : 0;
        if (status === 0) screen.message.textContent = NETWORK_DOWN;
        else if (status === 409) {
          screen.message.textContent = Date.now() - started > 15_000 ? "Still preparing your survey code… please keep this page open." : "Preparing your survey code…";
        } else if (status >= 400 && status < 500) {
          this.fail(`Could not get your survey code: ${reason(error)}`);
          return;
        } else screen.message.textContent = `Could not get your survey code yet (${reason(error)}); trying again…`;
      }
      await sleep(backoff.next());
    }
  }
}
