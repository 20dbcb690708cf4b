/** Helpers of the capture tests: a fake WebSocket and a Storage in memory. */
import type { SocketLike } from "./connection";
import type { Hello } from "./wire";

export function hello(s: string, a = "ann-1"): Hello {
  return { s, a, ds: "demo", h: "hit-1", w: "W1", as: "A1", hi: "H1", ver: "POINTER_ORIGINAL", k: "K1" };
}

export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  bufferedAmount = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  onopen: ((ev: Event) => unknown) | null = null;
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onclose: ((ev: CloseEvent) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static latest(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1]!;
  }

  send(data: string): void {
    this.sent.push(data);
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  answer(json: unknown): void {
    this.onmessage?.({ data: JSON.stringify(json) } as MessageEvent);
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  /** The frames sent (the hello left out), parsed. */
  frames(): { q: number; p: number; t0: number; img?: string[]; e: unknown[][] }[] {
    return this.sent.filter((s) => !s.startsWith('{"hello"')).map((s) => JSON.parse(s));
  }
  /** Sequence numbers of all events sent on this socket. */
  seqs(): number[] {
    return this.frames().flatMap((f) => f.e.map((_, k) => f.q + k));
  }
}

export class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, String(value));
  }
}
