// What every Upskill page script does the same way around its own rendering: read the
// first state the host wrote into the page (src/webview/page.ts), and mark its first paint.

import { PAGE_STATE_ID } from '../webview/protocol';

/** The state the host wrote into the page, if it held one that `isState` accepts. */
export function pageState<T>(isState: (m: unknown) => m is T): T | undefined {
  const text = document.getElementById(PAGE_STATE_ID)?.textContent;
  if (!text) return undefined;
  try {
    const m: unknown = JSON.parse(text);
    return isState(m) ? m : undefined;
  } catch {
    console.warn('[upskill] ignored a page state that is not JSON');
    return undefined;
  }
}

/**
 * Marks on `root` when its first render reached the screen, as epoch ms (data-painted-at)
 * and as ms since the page began loading (data-painted-in): the e2e tier measures first
 * paint with them. Later renders leave the marks as they are.
 */
export function markFirstPaint(root: HTMLElement): void {
  if (root.dataset.paintedAt) return;
  requestAnimationFrame(() => {
    root.dataset.paintedAt = String(Math.round(performance.timeOrigin + performance.now()));
    root.dataset.paintedIn = String(Math.round(performance.now()));
  });
}
