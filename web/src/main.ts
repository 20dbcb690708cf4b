import "./styles.css";
import { HitFlow } from "./hitflow";
import { isHitMode, parseParams } from "./params";
import { el } from "./ui/dom";

declare global {
  interface Window {
    /** Measurements and state for requesters' debugging and the browser tests. */
    byproduct?: HitFlow["stats"];
  }
}

function start(): void {
  const root = document.getElementById("app");
  if (!root) return;
  const search = new URLSearchParams(window.location.search);
  const params = parseParams(search);
  document.body.dataset.version = params.version;
  if (!isHitMode(params)) {
    root.replaceChildren(
      el(
        "section",
        { class: "notice" },
        el("h1", {}, "No HIT selected"),
        el("p", {}, "Interface version: ", el("code", {}, params.version)),
      ),
    );
    return;
  }
  // experiments only: ?sampleMs=N changes the pointer sampling interval (0: every pointermove)
  const sampleMs = search.has("sampleMs") ? Number(search.get("sampleMs")) : Number.NaN;
  const flow = new HitFlow(root, params, {
    debug: search.get("debug") === "1",
    ...(Number.isFinite(sampleMs) && sampleMs >= 0 ? { sampleMs } : {}),
  });
  window.byproduct = flow.stats;
  void flow.start();
}

start();
