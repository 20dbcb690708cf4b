// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { ApiError, type FetchLike } from "./api";
import type { CaptureClient } from "./capture/client";
import { pollSurveyCode, recordPageEnd, revalidate } from "./submit";
import { NETWORK_DOWN } from "./ui/screens";

const request = (fetchFn: FetchLike) => ({
  hitDatasetName: "demo",
  imageNetHitId: "hit-1",
  ids: { annotationId: "a-1", workerId: "W1", capability: "cap" },
  fetchFn,
});

describe("recordPageEnd", () => {
  const recorded = (no: number, last: boolean) => {
    const record = vi.fn();
    recordPageEnd({ record } as unknown as CaptureClient, no, { startedAt: 100, hitStartedAt: 50, last, pageCount: 10 });
    return record.mock.calls.map(([page, event]) => [page, (event as unknown[])[0]]);
  };

  it("records HitStarted before the first page's PageSubmitted", () => {
    expect(recorded(1, false)).toEqual([[1, 9], [1, 8]]);
  });

  it("records PageSubmitted alone for a middle page and HitFinished after the last", () => {
    expect(recorded(5, false)).toEqual([[5, 8]]);
    expect(recorded(10, true)).toEqual([[10, 8], [10, 10]]);
  });

  it("marks the last page in PageSubmitted and gives HitFinished the page count", () => {
    const record = vi.fn();
    recordPageEnd({ record } as unknown as CaptureClient, 10, { startedAt: 100, hitStartedAt: 50, last: true, pageCount: 10 });
    expect(record.mock.calls[0]?.[1]).toEqual([8, expect.any(String), 100, 1]);
    expect(record.mock.calls[1]?.[1]).toEqual([10, 10]);
  });
});

describe("revalidate", () => {
  it("is refused when the server answers 403 (the unique rule)", async () => {
    await expect(revalidate(async () => { throw new ApiError("u", 403, "HTTP 403"); })).resolves.toBe("refused");
  });

  it("lets the outbox handle a network failure or another error", async () => {
    await expect(revalidate(async () => { throw new ApiError("u", 0, "network error"); })).resolves.toBe("ok");
    await expect(revalidate(async () => { throw new ApiError("u", 503, "HTTP 503"); })).resolves.toBe("ok");
    await expect(revalidate(async () => ({}))).resolves.toBe("ok");
  });
});

describe("pollSurveyCode", () => {
  it("waits through 409 (pages still being stored) and a network failure, then gives the code", async () => {
    const message = document.createElement("p");
    const seen: string[] = [];
    const answers = [
      () => Response.json({ error: "not all pages stored" }, { status: 409 }),
      () => { throw new TypeError("offline"); },
      () => Response.json({ surveyCode: "A1B2C3" }),
    ];
    const fetchFn = vi.fn<FetchLike>(async () => {
      seen.push(message.textContent ?? "");
      return answers.shift()!();
    });
    await expect(pollSurveyCode(request(fetchFn), message)).resolves.toEqual({ code: "A1B2C3" });
    expect(seen).toEqual(["", "Preparing your survey code…", NETWORK_DOWN]);
  });

  it("gives up with an error on a 4xx other than 409", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json({ error: "wrong capability" }, { status: 403 }));
    const answer = await pollSurveyCode(request(fetchFn), document.createElement("p"));
    expect(answer).toEqual({ error: "Could not get your survey code: HTTP 403: wrong capability" });
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});
