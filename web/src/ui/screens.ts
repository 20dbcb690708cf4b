/** The page's screens and fixed parts, worded as the original front end. */
import type { ImageNetClass } from "../api";
import { definitionOf, termOf } from "../text";
import { el } from "./dom";

export const HEADING = "Which of these images contain at least one object of type";

export function loadingScreen(): HTMLElement {
  return el("div", { class: "loading", role: "status" }, el("span", { class: "spinner", "aria-hidden": "true" }), "Image Data Loading...");
}

export function errorScreen(message: string): HTMLElement {
  return el("section", { class: "error-screen", role: "alert" }, el("h1", {}, "Error"), el("h2", {}, message));
}

export function thankYouScreen(code: string): HTMLElement {
  return el(
    "section",
    { class: "thanks" },
    el("h1", {}, "Thank you!"),
    el("h2", {}, "Your survey code is ", el("span", { class: "survey-code" }, code)),
    el("p", {}, "You’ve submitted all annotations.", el("br"), "Put this survey code in AWS Mturk survey form."),
  );
}

/** While the last page's answers are being sent and the code is being fetched. */
export function finishingScreen(): { element: HTMLElement; message: HTMLElement } {
  const message = el("p", { class: "finishing-message", role: "status" }, "Sending your last answers…");
  return {
    element: el("section", { class: "thanks" }, el("span", { class: "spinner", "aria-hidden": "true" }), message),
    message,
  };
}

const EXTERNAL_LINK =
  '<svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24"><path fill="currentColor" d="M14 3v2h3.6l-9.8 9.8 1.4 1.4L19 6.4V10h2V3zM5 5v14h14v-7h-2v5H7V7h5V5z"/></svg>';

/** The heading, the class's synonyms and definition, the instructions and the Wikipedia links. */
export function instructions(cls: ImageNetClass): HTMLElement {
  const term = termOf(cls.synset ?? []);
  const links = (cls.wikipedia ?? []).map((page) => {
    const a = el("a", { href: page, target: "_blank", rel: "noreferrer" }, page);
    a.insertAdjacentHTML("beforeend", EXTERNAL_LINK);
    return el("div", {}, a, " (open in new tab)");
  });
  return el(
    "header",
    { class: "instruction" },
    el("div", { class: "bold" }, HEADING),
    el("div", { class: "term" }, term),
    el("div", { class: "italic" }, definitionOf(cls.description ?? "")),
    el("hr"),
    el(
      "p",
      { class: "gray" },
      `For each of the following images, click the image if it contains at least one object of type ${term}. ` +
        "Select an image if it contains the object regardless of occlusions, other objects, or clutter or text in the scene. " +
        "Only select if images are photographs ",
      el("strong", {}, "(no drawings or paintings)"),
      ".",
    ),
    el("div", {}, "Please make accurate selections!"),
    el(
      "div",
      {},
      "If you are unsure about the object meaning, please consult the following Wikipedia page(s) or google the objects yourself: ",
      ...links,
    ),
    el("div", {}, "If it is impossible to complete a HIT due to missing data or other problems, please return the HIT."),
  );
}

/** The Submit button and "k page(s) / N pages". */
export function footer(page: number, pages: number): { element: HTMLElement; button: HTMLButtonElement } {
  const button = el("button", { class: "submit", type: "button" }, "Submit");
  return {
    element: el("div", { class: "footer" }, button, el("div", { class: "progress" }, `${page} page(s) / ${pages} pages`)),
    button,
  };
}

/** The dimming overlay while a page is being submitted, with a place for a network message. */
export function submittingOverlay(): { element: HTMLElement; message: HTMLElement } {
  const message = el("p", { class: "overlay-message", role: "status", "aria-live": "assertive" });
  return {
    element: el("div", { class: "overlay", "aria-busy": "true" }, el("div", { class: "overlay-spinner", "aria-hidden": "true" }), message),
    message,
  };
}

export const NETWORK_DOWN =
  "The connection to the server is down. Your answers on this page are kept in this browser and will be sent as soon as the connection is back — please keep this page open.";
