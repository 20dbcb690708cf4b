// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FetchLike, ImageNetHIT } from "./api";
import { FakeSocket } from "./capture/test-support";
import { MemoryStore } from "./capture/store";
import { HitFlow } from "./hitflow";
import { parseParams, type HitParams } from "./params";
import { NETWORK_DOWN } from "./ui/screens";

const cls = (n: number) => ({
  id: `c${n}`,
  wnid: `n0${n}`,
  synset: ["tabby", "tabby cat"],
  description: "a cat with a grey or tawny coat mottled with black",
  wikipedia: ["https://en.wikipedia.org/wiki/Tabby_cat"],
});
const HIT: ImageNetHIT = {
  hitDatasetName: "demo",
  id: "hit-1",
  pages: [1, 2].map((p) => ({ pageno: p, class: cls(p), images: [0, 1, 2].map((k) => ({ id: `p${p}-i${k}`, url: `/images/${p}-${k}.svg` })) })),
};

function api(options: { assignment?: object; refused?: boolean; surveyAfter?: number } = {}) {
  let surveyCalls = 0;
  const calls: string[] = [];
  const fetchFn = vi.fn<FetchLike>(async (url, init) => {
    calls.push(url);
    if (url.endsWith("/assignment")) {
      expect(init?.method).toBe("POST");
      if (options.refused) return Response.json({ error: "one HIT", code: "one-hit-per-worker" }, { status: 403 });
      return Response.json({ annotationId: "srv-id", capability: "CAP", pageCount: 0, isDone: false, ...options.assignment });
    }
    if (url.includes("/survey-code?")) expect((init?.headers as Record<string, string>)["X-Byproduct-Capability"]).toBe("CAP");
    if (url.includes("/survey-code?")) {
      return ++surveyCalls > (options.surveyAfter ?? 0) ? Response.json({ surveyCode: "3FA09C" }) : Response.json({ error: "not yet" }, { status: 409 });
    }
    if (url.startsWith("/api/imagenet/demo/hits/hit-1")) return Response.json(HIT);
    return new Response("", { status: 404 });
  });
  return { fetchFn, calls };
}

/** A gateway that acknowledges every frame. */
function ackingSocket(url: string) {
  const socket = new FakeSocket(url);
  const send = socket.send.bind(socket);
  socket.send = (data: string) => {
    send(data);
    const frame = JSON.parse(data);
    if (!frame.hello) setTimeout(() => socket.answer({ ack: frame.q + frame.e.length - 1 }), 1);
  };
  setTimeout(() => socket.open(), 1);
  return socket;
}

const params = (extra = "") =>
  parseParams(`?workerId=W1&assignmentId=A1&hitId=H1&hitDatasetName=demo&imageNetHitId=hit-1&version=POINTER_NO_ORIGINAL${extra}`) as HitParams;

function events(): unknown[][] {
  return FakeSocket.all.flatMap((s) => s.frames().flatMap((f) => f.e));
}

let root: HTMLElement;
beforeEach(() => {
  FakeSocket.all = [];
  localStorage.clear();
  document.body.innerHTML = '<main id="app"></main>';
  root = document.getElementById("app")!;
});
afterEach(() => vi.restoreAllMocks());

