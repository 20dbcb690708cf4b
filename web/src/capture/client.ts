/**
 * The capture client: numbers each event of this page load (one session), keeps it in the
 * outbox until acknowledged, streams it over the live WebSocket every `flushMs`, sends the
 * sessions left over from earlier page loads over HTTP, and hands the rest to `sendBeacon` when
 * the page goes away.
 */
import { Backoff } from "./backoff";
import { LiveConnection, type ConnectionState, type SocketFactory } from "./connection";
import { beaconPending, drainOverHttp, type BeaconLike, type FetchLike } from "./http";
import type { Outbox } from "./outbox";
import type { CapturedEvent, EventBody, Hello } from "./wire";

export interface ClientOptions {
  outbox: Outbox;
  /** The live session's hello (its `s` is the new session id). */
  hello: Hello;
  /** The gateway's origin, e.g. `https://example.org`. */
  origin: string;
  /** How often new events are sent (ms); 250–500 keeps well under the gateway's frame rate. */
  flushMs?: number;
  fetchFn?: FetchLike;
  beacon?: BeaconLike;
  createSocket?: SocketFactory;
  now?: () => number;
  /** WebSocket failures in a row after which the live session is also sent over HTTP. */
  httpFallbackAfter?: number;
}

export interface ClientStatus {
  connection: ConnectionState;
  /** Whether the gateway has been reachable lately (socket open or an HTTP batch accepted). */
  reachable: boolean;
  pending: number;
  failures: number;
}

export class CaptureClient {
  readonly session: string;
  private seq = 0;
  private readonly connection: LiveConnection;
  private readonly httpBackoff = new Backoff({ initialMs: 1000, maxMs: 30_000 });
  private timer: ReturnType<typeof setInterval> | null = null;
  private draining = false;
  private httpRetryAt = 0;
  private lastHttpOkAt = 0;
  private readonly eventListeners = new Set<(e: CapturedEvent) => void>();
  private readonly statusListeners = new Set<(s: ClientStatus) => void>();
  private readonly now: () => number;
  private readonly fetchFn: FetchLike;
  /** Main-thread time of the periodic save-and-send (ms), for the cost measurement. */
  readonly cost = { ticks: 0, tickMs: 0 };

  private constructor(private readonly options: ClientOptions) {
    this.session = options.hello.s;
    this.now = options.now ?? Date.now;
    this.fetchFn = options.fetchFn ?? ((input, init) => fetch(input, init));
    const wsUrl = options.origin.replace(/^http/, "ws") + "/ingest/ws";
    this.connection = new LiveConnection({
      url: wsUrl,
      session: this.session,
      outbox: options.outbox,
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      onState: () => this.emitStatus(),
      canSend: () => !this.olderSessionsWait(),
    });
    options.outbox.onChange(() => this.emitStatus());
  }

  /** Registers the live session and starts sending (also what earlier page loads left). */
  static async start(options: ClientOptions): Promise<CaptureClient> {
    const client = new CaptureClient(options);
    await options.outbox.addSession({ s: client.session, hello: options.hello, createdAt: client.now() });
    client.connection.start();
    client.timer = setInterval(() => client.tick(), options.flushMs ?? 300);
    client.tick();
    return client;
  }

  get outbox(): Outbox {
    return this.options.outbox;
  }

  get hello(): Hello {
    return this.options.hello;
  }

  get connectionStats(): LiveConnection["stats"] {
    return this.connection.stats;
  }

  /** Sets the image table of a page (before its PageOpened). */
  setTable(page: number, ids: readonly string[]): Promise<void> {
    return this.options.outbox.addTable(this.session, page, ids);
  }

  /** Records an event of page `page`: the next sequence number, the client's time. */
  record(page: number, body: EventBody, time: number = this.now()): CapturedEvent {
    const event: CapturedEvent = { q: ++this.seq, p: page, t: time, b: body };
    this.options.outbox.add({ ...event, s: this.session });
    for (const listener of this.eventListeners) listener(event);
    return event;
  }

  /** Sequence number of the last recorded event. */
  get lastSeq(): number {
    return this.seq;
  }

  onEvent(listener: (e: CapturedEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (s: ClientStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  status(): ClientStatus {
    const connection = this.connection.state;
    return {
      connection,
      reachable: connection === "open" || this.now() - this.lastHttpOkAt < 5000,
      pending: this.options.outbox.count(),
      failures: this.connection.failures,
    };
  }

  private emitStatus(): void {
    if (!this.statusListeners.size) return;
    const status = this.status();
    for (const listener of this.statusListeners) listener(status);
  }

  /** Resolves when every event of the annotation (this and earlier page loads) is acknowledged. */
  whenAcked(annotationId: string = this.options.hello.a): Promise<void> {
    this.tick();
    return this.options.outbox.whenDrained((session) => session.hello.a === annotationId);
  }

  /**
   * Whether events of earlier page loads of the same annotation still wait. The live session
   * sends only after them, so that every event of an assignment reaches Kafka in the order it
   * happened (a page's events before its PageSubmitted, a hover's leave after its enter).
   */
  private olderSessionsWait(): boolean {
    const a = this.options.hello.a;
    return this.options.outbox.sessionsWithEvents().some((s) => s.s !== this.session && s.hello.a === a);
  }

  /** Saves, sends what is new, and retries what earlier page loads left. */
  tick(): void {
    const start = typeof performance === "undefined" ? 0 : performance.now();
    void this.options.outbox.save();
    if (!this.olderSessionsWait()) this.connection.flush();
    void this.drainOverHttp();
    if (start) {
      this.cost.ticks++;
      this.cost.tickMs += performance.now() - start;
    }
  }

  /** The browser says it is online again: retry at once. */
  online(): void {
    this.httpRetryAt = 0;
    this.httpBackoff.reset();
    this.connection.kick();
    this.tick();
  }

  private async drainOverHttp(): Promise<void> {
    if (this.draining || this.now() < this.httpRetryAt) return;
    const outbox = this.options.outbox;
    const fallback = this.connection.state !== "open" && this.connection.failures >= (this.options.httpFallbackAfter ?? 3);
    const sessions = outbox
      .sessionsWithEvents()
      .filter((s) => s.s !== this.session || fallback);
    if (!sessions.length) return;
    this.draining = true;
    try {
      for (const session of sessions) {
        const ok = await drainOverHttp(outbox, session.s, {
          fetchFn: this.fetchFn,
          url: `${this.options.origin}/ingest/frames`,
        });
        if (!ok) {
          this.httpRetryAt = this.now() + this.httpBackoff.next();
          return;
        }
        this.lastHttpOkAt = this.now();
        this.httpBackoff.reset();
      }
      this.connection.flush(); // the live session may have waited for these
    } finally {
      this.draining = false;
      this.emitStatus();
    }
  }

  /**
   * The page is being hidden or unloaded: save, send over the socket, hand what is still
   * unacknowledged to `sendBeacon`, and (when unloading) spill what is unsaved into localStorage.
   */
  pageHidden(unloading: boolean): void {
    const outbox = this.options.outbox;
    void outbox.save();
    this.connection.flush();
    const beacon =
      this.options.beacon ??
      (typeof navigator !== "undefined" && typeof navigator.sendBeacon === "function"
        ? (url: string, body: string) => navigator.sendBeacon(url, body)
        : null);
    if (beacon) beaconPending(outbox, this.session, beacon, `${this.options.origin}/ingest/beacon`);
    if (unloading) outbox.spill();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.connection.stop();
  }
}
