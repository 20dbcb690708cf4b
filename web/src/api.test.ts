import { describe, expect, it, vi } from "vitest";
import {
  assignedVersion,
  ApiError,
  getImageNetHit,
  getSurveyCode,
  hitUrl,
  startAssignment,
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

describe("startAssignment and getSurveyCode", () => {
  it("posts MTurk's ids (not in the URL) and reads the annotation id, capability and progress", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json({ annotationId: "a1", capability: "K", pageCount: 2, isDone: false }));
    await expect(startAssignment("d s", "h/1", { workerId: "W&1", assignmentId: "A1", hitId: "H" }, fetchFn)).resolves.toEqual({
      annotationId: "a1",
      capability: "K",
      pageCount: 2,
      isDone: false,
    });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe("/api/imagenet/d%20s/hits/h%2F1/assignment");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(init?.body as string)).toEqual({ workerId: "W&1", assignmentId: "A1", hitId: "H" });
  });

  it("reports a refusal with its status, and an answer without a capability as an error", async () => {
    const refused: FetchLike = async () => Response.json({ error: "one HIT", code: "one-hit-per-worker" }, { status: 403 });
    const error = await startAssignment("d", "h", { workerId: "W", assignmentId: "A" }, refused).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(403);
    const bad: FetchLike = async () => Response.json({ annotationId: "a1" });
    await expect(startAssignment("d", "h", { workerId: "W", assignmentId: "A" }, bad)).rejects.toThrow(/no annotation id and capability/);
  });

  it("gets the survey code of the annotation, with the capability in a header", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json({ surveyCode: "3FA09C" }));
    await expect(getSurveyCode("d", "h", { annotationId: "a 1", workerId: "W", capability: "K" }, fetchFn)).resolves.toBe("3FA09C");
    expect(fetchFn.mock.calls[0]?.[0]).toBe("/api/imagenet/d/hits/h/survey-code?annotationID=a+1&workerID=W");
    expect((fetchFn.mock.calls[0]?.[1]?.headers as Record<string, string>)["X-Byproduct-Capability"]).toBe("K");
    expect(surveyCodeUrl("d", "h", "a", "W")).toBe("/api/imagenet/d/hits/h/survey-code?annotationID=a&workerID=W");
  });

  it("reports 409 while the HIT is not done, and refuses an answer without a code", async () => {
    const ids = { annotationId: "a", workerId: "W", capability: "K" };
    const notYet: FetchLike = async () => Response.json({ error: "not finished" }, { status: 409 });
    const error = await getSurveyCode("d", "h", ids, notYet).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(409);
    const bad: FetchLike = async () => Response.json({ surveyCode: "xyz" });
    await expect(getSurveyCode("d", "h", ids, bad)).rejects.toThrow(/no survey code/);
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
