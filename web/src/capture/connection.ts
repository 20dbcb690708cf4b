/**
 * The live session's WebSocket to the gateway (`/ingest/ws`): the hello, then frames of new
 * events; acks drop events from the outbox. After any close it reconnects with back-off and
 * resends everything not acknowledged, coalesced into big frames (sequence numbers make
 * resending harmless).
 */
import { Backoff } from "./backoff";
import type { Outbox } from "./outbox";
import { DEFAULT_LIMITS, buildFrames, helloMessage, parseAnswer, type FrameLimits, type TableState } from "./wire";

/** The part of the browser's WebSocket the connection uses. */
export interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => unknown) | null;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  onclose: ((ev: CloseEvent) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export type ConnectionState = "idle" | "connecting" | "open" | "waiting" | "stopped";

export interface ConnectionOptions {
  url: string;
  session: string;
  outbox: Outbox;
  createSocket?: SocketFactory;
  backoff?: Backoff;
  limits?: FrameLimits;
  /** Do not send while the socket buffers more than this (bytes). */
  maxBuffered?: number;
  onState?: (state: ConnectionState) => void;
  onAck?: (seq: number) => void;
  /** Whether the session may send now (it waits while older sessions of its annotation are being sent). */
  canSend?: () => boolean;
}

/** Close codes of the gateway (docs/wire-format.md). */
const GOING_AWAY = 1001;
const IDLE = 4408;

export class LiveConnection {
  private socket: SocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sentUpTo = 0;
  private tableState: TableState = { page: null };
  private inflight: { first: number; last: number }[] = [];
  private currentState: ConnectionState = "idle";
  private readonly backoff: Backoff;
  readonly stats = { connects: 0, framesSent: 0, eventsSent: 0, acks: 0, refusals: 0 };

  constructor(private readonly options: ConnectionOptions) {
    this.backoff = options.backoff ?? new Backoff();
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Failed attempts since the last healthy connection. */
  get failures(): number {
    return this.backoff.failures;
  }

  private setState(state: ConnectionState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.options.onState?.(state);
  }

  start(): void {
    if (this.currentState === "idle" || this.currentState === "waiting") this.connect();
  }

  /** Reconnects at once (e.g. the browser came back online). */
  kick(): void {
    if (this.currentState !== "waiting") return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connect();
  }

  private connect(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.setState("connecting");
    this.stats.connects++;
    let socket: SocketLike;
    try {
      socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.options.url);
    } catch {
      this.closed(1006);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const session = this.options.outbox.session(this.options.session);
      if (!session) {
        socket.close(1000);
        return;
      }
      socket.send(helloMessage(session.hello));
      this.sentUpTo = 0;
      this.tableState = { page: null };
      this.inflight = [];
      this.setState("open");
      this.flush();
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.answer(String(ev.data));
    };
    socket.onclose = (ev) => {
      if (this.socket === socket) this.closed(ev.code);
    };
    socket.onerror = () => {
      // a close event follows
    };
  }

  private answer(text: string): void {
    const answer = parseAnswer(text);
    const { outbox, session } = this.options;
    if ("ack" in answer) {
      this.stats.acks++;
      this.backoff.reset();
      this.inflight = this.inflight.filter((f) => f.last > answer.ack);
      outbox.ack(session, answer.ack);
      this.options.onAck?.(answer.ack);
    } else if ("error" in answer) {
      const { q, code, message } = answer.error;
      this.stats.refusals++;
      if (code === "not-durable") return; // the gateway closes (1011); we resend after reconnecting
      console.warn(`byproduct: the gateway refused ${q === null ? "the hello" : `the frame from seq ${q}`}: ${code} ${message}`);
      if (q === null) {
        // refused for good: a hello that is wrong, or that lacks its assignment's capability
        if (code === "invalid-field" || code === "malformed-json" || code === "forbidden") outbox.dropSession(session);
        return;
      }
      const frame = this.inflight.find((f) => f.first === q);
      outbox.drop(session, q, frame ? frame.last : q);
      this.inflight = this.inflight.filter((f) => f !== frame);
    }
  }

  private closed(code: number): void {
    this.socket = null;
    if (this.currentState === "stopped") return;
    if (code === IDLE && this.options.outbox.pending(this.options.session).length === 0) {
      this.setState("idle");
      return;
    }
    this.setState("waiting");
    const delay = code === GOING_AWAY && this.backoff.failures === 0 ? 0 : this.backoff.next();
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Sends the events added since the last send; connects first when idle. */
  flush(): void {
    const { outbox, session } = this.options;
    if (this.currentState === "idle") {
      if (outbox.pending(session, 0).length) this.connect();
      return;
    }
    const socket = this.socket;
    if (this.currentState !== "open" || !socket || socket.readyState !== 1) return;
    if (this.options.canSend && !this.options.canSend()) return;
    if (socket.bufferedAmount > (this.options.maxBuffered ?? 1 << 20)) return;
    const events = outbox.pending(session, this.sentUpTo);
    if (!events.length) return;
    const { frames, skipped } = buildFrames(
      events,
      (p) => outbox.table(session, p),
      this.tableState,
      this.options.limits ?? DEFAULT_LIMITS,
    );
    for (const e of skipped) outbox.drop(session, e.q, e.q);
    for (const frame of frames) {
      socket.send(frame.json);
      this.inflight.push({ first: frame.first, last: frame.last });
      this.stats.framesSent++;
      this.stats.eventsSent += frame.count;
    }
    this.sentUpTo = events[events.length - 1]!.q;
  }

  stop(): void {
    this.setState("stopped");
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
  }
}
