/**
 * Where the outbox keeps un-acknowledged events across reloads: IndexedDB in the browser, memory
 * in tests or when IndexedDB cannot be opened.
 */
import type { CapturedEvent, Hello } from "./wire";

/** An event of a session, as stored. */
export interface StoredEvent extends CapturedEvent {
  s: string;
}

/** A capture session (one page load): its hello, and when it started. */
export interface SessionRecord {
  s: string;
  hello: Hello;
  createdAt: number;
}

/** The image table of one page of a session. */
export interface TableRecord {
  s: string;
  p: number;
  ids: string[];
}

export interface StoredState {
  sessions: SessionRecord[];
  tables: TableRecord[];
  events: StoredEvent[];
}

export interface OutboxStore {
  load(): Promise<StoredState>;
  putSession(session: SessionRecord): Promise<void>;
  putTable(table: TableRecord): Promise<void>;
  putEvents(events: readonly StoredEvent[]): Promise<void>;
  /** Deletes the session's events with seq ≤ upTo. */
  deleteUpTo(session: string, upTo: number): Promise<void>;
  /** Deletes single events (evicted or refused). */
  deleteEvents(keys: readonly [string, number][]): Promise<void>;
  /** Deletes a session with its tables and events. */
  deleteSession(session: string): Promise<void>;
}

/** A store in memory: for tests, and the fallback when IndexedDB is unavailable. */
export class MemoryStore implements OutboxStore {
  readonly sessions = new Map<string, SessionRecord>();
  readonly tables = new Map<string, TableRecord>();
  readonly events = new Map<string, StoredEvent>();

  async load(): Promise<StoredState> {
    return {
      sessions: [...this.sessions.values()],
      tables: [...this.tables.values()],
      events: [...this.events.values()].sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.q - b.q)),
    };
  }
  async putSession(session: SessionRecord): Promise<void> {
    this.sessions.set(session.s, structuredClone(session));
  }
  async putTable(table: TableRecord): Promise<void> {
    this.tables.set(`${table.s}|${table.p}`, structuredClone(table));
  }
  async putEvents(events: readonly StoredEvent[]): Promise<void> {
    for (const e of events) this.events.set(`${e.s}|${e.q}`, structuredClone(e));
  }
  async deleteUpTo(session: string, upTo: number): Promise<void> {
    for (const [key, e] of this.events) if (e.s === session && e.q <= upTo) this.events.delete(key);
  }
  async deleteEvents(keys: readonly [string, number][]): Promise<void> {
    for (const [s, q] of keys) this.events.delete(`${s}|${q}`);
  }
  async deleteSession(session: string): Promise<void> {
    this.sessions.delete(session);
    for (const [key, t] of this.tables) if (t.s === session) this.tables.delete(key);
    for (const [key, e] of this.events) if (e.s === session) this.events.delete(key);
  }
}

const DB_NAME = "byproduct-outbox";
const DB_VERSION = 1;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

/** The outbox in IndexedDB: stores `sessions` (key s), `tables` (key [s, p]) and `events` (key [s, q]). */
export class IndexedDbStore implements OutboxStore {
  private constructor(private readonly db: IDBDatabase) {}

  static async open(factory: IDBFactory = indexedDB, name = DB_NAME): Promise<IndexedDbStore> {
    const req = factory.open(name, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains("sessions")) db.createObjectStore("sessions", { keyPath: "s" });
      if (!db.objectStoreNames.contains("tables")) db.createObjectStore("tables", { keyPath: ["s", "p"] });
      if (!db.objectStoreNames.contains("events")) db.createObjectStore("events", { keyPath: ["s", "q"] });
    };
    return new IndexedDbStore(await request(req));
  }

  close(): void {
    this.db.close();
  }

  async load(): Promise<StoredState> {
    const tx = this.db.transaction(["sessions", "tables", "events"], "readonly");
    const [sessions, tables, events] = await Promise.all([
      request(tx.objectStore("sessions").getAll() as IDBRequest<SessionRecord[]>),
      request(tx.objectStore("tables").getAll() as IDBRequest<TableRecord[]>),
      request(tx.objectStore("events").getAll() as IDBRequest<StoredEvent[]>),
    ]);
    return { sessions, tables, events };
  }

  private async write(storeNames: string[], fn: (tx: IDBTransaction) => void): Promise<void> {
    const tx = this.db.transaction(storeNames, "readwrite");
    fn(tx);
    await done(tx);
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.write(["sessions"], (tx) => tx.objectStore("sessions").put(session));
  }
  putTable(table: TableRecord): Promise<void> {
    return this.write(["tables"], (tx) => tx.objectStore("tables").put(table));
  }
  putEvents(events: readonly StoredEvent[]): Promise<void> {
    return this.write(["events"], (tx) => {
      const store = tx.objectStore("events");
      for (const e of events) store.put(e);
    });
  }
  deleteUpTo(session: string, upTo: number): Promise<void> {
    return this.write(["events"], (tx) =>
      tx.objectStore("events").delete(IDBKeyRange.bound([session, 0], [session, upTo])),
    );
  }
  deleteEvents(keys: readonly [string, number][]): Promise<void> {
    return this.write(["events"], (tx) => {
      const store = tx.objectStore("events");
      for (const key of keys) store.delete(key);
    });
  }
  deleteSession(session: string): Promise<void> {
    return this.write(["sessions", "tables", "events"], (tx) => {
      tx.objectStore("sessions").delete(session);
      tx.objectStore("tables").delete(IDBKeyRange.bound([session, 0], [session, Number.MAX_SAFE_INTEGER]));
      tx.objectStore("events").delete(IDBKeyRange.bound([session, 0], [session, Number.MAX_SAFE_INTEGER]));
    });
  }
}
