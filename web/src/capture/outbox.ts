/**
 * The outbox: every captured event stays here until the gateway acknowledged it. Events live in
 * memory for sending and are saved to a store (IndexedDB) in batches; whatever is not saved yet
 * when the page goes away is spilled synchronously into localStorage and taken back on the next
 * load. The outbox is capped: above `maxEvents` it evicts the oldest pointer samples first.
 * This class keeps the events by session and decides; the imports below do one job each (spill,
 * load, eviction choice, unsaved events, serial store writes, tables, listeners and waiters).
 */
import { ChangeSignals } from "./change-signals";
import { chooseVictims } from "./outbox-eviction";
import { loadOutbox } from "./outbox-load";
import { defaultSpillStorage, importSpills, writeSpill } from "./outbox-spill";
import { firstAfter } from "./seq-search";
import { SessionTables } from "./session-tables";
import type { OutboxStore, SessionRecord, StoredEvent } from "./store";
import { StoreQueue } from "./store-queue";
import { UnsavedEvents } from "./unsaved-events";

export { SPILL_PREFIX } from "./outbox-spill";

export interface OutboxOptions {
  /** At most this many un-acknowledged events are kept (default 200,000, about 6 MB in IndexedDB). */
  maxEvents?: number;
  /** Synchronous storage for the spill on page hide (default: localStorage when there is one). */
  spill?: Storage | null;
}

export class Outbox {
  private readonly sessionRecords = new Map<string, SessionRecord>();
  private readonly tables = new SessionTables();
  private readonly bySession = new Map<string, StoredEvent[]>();
  private readonly live = new Set<string>();
  private readonly unsaved = new UnsavedEvents();
  private total = 0;
  private readonly queue = new StoreQueue(() => this.stats.storeErrors++);
  private readonly signals = new ChangeSignals();
  readonly stats = { evicted: 0, refused: 0, storeErrors: 0 };

  private constructor(
    private readonly store: OutboxStore,
    private readonly spillStorage: Storage | null,
    readonly maxEvents: number,
  ) {}

  /** Opens the outbox: takes back spills of earlier page loads, then loads what the store holds. */
  static async open(store: OutboxStore, options: OutboxOptions = {}): Promise<Outbox> {
    const spill = options.spill !== undefined ? options.spill : defaultSpillStorage();
    const outbox = new Outbox(store, spill, options.maxEvents ?? 200_000);
    await importSpills(spill, store);
    const loaded = await loadOutbox(store);
    for (const session of loaded.sessions) outbox.sessionRecords.set(session.s, session);
    for (const table of loaded.tables) outbox.tables.set(table.s, table.p, table.ids);
    for (const [s, list] of loaded.bySession) outbox.bySession.set(s, list);
    outbox.total = loaded.total;
    return outbox;
  }

  /** Registers a session (one page load); a live session is kept while empty. */
  addSession(session: SessionRecord, live = true): Promise<void> {
    this.sessionRecords.set(session.s, session);
    if (live) this.live.add(session.s);
    return this.queue.run(() => this.store.putSession(session));
  }

  addTable(s: string, p: number, ids: readonly string[]): Promise<void> {
    const copy = [...ids];
    this.tables.set(s, p, copy);
    return this.queue.run(() => this.store.putTable({ s, p, ids: copy }));
  }

  session(s: string): SessionRecord | undefined {
    return this.sessionRecords.get(s);
  }

  table(s: string, p: number): readonly string[] | undefined {
    return this.tables.get(s, p);
  }

