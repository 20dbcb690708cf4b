import { describe, expect, it, vi } from "vitest";
import type { FetchLike, ImageNetHIT } from "./api";
import { parseParams } from "./params";
import { loadView } from "./view";

const HIT: ImageNetHIT = {
  hitDatasetName: "imagenet-v2",
  id: "hit-0001",
  pages: [
    {
      pageno: 1,
      class: {
        id: "c281",
        wnid: "n02123045",
        synset: ["tabby", "tabby cat"],
        description: "a cat with a grey or tawny coat mottled with black",
        wikipedia: ["https://en.wikipedia.org/wiki/Tabby_cat"],
      },
      images: [
        { id: "i1", url: "https://img.example/1.jpg" },
        { id: "i2", url: "https://img.example/2.jpg" },
      ],
    },
    {
      pageno: 2,
      class: { id: "c1", wnid: "n01443537", synset: ["goldfish"], description: "small fish", wikipedia: [] },
      images: [],
    },
  ],
};

const hitLink = (extra = "") =>
  parseParams(`?workerId=W42&assignmentId=A&hitId=H&hitDatasetName=imagenet-v2&imageNetHitId=hit-0001${extra}`);

describe("loadView", () => {
  it("in HIT mode fetches the HIT and shows its first page's heading and images", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json(HIT));
    const view = await loadView(hitLink("&version=POINTER_NO_ORIGINAL"), fetchFn);
    expect(fetchFn).toHaveBeenCalledOnce();
    expect(fetchFn.mock.calls[0]?.[0]).toBe("/api/imagenet/imagenet-v2/hits/hit-0001");
    expect(view).toEqual({
      kind: "hit",
      version: "POINTER_NO_ORIGINAL",
      pointer: true,
      blur: true,
      term: "Tabby, Tabby cat",
      definition: "Definition: A cat with a grey or tawny coat mottled with black",
      images: HIT.pages[0]?.images,
      pageCount: 2,
    });
  });

  it("encodes the dataset name and HIT id in the fetched URL", async () => {
    const fetchFn = vi.fn<FetchLike>(async () => Response.json(HIT));
    await loadView(parseParams("?workerId=W&hitDatasetName=my%20set&imageNetHitId=a%2Fb"), fetchFn);
    expect(fetchFn.mock.calls[0]?.[0]).toBe("/api/imagenet/my%20set/hits/a%2Fb");
  });

  it("refuses a '..' HIT id without fetching", async () => {
    const fetchFn = vi.fn<FetchLike>();
    const view = await loadView(parseParams("?workerId=W&hitDatasetName=d&imageNetHitId=.."), fetchFn);
    expect(view).toEqual({
      kind: "error",
      message: 'Could not load HIT .. of dataset d: ".." cannot be used as a path segment',
    });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it("shows an error screen and fetches nothing when workerId is missing", async () => {
    const fetchFn = vi.fn<FetchLike>();
    const view = await loadView(parseParams("?hitDatasetName=d&imageNetHitId=h"), fetchFn);
    expect(view.kind).toBe("error");
    expect(view.kind === "error" && view.message).toMatch(/workerId/);
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it("shows the status when the HIT cannot be found", async () => {
    const fetchFn: FetchLike = async () => new Response("", { status: 404, statusText: "Not Found" });
    const view = await loadView(hitLink(), fetchFn);
    expect(view).toEqual({
      kind: "error",
      message: "Could not load HIT hit-0001 of dataset imagenet-v2: HTTP 404 Not Found",
    });
  });

  it("shows a network failure", async () => {
    const fetchFn: FetchLike = () => Promise.reject(new TypeError("Failed to fetch"));
    const view = await loadView(hitLink(), fetchFn);
    expect(view).toEqual({
      kind: "error",
      message: "Could not load HIT hit-0001 of dataset imagenet-v2: network error (Failed to fetch)",
    });
  });

  it("shows an error for a HIT without pages", async () => {
    const fetchFn: FetchLike = async () => Response.json({ ...HIT, pages: [] });
    const view = await loadView(hitLink(), fetchFn);
    expect(view).toEqual({ kind: "error", message: "HIT hit-0001 of dataset imagenet-v2 has no pages." });
  });

  it("in sandbox mode shows 'No HIT selected' with the version in use, fetching nothing", async () => {
    const fetchFn = vi.fn<FetchLike>();
    expect(await loadView(parseParams("?workerId=W"), fetchFn)).toEqual({
      kind: "sandbox",
      version: "NO_POINTER_NO_ORIGINAL",
    });
    expect(await loadView(parseParams("?version=POINTER_ORIGINAL&hitDatasetName=d"), fetchFn)).toEqual({
      kind: "sandbox",
      version: "POINTER_ORIGINAL",
    });
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it("renders nothing of the annotator for page=admin", async () => {
    const fetchFn = vi.fn<FetchLike>();
    expect(await loadView(parseParams("?page=admin&hitDatasetName=d&imageNetHitId=h"), fetchFn)).toEqual({
      kind: "admin",
    });
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
