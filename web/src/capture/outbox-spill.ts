/**
 * The outbox's spill: what is not saved to the store yet when the page goes away is written
 * synchronously into localStorage (one key per session) and taken back into the store on the next load.
 */
import type { OutboxStore, SessionRecord, StoredEvent, TableRecord } from "./store";

export const SPILL_PREFIX = "bp-outbox-spill:";

interface Spill {
  session: SessionRecord;
  tables: TableRecord[];
  events: StoredEvent[];
}

/** Moves every spill of earlier page loads into the store and removes it (an unreadable one is dropped with a warning). */
export async function importSpills(storage: Storage | null, store: OutboxStore): Promise<void> {
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
        await store.putSession(spill.session);
        for (const table of spill.tables ?? []) await store.putTable(table);
        if (spill.events?.length) await store.putEvents(spill.events);
      }
    } catch (error) {
      console.warn("byproduct: a spilled outbox could not be read", error);
    }
    storage.removeItem(key);
  }
}

/** Writes `events` with their sessions and tables into `storage`, one key per session (sessions it does not know are skipped). */
export function writeSpill(
  storage: Storage,
  events: readonly StoredEvent[],
  sessionOf: (s: string) => SessionRecord | undefined,
  tablesOf: (s: string) => TableRecord[],
): void {
  const bySession = new Map<string, StoredEvent[]>();
  for (const e of [...events].sort((a, b) => a.q - b.q)) {
    let list = bySession.get(e.s);
    if (!list) bySession.set(e.s, (list = []));
    list.push(e);
  }
  for (const [s, sessionEvents] of bySession) {
    const session = sessionOf(s);
    if (!session) continue;
    const spill: Spill = { session, tables: tablesOf(s), events: sessionEvents };
    try {
      storage.setItem(SPILL_PREFIX + s, JSON.stringify(spill));
    } catch (error) {
      console.warn("byproduct: could not spill the outbox", error);
    }
  }
}

/** localStorage when the page has one (and may use it), else null. */
export function defaultSpillStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
