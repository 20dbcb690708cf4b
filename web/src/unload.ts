/** The original's `beforeunload` warning, on while annotating and while answers are being sent. */
const BEFORE_UNLOAD_MESSAGE = "Now uploading your annotation data to database server. Are you sure leave here?";

function onBeforeUnload(event: BeforeUnloadEvent): string {
  event.preventDefault();
  event.returnValue = BEFORE_UNLOAD_MESSAGE;
  return BEFORE_UNLOAD_MESSAGE;
}

export function setBeforeUnload(on: boolean): void {
  if (on) window.addEventListener("beforeunload", onBeforeUnload);
  else window.removeEventListener("beforeunload", onBeforeUnload);
}