describe("HitFlow", () => {
  it("shows each page as the original, waits for the acks on Submit, and ends with the survey code", async () => {
    const { fetchFn, calls } = api({ surveyAfter: 1 });
    const flow = new HitFlow(root, params(), { fetchFn, openStore: async () => new MemoryStore(), createSocket: ackingSocket, origin: "http://gw" });
    await flow.start();
    expect(root.querySelector(".bold")?.textContent).toBe("Which of these images contain at least one object of type");
    expect(root.querySelector(".term")?.textContent).toBe("Tabby, Tabby cat");
    expect(root.querySelector(".italic")?.textContent).toBe("Definition: A cat with a grey or tawny coat mottled with black");
    const link = root.querySelector<HTMLAnchorElement>(".instruction a")!;
    expect(link.getAttribute("href")).toBe("https://en.wikipedia.org/wiki/Tabby_cat");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(root.textContent).toContain("Please make accurate selections!");
    expect(root.textContent).toContain("If it is impossible to complete a HIT due to missing data or other problems, please return the HIT.");
    expect(root.querySelector(".progress")?.textContent).toBe("1 page(s) / 2 pages");
    expect(root.querySelectorAll(".grid.blur.pointer button.cell")).toHaveLength(3);
    expect(calls.slice(0, 2)).toEqual(["/api/imagenet/demo/hits/hit-1", "/api/imagenet/demo/hits/hit-1/assignment"]);
    await vi.waitFor(() => expect(JSON.parse(FakeSocket.all[0]!.sent[0]!).hello).toMatchObject({ a: "srv-id", k: "CAP", as: "A1" }));

    root.querySelector<HTMLButtonElement>("button.cell")!.click(); // keyboard-like click: the centre
    root.querySelector<HTMLButtonElement>(".submit")!.click();
    expect(root.querySelector(".overlay")).not.toBeNull();
    expect(root.querySelector(".submit")?.textContent).toBe("Submitting...");
    await vi.waitFor(() => expect(root.querySelector(".progress")?.textContent).toBe("2 page(s) / 2 pages"), { timeout: 3000 });
    expect(root.querySelector(".overlay")).toBeNull();

    root.querySelector<HTMLButtonElement>(".submit")!.click();
    await vi.waitFor(() => expect(root.querySelector(".survey-code")?.textContent).toBe("3FA09C"), { timeout: 5000 });
    expect(root.querySelector("h1")?.textContent).toBe("Thank you!");
    expect(calls.filter((c) => c.includes("/survey-code?"))).toHaveLength(2);
    expect(calls.find((c) => c.includes("/survey-code?"))).toBe("/api/imagenet/demo/hits/hit-1/survey-code?annotationID=srv-id&workerID=W1");

    const kinds = events().map((e) => e[0]);
    expect(kinds.filter((k) => k === 0)).toHaveLength(2);
    expect(kinds.filter((k) => k === 5)).toHaveLength(1);
    expect(kinds.filter((k) => k === 8)).toHaveLength(2);
    expect(kinds.filter((k) => k === 9)).toHaveLength(1);
    expect(kinds.filter((k) => k === 10)).toHaveLength(1);
    // nothing of a page after its PageSubmitted; HitStarted before page 1's PageSubmitted
    const pageOf = FakeSocket.all.flatMap((s) => s.frames().flatMap((f) => f.e.map((e) => [f.p, e[0]])));
    const submit1 = pageOf.findIndex(([p, k]) => p === 1 && k === 8);
    expect(pageOf.slice(submit1 + 1).every(([p]) => p === 2)).toBe(true);
    expect(pageOf.findIndex(([, k]) => k === 9)).toBeLessThan(submit1);
    const submitted = events().filter((e) => e[0] === 8);
    expect(submitted.map((e) => e[4])).toEqual([0, 1]);
    expect(new Set(submitted.map((e) => e[2])).size).toBe(2);
    const frames = FakeSocket.all.flatMap((s) => s.frames());
    expect(frames.find((f) => f.e.some((e) => e[0] === 0))!.img).toEqual(["p1-i0", "p1-i1", "p1-i2"]);
  });

  it("says clearly that the network is down while Submit waits, then goes on when it is back", async () => {
    const { fetchFn } = api();
    let online = false;
    const sockets: FakeSocket[] = [];
    const createSocket = (url: string) => {
      if (online) return ackingSocket(url);
      const s = new FakeSocket(url);
      sockets.push(s);
      setTimeout(() => s.drop(1006), 1);
      return s;
    };
    const down: FetchLike = async (url, init) => {
      if (!online && (url.includes("/ingest/") || url.endsWith("/assignment"))) throw new TypeError("Failed to fetch");
      return fetchFn(url, init);
    };
    const flow = new HitFlow(root, params(), { fetchFn: down, openStore: async () => new MemoryStore(), createSocket, origin: "http://gw" });
    online = true; // loading works
    const started = flow.start();
    await started;
    online = false;
    FakeSocket.all.forEach((s) => s.drop(1006));
    root.querySelector<HTMLButtonElement>(".submit")!.click();
    await vi.waitFor(() => expect(root.querySelector(".overlay-message")?.textContent).toBe(NETWORK_DOWN), { timeout: 5000 });
    expect(root.querySelector(".progress")?.textContent).toBe("1 page(s) / 2 pages");
    expect(JSON.parse(localStorage.getItem(localStorage.key(0)!)!)).toMatchObject({ submitted: 0 });
    online = true;
    window.dispatchEvent(new Event("online"));
    await vi.waitFor(() => expect(root.querySelector(".progress")?.textContent).toBe("2 page(s) / 2 pages"), { timeout: 5000 });
  }, 15_000);

  it("shows the server's refusal of a second HIT of a unique dataset, and the survey code again for this finished HIT", async () => {
    const { fetchFn } = api({ refused: true });
    await new HitFlow(root, params(), { fetchFn, openStore: async () => new MemoryStore(), createSocket: ackingSocket }).start();
    expect(root.querySelector("h1")?.textContent).toBe("Error");
    expect(root.querySelector("h2")?.textContent).toBe("You have already completed one of our HITs. We do not accept more than 1 HIT per worker.");
    expect(FakeSocket.all).toHaveLength(0);

    const { fetchFn: done } = api({ assignment: { isDone: true, pageCount: 2 } });
    await new HitFlow(root, params(), { fetchFn: done, openStore: async () => new MemoryStore(), createSocket: ackingSocket, origin: "http://gw" }).start();
    await vi.waitFor(() => expect(root.querySelector(".survey-code")?.textContent).toBe("3FA09C"));
  });

  it("shows an error screen and sends nothing without a workerId", async () => {
    const fetchFn = vi.fn<FetchLike>();
    await new HitFlow(root, parseParams("?hitDatasetName=demo&imageNetHitId=hit-1") as HitParams, { fetchFn }).start();
    expect(root.querySelector("h1")?.textContent).toBe("Error");
    expect(root.querySelector("h2")?.textContent).toContain("workerId");
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it("shows an error screen and sends nothing without an accepted assignment", async () => {
    const fetchFn = vi.fn<FetchLike>();
    const preview = parseParams("?workerId=W1&assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&hitDatasetName=demo&imageNetHitId=hit-1") as HitParams;
    await new HitFlow(root, preview, { fetchFn }).start();
    expect(root.querySelector("h2")?.textContent).toContain("accept the HIT on MTurk first");
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it("resumes at pageCount + 1 under the server's annotation id", async () => {
    const { fetchFn } = api({ assignment: { pageCount: 1 } });
    const flow = new HitFlow(root, params(), { fetchFn, openStore: async () => new MemoryStore(), createSocket: ackingSocket, origin: "http://gw" });
    await flow.start();
    expect(root.querySelector(".progress")?.textContent).toBe("2 page(s) / 2 pages");
    expect(flow.stats.annotationId).toBe("srv-id");
    await vi.waitFor(() => expect(FakeSocket.all[0]?.sent[0]).toContain('"a":"srv-id"'));
  });

  it("in the admin view shows the live record of each image and sends nothing", async () => {
    const { fetchFn, calls } = api();
    await new HitFlow(root, parseParams("?page=admin&hitDatasetName=demo&imageNetHitId=hit-1") as HitParams, { fetchFn }).start();
    expect(calls).toEqual(["/api/imagenet/demo/hits/hit-1"]);
    expect(root.querySelectorAll("dl.debug")).toHaveLength(3);
    expect(root.querySelectorAll("button.replay")).toHaveLength(3);
    root.querySelector<HTMLButtonElement>("button.cell")!.click();
    await vi.waitFor(() => expect(root.querySelector('dl.debug dd[data-field="Selected"]')?.textContent).toBe("yes (1×)"));
    expect(FakeSocket.all).toHaveLength(0);
  });
});
