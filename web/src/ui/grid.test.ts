// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { Grid, type GridSink } from "./grid";

const images = Array.from({ length: 5 }, (_, k) => ({ id: `img-${k}`, url: `/images/${k}.svg` }));

function sink(): GridSink & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  return {
    calls,
    enter: (i) => void calls.push(["enter", i]),
    move: (i, fx, fy) => (calls.push(["move", i, fx, fy]), true),
    leave: (i) => void calls.push(["leave", i]),
    click: (i, fx, fy, selected) => void calls.push(["click", i, fx, fy, selected]),
    broken: (i) => void calls.push(["broken", i]),
  };
}

function sized(img: HTMLImageElement, w: number, h: number) {
  Object.defineProperty(img, "offsetWidth", { value: w });
  Object.defineProperty(img, "offsetHeight", { value: h });
}

function mouse(type: string, x: number, y: number, detail = 1): MouseEvent {
  const event = new MouseEvent(type, { bubbles: true, detail });
  Object.defineProperty(event, "offsetX", { value: x });
  Object.defineProperty(event, "offsetY", { value: y });
  return event;
}

describe("Grid", () => {
  it("renders every image as a toggle button with an accessible name, in page order", () => {
    const grid = new Grid({ images, blur: true, pointer: false, sink: sink() });
    const buttons = [...grid.element.querySelectorAll("button.cell")];
    expect(buttons.map((b) => b.getAttribute("aria-label"))).toEqual([1, 2, 3, 4, 5].map((n) => `Image ${n} of 5`));
    expect(buttons.every((b) => b.getAttribute("aria-pressed") === "false")).toBe(true);
    expect([...grid.element.querySelectorAll("img")].map((i) => i.getAttribute("src"))).toEqual(images.map((i) => i.url));
    expect(grid.element.classList.contains("blur")).toBe(true);
    expect(grid.element.classList.contains("pointer")).toBe(false);
  });

  it("reports hover, pointer fractions and clicks; a click toggles the blue border and the pressed state", () => {
    const s = sink();
    const grid = new Grid({ images, blur: false, pointer: true, sink: s });
    const cell = grid.cells[2]!;
    sized(cell.img, 320, 240);
    cell.img.dispatchEvent(new Event("pointerenter"));
    expect(cell.button.classList.contains("hovered")).toBe(true);
    expect(grid.hoveredIndex).toBe(2);
    cell.img.dispatchEvent(mouse("pointermove", 80, 60));
    expect(cell.dot.hidden).toBe(false);
    expect(cell.dot.style.left).toBe("25%");
    cell.img.dispatchEvent(mouse("click", 160, 120));
    expect(cell.button.classList.contains("selected")).toBe(true);
    expect(cell.button.getAttribute("aria-pressed")).toBe("true");
    expect(grid.announcer.textContent).toBe("Image 3 selected");
    cell.img.dispatchEvent(mouse("pointermove", 0, 0));
    expect(cell.dot.style.left).toBe("50%"); // pinned where it was clicked
    cell.img.dispatchEvent(mouse("click", 32, 24));
    expect(cell.button.getAttribute("aria-pressed")).toBe("false");
    expect(grid.announcer.textContent).toBe("Image 3 not selected");
    cell.img.dispatchEvent(new Event("pointerleave"));
    expect(grid.hoveredIndex).toBeNull();
    expect(s.calls).toEqual([
      ["enter", 2],
      ["move", 2, 0.25, 0.25],
      ["click", 2, 0.5, 0.5, true],
      ["move", 2, 0, 0],
      ["click", 2, 0.1, 0.1, false],
      ["leave", 2],
    ]);
    expect(grid.selection()).toEqual({});
  });

  it("selects from the keyboard (a click without a pointer: the image's centre) and ignores clicks beside the image", () => {
    const s = sink();
    const grid = new Grid({ images, blur: false, pointer: false, sink: s });
    const cell = grid.cells[0]!;
    cell.button.dispatchEvent(mouse("click", 0, 0, 0));
    cell.button.dispatchEvent(mouse("click", 3, 3, 1));
    expect(s.calls).toEqual([["click", 0, 0.5, 0.5, true]]);
    expect(grid.selection()).toEqual({ "0": [0.5, 0.5] });
  });

  it("restores the selection of a reloaded page and drops an image that cannot be loaded", () => {
    const s = sink();
    const grid = new Grid({ images, blur: true, pointer: true, selected: { "1": [0.2, 0.3] }, sink: s });
    expect(grid.cells[1]!.button.getAttribute("aria-pressed")).toBe("true");
    expect(grid.cells[1]!.dot.style.top).toBe("30%");
    grid.cells[4]!.img.dispatchEvent(new Event("error"));
    expect(s.calls).toEqual([["broken", 4]]);
    grid.drop(4);
    expect(grid.element.querySelectorAll("button.cell")).toHaveLength(4);
  });

  it("tells the time spent in each pointer-move handler", () => {
    const onMoveCost = vi.fn();
    const grid = new Grid({ images, blur: false, pointer: false, sink: sink(), onMoveCost });
    grid.cells[0]!.img.dispatchEvent(mouse("pointermove", 1, 1));
    expect(onMoveCost).toHaveBeenCalledOnce();
    expect(onMoveCost.mock.calls[0]![0]).toBeGreaterThanOrEqual(0);
  });
});
