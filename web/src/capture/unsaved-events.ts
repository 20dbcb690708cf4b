/**
 * The outbox's events whose store write has not completed: those not handed to a write yet
 * (waiting) and those a write is under way for (writing).
 */
import type { StoredEvent } from "./store";

export class UnsavedEvents {
  private waiting: StoredEvent[] = [];
  private readonly writing = new Set<StoredEvent>();

  add(event: StoredEvent): void {
    this.waiting.push(event);
  }

  /** Forgets the events `gone` accepts (acknowledged, refused or evicted: nothing to save any more). */
  forget(gone: (e: StoredEvent) => boolean): void {
    this.waiting = this.waiting.filter((e) => !gone(e));
    for (const e of this.writing) if (gone(e)) this.writing.delete(e);
  }

  /** Hands the waiting events to a store write (empty when none wait). */
  startWrite(): StoredEvent[] {
    const batch = this.waiting;
    this.waiting = [];
    for (const e of batch) this.writing.add(e);
    return batch;
  }

  /** The write of `batch` failed: its events not forgotten meanwhile wait again, before those added since. */
  writeFailed(batch: readonly StoredEvent[]): void {
    this.waiting = [...batch.filter((e) => this.writing.has(e)), ...this.waiting];
  }

  /** The write of `batch` is over (call after {@link writeFailed} when it failed). */
  writeEnded(batch: readonly StoredEvent[]): void {
    for (const e of batch) this.writing.delete(e);
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  get size(): number {
    return this.waiting.length + this.writing.size;
  }

  /** Every unsaved event: those being written, then those waiting. */
  all(): StoredEvent[] {
    return [...this.writing, ...this.waiting];
  }
}