  /** Sessions that still have events to send, oldest first. */
  sessionsWithEvents(): SessionRecord[] {
    return [...this.sessionRecords.values()]
      .filter((s) => this.bySession.get(s.s)?.length)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  isLive(s: string): boolean {
    return this.live.has(s);
  }

  /** Adds an event (sequence numbers of a session must grow). */
  add(event: StoredEvent): void {
    let list = this.bySession.get(event.s);
    if (!list) this.bySession.set(event.s, (list = []));
    list.push(event);
    this.unsaved.add(event);
    this.total++;
    if (this.total > this.maxEvents) this.evict(Math.max(1, Math.ceil(this.maxEvents * 0.05)));
    this.signals.changed();
  }

  /** Events of a session with a sequence number above `after`, in order. */
  pending(s: string, after = 0): StoredEvent[] {
    const list = this.bySession.get(s);
    if (!list) return [];
    return list.slice(firstAfter(list, after));
  }

  /** How many events wait, in all sessions or in those `filter` accepts. */
  count(filter?: (session: SessionRecord) => boolean): number {
    if (!filter) return this.total;
    let n = 0;
    for (const [s, list] of this.bySession) {
      const session = this.sessionRecords.get(s);
      if (session && filter(session)) n += list.length;
    }
    return n;
  }

  /** The gateway acknowledged every event of the session with seq ≤ upTo. */
  ack(s: string, upTo: number): void {
    const list = this.bySession.get(s);
    if (!list?.length) return;
    const cut = firstAfter(list, upTo);
    if (cut === 0) return;
    list.splice(0, cut);
    this.total -= cut;
    this.unsaved.forget((e) => e.s === s && e.q <= upTo);
    void this.queue.run(() => this.store.deleteUpTo(s, upTo));
    this.afterRemoval(s);
  }

  /** The gateway refused the events from..to of the session for good: they are dropped (and counted). */
  drop(s: string, from: number, to: number): number {
    const list = this.bySession.get(s);
    if (!list?.length) return 0;
    const start = firstAfter(list, from - 1);
    const end = firstAfter(list, to);
    const removed = list.splice(start, end - start);
    if (!removed.length) return 0;
    this.total -= removed.length;
    this.stats.refused += removed.length;
    const gone = new Set(removed);
    this.unsaved.forget((e) => gone.has(e));
    void this.queue.run(() => this.store.deleteEvents(removed.map((e) => [e.s, e.q] as [string, number])));
    this.afterRemoval(s);
    return removed.length;
  }

  /** Drops every event of a session (its hello was refused). */
  dropSession(s: string): void {
    const list = this.bySession.get(s) ?? [];
    this.total -= list.length;
    this.stats.refused += list.length;
    this.bySession.delete(s);
    this.unsaved.forget((e) => e.s === s);
    this.live.delete(s);
    this.sessionRecords.delete(s);
    void this.queue.run(() => this.store.deleteSession(s));
    this.afterRemoval(s);
  }

  private afterRemoval(s: string): void {
    if (!this.bySession.get(s)?.length && !this.live.has(s) && this.sessionRecords.has(s)) {
      this.bySession.delete(s);
      this.sessionRecords.delete(s);
      this.tables.forgetSession(s);
      void this.queue.run(() => this.store.deleteSession(s));
    }
    this.signals.removed();
  }

  /** Evicts `n` events: the oldest pointer samples first, then the oldest other non-lifecycle events. */
  private evict(n: number): void {
    const order = [...this.sessionRecords.values()].sort((a, b) => a.createdAt - b.createdAt);
    const victims = chooseVictims(order, (s) => this.bySession.get(s), n);
    for (const [s, list] of this.bySession) {
      const kept = list.filter((e) => !victims.has(e));
      if (kept.length !== list.length) this.bySession.set(s, kept);
    }
    this.unsaved.forget((e) => victims.has(e));
    this.total -= victims.size;
    this.stats.evicted += victims.size;
    const keys = [...victims].map((e) => [e.s, e.q] as [string, number]);
    void this.queue.run(() => this.store.deleteEvents(keys));
  }

  /** Saves the events added since the last save (one store write). */
  save(): Promise<void> {
    if (!this.unsaved.waitingCount) return this.queue.settled();
    const batch = this.unsaved.startWrite();
    // the session and its tables again: another tab's Outbox.open may have dropped them while empty
    const sessions = [...new Set(batch.map((e) => e.s))];
    return this.queue.run(async () => {
      try {
        for (const s of sessions) {
          const session = this.sessionRecords.get(s);
          if (session) await this.store.putSession(session);
          for (const table of this.tables.of(s)) await this.store.putTable(table);
        }
        await this.store.putEvents(batch);
      } catch (error) {
        // keep them for the next save (and the spill)
        this.unsaved.writeFailed(batch);
        throw error;
      } finally {
        this.unsaved.writeEnded(batch);
      }
    });
  }

  /** Events whose store write has not completed. */
  unsavedCount(): number {
    return this.unsaved.size;
  }

  /**
   * Writes what is not saved yet into localStorage, synchronously (for `pagehide`, when an
   * IndexedDB write may not finish). The next {@link open} takes it back.
   */
  spill(): void {
    const storage = this.spillStorage;
    if (!storage || !this.unsavedCount()) return;
    writeSpill(storage, this.unsaved.all(), (s) => this.sessionRecords.get(s), (s) => this.tables.of(s));
  }

  /** Resolves once no event of the sessions that `filter` accepts waits any more. */
  whenDrained(filter: (session: SessionRecord) => boolean = () => true): Promise<void> {
    return this.signals.when(() => this.count(filter) === 0);
  }

  /** Calls `listener` whenever events are added or removed. */
  onChange(listener: () => void): () => void {
    return this.signals.onChange(listener);
  }

  /** Waits for the store operations queued so far. */
  settled(): Promise<void> {
    return this.queue.settled();
  }
}
