/** What records events: the capture client, or a local recorder (admin view, tests). */
import type { CapturedEvent, EventBody } from "./wire";

export interface Recorder {
  record(page: number, body: EventBody, time?: number): CapturedEvent;
  onEvent(listener: (e: CapturedEvent) => void): () => void;
}

/** Numbers events and tells listeners; sends nothing (the admin view's recorder). */
export class LocalRecorder implements Recorder {
  private seq = 0;
  private readonly listeners = new Set<(e: CapturedEvent) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  record(page: number, body: EventBody, time: number = this.now()): CapturedEvent {
    const event: CapturedEvent = { q: ++this.seq, p: page, t: time, b: body };
    for (const listener of this.listeners) listener(event);
    return event;
  }

  onEvent(listener: (e: CapturedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
