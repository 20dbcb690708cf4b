import "./styles.css";
import { parseParams } from "./params";
import { HEADING, loadView, type View } from "./view";

type Child = Node | string;

function el(tag: string, className?: string, ...children: Child[]): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

export function render(view: View): Node {
  switch (view.kind) {
    case "error":
      return el("section", "error", el("h1", "", "Error"), el("p", "", view.message));
    case "admin":
      return el("section", "notice", el("p", "", "The admin view is not available here."));
    case "sandbox":
      return el(
        "section",
        "notice",
        el("h1", "", "No HIT selected"),
        el("p", "", "Interface version: ", el("code", "", view.version)),
      );
    case "hit": {
      const grid = el("div", "grid");
      grid.dataset.blur = String(view.blur);
      grid.dataset.pointer = String(view.pointer);
      for (const image of view.images) {
        const img = document.createElement("img");
        img.src = image.url || image.originalUrl || "";
        img.alt = "";
        img.draggable = false;
        img.dataset.imageId = image.id;
        grid.append(el("div", "cell", img));
      }
      return el(
        "section",
        "hit",
        el(
          "header",
          "instruction",
          el("div", "bold", HEADING),
          el("div", "term", view.term),
          el("div", "italic", view.definition),
        ),
        grid,
      );
    }
  }
}

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const params = parseParams(window.location.search);
  document.body.dataset.version = params.version;
  root.replaceChildren(render(await loadView(params)));
}

void start();
