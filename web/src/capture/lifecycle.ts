/**
 * Tab visibility and focus changes become events of the open page; when the tab is hidden or
 * the page goes away, the client saves and sends what it has (`sendBeacon` included), and on
 * `pagehide` spills what is unsaved into localStorage.
 */
import type { CaptureClient } from "./client";
import type { PageCapture } from "./page-capture";

export interface LifecycleOptions {
  current: () => PageCapture | null;
  client: CaptureClient | null;
  /** Runs first on `pagehide` (e.g. to close the hover of the image under the pointer). */
  beforeUnload?: () => void;
}

export function watchLifecycle(options: LifecycleOptions): () => void {
  const { client } = options;
  const onVisibility = () => {
    const visible = document.visibilityState === "visible";
    options.current()?.visibility(visible);
    if (!visible) client?.pageHidden(false);
  };
  const onFocus = () => options.current()?.focus(true);
  const onBlur = () => options.current()?.focus(false);
  const onPageHide = () => {
    options.beforeUnload?.();
    client?.pageHidden(true);
  };
  const onOnline = () => client?.online();
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("focus", onFocus);
  window.addEventListener("blur", onBlur);
  window.addEventListener("pagehide", onPageHide);
  window.addEventListener("online", onOnline);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("focus", onFocus);
    window.removeEventListener("blur", onBlur);
    window.removeEventListener("pagehide", onPageHide);
    window.removeEventListener("online", onOnline);
  };
}
