// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import type { ImageNetHitPage } from "./api";
import { LocalRecorder } from "./capture/recorder";
import { PointerSampler } from "./capture/sampler";
import { PageView, type PageViewOptions } from "./page-view";
import type { PageProgress } from "./progress";

const page: ImageNetHitPage = {
  pageno: 2,
  class: { id: "cls-1", wnid: "n01440764", synset: ["tench"], description: "a fish", wikipedia: [] },
  images: [0, 1, 2].map((k) => ({ id: `img-${k}`, url: `/images/${k}.svg` })),
};

function click(img: Element, x: number, y: number): void {
  Object.defineProperty(img, "offsetWidth", { value: 100, configurable: true });
  Object.defineProperty(img, "offsetHeight", { value: 100, configurable: true });
  const event = new MouseEvent("click", { bubbles: true, detail: 1 });
  Object.defineProperty(event, "offsetX", { value: x });
  Object.defineProperty(event, "offsetY", { value: y });
  img.dispatchEvent(event);
}

function view(overrides: Partial<PageViewOptions> = {}) {
  const recorder = new LocalRecorder(() => 1_000);
  const state: PageProgress = { no: 2, startedAt: 500, selected: {} };
  const options: PageViewOptions = {
    no: 2,
    pageCount: 10,
    page,
    recorder,
    sampler: new PointerSampler(0),
    version: "NO_POINTER_NO_ORIGINAL",
    debug: false,
    state,
    stats: { moves: 0, samples: 0, moveMs: 0, maxMoveMs: 0 },
    onSelect: vi.fn(),
    onSubmit: vi.fn(),
    ...overrides,
  };
  return { view: new PageView(options), recorder, state, options };
}

describe("PageView", () => {
  it("records PageOpened with the class and the page count, and renders the page's images", () => {
    const events: unknown[] = [];
    const recorder = new LocalRecorder(() => 1_000);
    recorder.onEvent((e) => events.push(e.b));
    const { view: v } = view({ recorder });
    expect(events[0]).toEqual([0, "cls-1", "n01440764", ["tench"], 10]);
    expect(v.element.querySelectorAll("button.cell")).toHaveLength(3);
  });

  it("keeps the saved selection and the in-browser record up to date on a click, and says so", () => {
    const { view: v, state, options } = view();
    click(v.element.querySelectorAll("img")[1]!, 25, 75);
    expect(Object.keys(state.selected)).toEqual(["1"]);
    expect(options.onSelect).toHaveBeenCalledTimes(1);
    expect(v.fold.records[1]).toMatchObject({ imageID: "img-1", selected: true, selectedCount: 1 });
  });

  it("hands the Submit button to the flow, and once stopped records nothing more", () => {
    const { view: v, recorder, options } = view();
    (v.element.querySelector("button.submit, footer button, button:not(.cell)") as HTMLButtonElement).click();
    expect(options.onSubmit).toHaveBeenCalledTimes(1);
    v.stop();
    const after = vi.fn();
    recorder.onEvent(after);
    click(v.element.querySelectorAll("img")[0]!, 10, 10);
    expect(after).not.toHaveBeenCalled();
    expect(v.fold.records[0]?.selected).toBe(false);
  });
});
