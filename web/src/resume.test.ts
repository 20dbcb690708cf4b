import { describe, expect, it } from "vitest";
import type { Assignment, ImageNetHIT } from "./api";
import { decideStart, startingPoint } from "./resume";

const page = (pageno: number) => ({
  pageno,
  class: { id: "c", wnid: "n1", synset: ["x"], description: "d", wikipedia: [] },
  images: [{ id: `i${pageno}`, url: "/u" }],
});
const hit: ImageNetHIT = { hitDatasetName: "ds", id: "hit-1", pages: [page(1), page(2), page(3)] };
const server = (a: Partial<Assignment> = {}): Assignment => ({ annotationId: "srv", capability: "k", pageCount: 0, isDone: false, ...a });

describe("decideStart", () => {
  it("starts the assignment's annotation on page 1 when nothing is stored", () => {
    expect(decideStart(hit, server(), null)).toEqual({ kind: "annotate", annotationId: "srv", page: 1, submitted: 0, resumed: false });
  });

  it("resumes at pageCount + 1 under the server's annotation id", () => {
    expect(decideStart(hit, server({ pageCount: 2 }), null)).toEqual({ kind: "annotate", annotationId: "srv", page: 3, submitted: 2, resumed: true });
  });

  it("takes the larger of the server's and the browser's progress (stored pages trail the acks)", () => {
    expect(decideStart(hit, server({ pageCount: 1 }), { id: "srv", submitted: 2, done: false })).toMatchObject({ page: 3, annotationId: "srv" });
  });

  it("ignores the browser's progress of another annotation id", () => {
    expect(decideStart(hit, server({ pageCount: 1 }), { id: "other", submitted: 2, done: false })).toMatchObject({ annotationId: "srv", page: 2 });
  });

  it("shows the survey code again for a finished HIT (server or browser)", () => {
    expect(decideStart(hit, server({ isDone: true, pageCount: 3 }), null)).toEqual({ kind: "finished", annotationId: "srv" });
    expect(decideStart(hit, server(), { id: "srv", submitted: 3, done: true })).toEqual({ kind: "finished", annotationId: "srv" });
  });
});

describe("startingPoint", () => {
  const open = { no: 2, startedAt: 500, selected: { "3": [0.5, 0.5] as [number, number] } };

  it("keeps the browser's HIT start and open page only for the same annotation and the page resumed", () => {
    const local = { id: "srv", submitted: 1, done: false, hitStartedAt: 100, page: open };
    expect(startingPoint(hit, server(), local).progress).toEqual({ id: "srv", submitted: 1, done: false, hitStartedAt: 100, page: open });
    expect(startingPoint(hit, server({ pageCount: 2 }), local).progress).toEqual({ id: "srv", submitted: 2, done: false, hitStartedAt: 100 });
  });

  it("drops what the browser kept for another annotation", () => {
    const local = { id: "other", submitted: 2, done: false, hitStartedAt: 100, page: open };
    expect(startingPoint(hit, server(), local)).toEqual({
      start: { kind: "annotate", annotationId: "srv", page: 1, submitted: 0, resumed: false },
      progress: { id: "srv", submitted: 0, done: false },
    });
  });

  it("counts every page submitted when the HIT is finished", () => {
    expect(startingPoint(hit, server({ isDone: true }), null).progress).toEqual({ id: "srv", submitted: 3, done: true });
  });
});
