import type { StoredEvent } from "./store";

/** Index of the first event with q > after (events sorted by q). */
export function firstAfter(events: readonly StoredEvent[], after: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.q <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
