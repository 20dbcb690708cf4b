import { describe, expect, it } from "vitest";
import { chooseVictims } from "./outbox-eviction";
import { hello } from "./test-support";
import type { StoredEvent } from "./store";
import { Kind } from "./wire";

const ev = (s: string, q: number, kind: number): StoredEvent =>
  ({ s, q, p: 1, t: q, b: [kind, 0, 0, 0] }) as unknown as StoredEvent;

describe("chooseVictims", () => {
  const old = { s: "A", hello: hello("A"), createdAt: 1 };
  const young = { s: "B", hello: hello("B"), createdAt: 2 };
  const events = new Map<string, StoredEvent[]>([
    ["A", [ev("A", 1, Kind.PageOpened), ev("A", 2, Kind.HoverEntered), ev("A", 3, Kind.PointerSample)]],
    ["B", [ev("B", 1, Kind.PointerSample), ev("B", 2, Kind.PageSubmitted)]],
  ]);
  const pick = (n: number) =>
    [...chooseVictims([old, young], (s) => events.get(s), n)].map((e) => `${e.s}${e.q}`);

  it("takes pointer samples first, oldest session first", () => {
    expect(pick(2)).toEqual(["A3", "B1"]);
  });

  it("then other non-lifecycle events, and lifecycle events only when nothing else is left", () => {
    expect(pick(3)).toEqual(["A3", "B1", "A2"]);
    expect(pick(4)).toEqual(["A3", "B1", "A2", "A1"]);
  });
});
