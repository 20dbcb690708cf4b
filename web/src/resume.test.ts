import { describe, expect, it } from "vitest";
import type { ImageNetAnnotation, ImageNetHIT } from "./api";
import { ONE_HIT_PER_WORKER, decideStart, uniqueRule } from "./resume";

const page = (pageno: number) => ({
  pageno,
  class: { id: "c", wnid: "n1", synset: ["x"], description: "d", wikipedia: [] },
  images: [{ id: `i${pageno}`, url: "/u" }],
});
const hit = (isUnique = false): ImageNetHIT => ({ hitDatasetName: "ds", id: "hit-1", isUnique, pages: [page(1), page(2), page(3)] });
const newId = () => "new-id";
const ann = (a: Partial<ImageNetAnnotation>): ImageNetAnnotation => ({ id: "a1", imageNetHitID: "hit-1", isDone: false, pageCount: 0, ...a });

describe("decideStart", () => {
  it("starts a new annotation on page 1 for a worker without earlier work", () => {
    expect(decideStart(hit(), [], null, newId)).toEqual({ kind: "annotate", annotationId: "new-id", page: 1, submitted: 0, resumed: false });
  });

  it("resumes at pageCount + 1 under the server's annotation id", () => {
    expect(decideStart(hit(), [ann({ id: "srv", pageCount: 2 })], null, newId)).toEqual({
      kind: "annotate",
      annotationId: "srv",
      page: 3,
      submitted: 2,
      resumed: true,
    });
  });

  it("takes the larger of the server's and the browser's progress (the search is eventually consistent)", () => {
    const local = { id: "srv", submitted: 2, done: false };
    expect(decideStart(hit(), [ann({ id: "srv", pageCount: 1 })], local, newId)).toMatchObject({ page: 3, annotationId: "srv" });
    expect(decideStart(hit(), [], { id: "mine", submitted: 1, done: false }, newId)).toMatchObject({
      kind: "annotate",
      annotationId: "mine",
      page: 2,
      resumed: true,
    });
  });

  it("ignores the browser's progress of another annotation id", () => {
    expect(decideStart(hit(), [ann({ id: "srv", pageCount: 1 })], { id: "other", submitted: 2, done: false }, newId)).toMatchObject({
      annotationId: "srv",
      page: 2,
    });
  });

  it("shows the survey code again for a finished HIT (server or browser), unique or not", () => {
    expect(decideStart(hit(), [ann({ id: "srv", isDone: true, pageCount: 3 })], null, newId)).toEqual({ kind: "finished", annotationId: "srv" });
    expect(decideStart(hit(), [], { id: "mine", submitted: 3, done: true }, newId)).toEqual({ kind: "finished", annotationId: "mine" });
    expect(decideStart(hit(true), [ann({ id: "srv", isDone: true })], null, newId)).toEqual({ kind: "finished", annotationId: "srv" });
  });

  it("refuses a second HIT of a unique dataset with the original's message", () => {
    const other = ann({ id: "x", imageNetHitID: "hit-9", isDone: true });
    expect(decideStart(hit(true), [other], null, newId)).toEqual({ kind: "error", message: ONE_HIT_PER_WORKER });
    expect(ONE_HIT_PER_WORKER).toBe("You have already completed one of our HITs. We do not accept more than 1 HIT per worker.");
    // not unique: the other HIT does not matter
    expect(decideStart(hit(false), [other], null, newId)).toMatchObject({ kind: "annotate", page: 1 });
    // an unfinished other HIT does not count
    expect(uniqueRule(hit(true), [ann({ imageNetHitID: "hit-9" })])).toBeNull();
  });
});
