import { describe, expect, it, vi } from "vitest";
import {
  assignedVersion,
  ApiError,
  annotationsUrl,
  getImageNetHit,
  getSurveyCode,
  hitUrl,
  searchAnnotations,
  surveyCodeUrl,
  type FetchLike,
} from "./api";

describe("hitUrl", () => {
  it("is GET /api/imagenet/{hitDatasetName}/hits/{imageNetHitId}", () => {
    expect(hitUrl("imagenet-v2", "hit-0001")).toBe("/api/imagenet/imagenet-v2/hits/hit-0001");
  });

  it("URL-encodes each path segment", () => {
    expect(hitUrl("set/one", "a b?c#d")).toBe("/api/imagenet/set%2Fone/hits/a%20b%3Fc%23d");
    expect(hitUrl("a.b", "x&y=z")).toBe("/api/imagenet/a.b/hits/x%26y%3Dz");
    expect(hitUrl("daten-ü", "%41")).toBe("/api/imagenet/daten-%C3%BC/hits/%2541");
  });

  it("refuses '.' and '..' segments, which a URL parser would resolve away", () => {
    expect(() => hitUrl("..", "h")).toThrow(/path segment/);
    expect(() => hitUrl("d", ".")).toThrow(/path segment/);
    expect(hitUrl("...", "h")).toBe("/api/imagenet/.../hits/h");
  });
});

describe("getImageNetHit", () => {
  it("fetches the HIT's URL as JSON and returns the answer", async () => {
    const hit = { hitDatasetName: "d", id: "h/1", pages: [] };
    const fetchFn = vi.fn<FetchLike>(async () => Response.json(hit));
    await expect(getImageNetHit("d", "h/1", fetchFn)).resolves.toEqual(hit);
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(fetchFn.mock.calls[0]?.[0]).toBe("/api/imagenet/d/hits/h%2F1");
  });

  it("throws an ApiError carrying the status when the answer is not 2xx", async () => {
    const fetchFn: FetchLike = async () => new Response("", { status: 404, statusText: "Not Found" });
    const error = await getImageNetHit("d", "missing", fetchFn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toBe("HTTP 404 Not Found");
  });

  it("adds the error field of a JSON error body", async () => {
    const fetchFn: FetchLike = async () => Response.json({ error: "no such HIT" }, { status: 404 });
    await expect(getImageNetHit("d", "h", fetchFn)).rejects.toThrow("HTTP 404: no such HIT");
  });

  it("reports a network failure with status 0", async () => {
    const fetchFn: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    const error = await getImageNetHit("d", "h", fetchFn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect((error as ApiError).message).toBe("network error (Failed to fetch)");
  });
});

describe("searchAnnotations and getSurveyCode", () => {
  it("asks for the worker's annotations of the dataset and keeps the well-formed ones", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json([{ id: "a1", imageNetHitID: "h", pageCount: 2, isDone: false }, { nope: 1 }]));
    await expect(searchAnnotations("d s", "h/1", "W&1", fetchFn)).resolves.toEqual([{ id: "a1", imageNetHitID: "h", pageCount: 2, isDone: false }]);
    expect(fetchFn.mock.calls[0]?.[0]).toBe("/api/imagenet/d%20s/hits/h%2F1/annotations?workerID=W%261");
    expect(annotationsUrl("d", "h", "w")).toBe("/api/imagenet/d/hits/h/annotations?workerID=w");
  });

  it("gets the survey code with the worker's, assignment's and MTurk HIT's ids", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json({ surveyCode: "3FA09C" }));
    await expect(getSurveyCode("d", "h", { workerId: "W", assignmentId: "A 1", hitId: "H" }, fetchFn)).resolves.toBe("3FA09C");
    expect(fetchFn.mock.calls[0]?.[0]).toBe("/api/imagenet/d/hits/h/survey-code?workerID=W&assignmentID=A+1&hitID=H");
    expect(surveyCodeUrl("d", "h", { workerId: "W" })).toBe("/api/imagenet/d/hits/h/survey-code?workerID=W");
  });

  it("reports 409 while the HIT is not done, and refuses an answer without a code", async () => {
    const notYet: FetchLike = async () => Response.json({ error: "not finished" }, { status: 409 });
    const error = await getSurveyCode("d", "h", { workerId: "W" }, notYet).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(409);
    const bad: FetchLike = async () => Response.json({ surveyCode: "xyz" });
    await expect(getSurveyCode("d", "h", { workerId: "W" }, bad)).rejects.toThrow(/no survey code/);
  });
});

describe("assignedVersion", () => {
  it("asks the gateway for the worker's version and accepts only the four versions", async () => {
    const calls: string[] = [];
    const answer = (body: unknown) => async (url: string) => {
      calls.push(url);
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    };
    await expect(assignedVersion("demo", "hit 1", "A1/W", answer({ version: "POINTER_NO_ORIGINAL" }) as never))
      .resolves.toBe("POINTER_NO_ORIGINAL");
    expect(calls[0]).toBe("/api/imagenet/demo/hits/hit%201/version?workerID=A1%2FW");
    await expect(assignedVersion("demo", "h", "w", answer({ version: "RANDOM" }) as never)).rejects.toThrow();
  });
});
