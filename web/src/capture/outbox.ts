/**
 * The outbox: every captured event stays here until the gateway acknowledged it. Events live in
 * memory for sending and are saved to a store (IndexedDB) in batches; whatever is not saved yet
 * when the page goes away is spilled synchronously into localStorage and taken back on the next
 * load. The outbox is capped: above `maxEvents` it evicts the oldest pointer samples first.
 */
import type { OutboxStore, SessionRecord, StoredEvent, TableRecord } from "./store";
import { Kind } from "./wire";

export interface OutboxOptions {
  /** At most this many un-acknowledged events are kept (default 200,000, about 6 MB in IndexedDB). */
  maxEvents?: number;
  /** Synchronous storage for the spill on page hide (default: localStorage when there is one). */
  spill?: Storage | null;
}

export const SPILL_PREFIX = "bp-outbox-spill:";

interface Spill {
  session: SessionRecord;
  tables: TableRecord[];
  events: StoredEvent[];
}

function tableKey(s: string, p: number): string {
  return `${s}|${p}`;
}

/** Index of the first event with q > after (events sorted by q). */
function firstAfter(events: readonly StoredEvent[], after: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.q <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const LIFECYCLE: ReadonlySet<number> = new Set([Kind.PageOpened, Kind.PageSubmitted, Kind.HitStarted, Kind.HitFinished]);

export class Outbox {
  private readonly sessionRecords = new Map<string, SessionRecord>();
  private readonly tableIds = new Map<string, string[]>();
  private readonly bySession = new Map<string, StoredEvent[]>();
  private readonly live = new Set<string>();
  /** Events not handed to a store write yet, and those whose write has not completed. */
  private unsaved: StoredEvent[] = [];
  private writing = new Set<StoredEvent>();
  private total = 0;
  private chain: Promise<void> = Promise.resolve();
  private waiters: { test: () => boolean; resolve: () => void }[] = [];
  private readonly listeners = new Set<() => void>();
  readonly maxEvents: number;
  readonly stats = { evicted: 0, refused: 0, storeErrors: 0 };

  private constructor(
    private readonly store: OutboxStore,
    private readonly spillStorage: Storage | null,
    maxEvents: number,
  ) {
    this.maxEvents = maxEvents;
  }

  /** Opens the outbox: takes back spills of earlier page loads, then loads what the store holds. */
  static async open(store: OutboxStore, options: OutboxOptions = {}): Promise<Outbox> {
    const spill = options.spill !== undefined ? options.spill : defaultStorage();
    const outbox = new Outbox(store, spill, options.maxEvents ?? 200_000);
    await outbox.importSpills();
    const state = await store.load();
    for (const session of state.sessions) outbox.sessionRecords.set(session.s, session);
    for (const table of state.tables) outbox.tableIds.set(tableKey(table.s, table.p), table.ids);
    const events = [...state.events].sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.q - b.q));
    const orphans: [string, number][] = [];
    for (const e of events) {
      if (!outbox.sessionRecords.has(e.s)) {
        orphans.push([e.s, e.q]);
        continue;
      }
      let list = outbox.bySession.get(e.s);
      if (!list) outbox.bySession.set(e.s, (list = []));
      list.push(e);
      outbox.total++;
    }
    if (orphans.length) await store.deleteEvents(orphans);
    for (const session of state.sessions) {
      if (!outbox.bySession.get(session.s)?.length) await store.deleteSession(session.s);
    }
    return outbox;
  }

  private async importSpills(): Promise<void> {
    const storage = this.spillStorage;
    if (!storage) return;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(SPILL_PREFIX)) keys.push(key);
    }
    for (const key of keys) {
      try {
        const spill = JSON.parse(storage.getItem(key) ?? "null") as Spill | null;
        if (spill?.session?.s) {
          await this.store.putSession(spill.session);
          for (const table of spill.tables ?? []) await this.store.putTable(table);
          if (spill.events?.length) await this.store.putEvents(spill.events);
        }
      } catch (error) {
        console.warn("byproduct: a spilled outbox could not be read", error);
      }
      storage.removeItem(key);
    }
  }

  /** Runs store operations one after the other; a failing store never loses what memory holds. */
  private enqueue(op: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(op).catch((error: unknown) => {
      this.stats.storeErrors++;
      console.warn("byproduct: outbox store failed", error);
    });
    return this.chain;
  }

  /** Registers a session (one page load); a live session is kept while empty. */
  addSession(session: SessionRecord, live = true): Promise<void> {
    this.sessionRecords.set(session.s, session);
    if (live) this.live.add(session.s);
    return this.enqueue(() => this.store.putSession(session));
  }

  addTable(s: string, p: number, ids: readonly string[]): Promise<void> {
    const copy = [...ids];
    this.tableIds.set(tableKey(s, p), copy);
    return this.enqueue(() => this.store.putTable({ s, p, ids: copy }));
  }

  session(s: string): SessionRecord | undefined {
    return this.sessionRecords.get(s);
  }

  table(s: string, p: number): readonly string[] | undefined {
    return this.tableIds.get(tableKey(s, p));
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
    this.unsaved.push(event);
    this.total++;
    if (this.total > this.maxEvents) this.evict(Math.max(1, Math.ceil(this.maxEvents * 0.05)));
    this.notify();
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
    this.unsaved = this.unsaved.filter((e) => e.s !== s || e.q > upTo);
    for (const e of this.writing) if (e.s === s && e.q <= upTo) this.writing.delete(e);
    void this.enqueue(() => this.store.deleteUpTo(s, upTo));
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
    this.unsaved = this.unsaved.filter((e) => !gone.has(e));
    for (const e of gone) this.writing.delete(e);
    void this.enqueue(() => this.store.deleteEvents(removed.map((e) => [e.s, e.q] as [string, number])));
    this.afterRemoval(s);
    return removed.length;
  }

  /** Drops every event of a session (its hello was refused). */
  dropSession(s: string): void {
    const list = this.bySession.get(s) ?? [];
    this.total -= list.length;
    this.stats.refused += list.length;
    this.bySession.delete(s);
    this.unsaved = this.unsaved.filter((e) => e.s !== s);
    for (const e of this.writing) if (e.s === s) this.writing.delete(e);
    this.live.delete(s);
    this.sessionRecords.delete(s);
    void this.enqueue(() => this.store.deleteSession(s));
    this.afterRemoval(s);
  }

  private afterRemoval(s: string): void {
    if (!this.bySession.get(s)?.length && !this.live.has(s) && this.sessionRecords.has(s)) {
      this.bySession.delete(s);
      this.sessionRecords.delete(s);
      for (const key of [...this.tableIds.keys()]) if (key.startsWith(`${s}|`)) this.tableIds.delete(key);
      void this.enqueue(() => this.store.deleteSession(s));
    }
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
    this.notify();
  }

  /** Evicts `n` events: the oldest pointer samples first, then the oldest other non-lifecycle events. */
  private evict(n: number): void {
    const victims = new Set<StoredEvent>();
    const order = [...this.sessionRecords.values()].sort((a, b) => a.createdAt - b.createdAt);
    for (const pass of [0, 1, 2]) {
      for (const session of order) {
        const list = this.bySession.get(session.s);
        if (!list) continue;
        for (const e of list) {
          if (victims.size >= n) break;
          const kind = e.b[0];
          const eligible = pass === 0 ? kind === Kind.PointerSample : pass === 1 ? !LIFECYCLE.has(kind) : true;
          if (eligible) victims.add(e);
        }
      }
      if (victims.size >= n) break;
    }
    for (const [s, list] of this.bySession) {
      const kept = list.filter((e) => !victims.has(e));
      if (kept.length !== list.length) this.bySession.set(s, kept);
    }
    this.unsaved = this.unsaved.filter((e) => !victims.has(e));
    for (const e of victims) this.writing.delete(e);
    this.total -= victims.size;
    this.stats.evicted += victims.size;
    const keys = [...victims].map((e) => [e.s, e.q] as [string, number]);
    void this.enqueue(() => this.store.deleteEvents(keys));
  }

  /** Saves the events added since the last save (one store write). */
  save(): Promise<void> {
    if (!this.unsaved.length) return this.chain;
    const batch = this.unsaved;
    this.unsaved = [];
    for (const e of batch) this.writing.add(e);
    // the session and its tables again: another tab's Outbox.open may have dropped them while empty
    const sessions = [...new Set(batch.map((e) => e.s))];
    return this.enqueue(async () => {
      try {
        for (const s of sessions) {
          const session = this.sessionRecords.get(s);
          if (session) await this.store.putSession(session);
          for (const [key, ids] of this.tableIds) {
            if (key.startsWith(`${s}|`)) await this.store.putTable({ s, p: Number(key.slice(s.length + 1)), ids });
          }
        }
        await this.store.putEvents(batch);
      } catch (error) {
        // keep them for the next save (and the spill)
        this.unsaved = [...batch.filter((e) => this.writing.has(e)), ...this.unsaved];
        throw error;
      } finally {
        for (const e of batch) this.writing.delete(e);
      }
    });
  }

  /** Events whose store write has not completed. */
  unsavedCount(): number {
    return this.unsaved.length + this.writing.size;
  }

  /**
   * Writes what is not saved yet into localStorage, synchronously (for `pagehide`, when an
   * IndexedDB write may not finish). The next {@link open} takes it back.
   */
  spill(): void {
    const storage = this.spillStorage;
    if (!storage || !this.unsavedCount()) return;
    const bySession = new Map<string, StoredEvent[]>();
    for (const e of [...this.writing, ...this.unsaved].sort((a, b) => a.q - b.q)) {
      let list = bySession.get(e.s);
      if (!list) bySession.set(e.s, (list = []));
      list.push(e);
    }
    for (const [s, events] of bySession) {
      const session = this.sessionRecords.get(s);
      if (!session) continue;
      const tables: TableRecord[] = [];
      for (const [key, ids] of this.tableIds) {
        if (key.startsWith(`${s}|`)) tables.push({ s, p: Number(key.slice(s.length + 1)), ids });
      }
      try {
        storage.setItem(SPILL_PREFIX + s, JSON.stringify({ session, tables, events } satisfies Spill));
      } catch (error) {
        console.warn("byproduct: could not spill the outbox", error);
      }
    }
  }

  /** Resolves once no event of the sessions that `filter` accepts waits any more. */
  whenDrained(filter: (session: SessionRecord) => boolean = () => true): Promise<void> {
    const test = () => this.count(filter) === 0;
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** Calls `listener` whenever events are added or removed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Waits for the store operations queued so far. */
  settled(): Promise<void> {
    return this.chain;
  }
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
