/** Which events a full outbox gives up: pointer samples first, lifecycle events (page and HIT start/end) last. */
import type { SessionRecord, StoredEvent } from "./store";
import { Kind } from "./wire";

const LIFECYCLE: ReadonlySet<number> = new Set([Kind.PageOpened, Kind.PageSubmitted, Kind.HitStarted, Kind.HitFinished]);

/**
 * Picks `n` events to evict, going through `sessions` (oldest first) in three passes: pointer samples,
 * then any non-lifecycle event, then any event.
 */
export function chooseVictims(
  sessions: readonly SessionRecord[],
  eventsOf: (s: string) => readonly StoredEvent[] | undefined,
  n: number,
): Set<StoredEvent> {
  const victims = new Set<StoredEvent>();
  for (const pass of [0, 1, 2]) {
    for (const session of sessions) {
      const list = eventsOf(session.s);
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
  return victims;
}
