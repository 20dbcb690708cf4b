/**
 * What an outbox opens with: the store's sessions, tables and events grouped by session. Events of
 * sessions the store does not know, and sessions without events, are deleted from the store.
 */
import type { OutboxStore, SessionRecord, StoredEvent, TableRecord } from "./store";

export interface LoadedOutbox {
  sessions: SessionRecord[];
  tables: TableRecord[];
  /** Events of each known session, in sequence order. */
  bySession: Map<string, StoredEvent[]>;
  total: number;
}

export async function loadOutbox(store: OutboxStore): Promise<LoadedOutbox> {
  const state = await store.load();
  const known = new Set(state.sessions.map((session) => session.s));
  const events = [...state.events].sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.q - b.q));
  const bySession = new Map<string, StoredEvent[]>();
  const orphans: [string, number][] = [];
  let total = 0;
  for (const e of events) {
    if (!known.has(e.s)) {
      orphans.push([e.s, e.q]);
      continue;
    }
    let list = bySession.get(e.s);
    if (!list) bySession.set(e.s, (list = []));
    list.push(e);
    total++;
  }
  if (orphans.length) await store.deleteEvents(orphans);
  for (const session of state.sessions) {
    if (!bySession.get(session.s)?.length) await store.deleteSession(session.s);
  }
  return { sessions: state.sessions, tables: state.tables, bySession, total };
}
