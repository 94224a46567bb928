// Messages between the Checklist webviews (the side-bar view and the dashboard panel) and
// the extension. Both sides import this file; everything arriving from a webview is checked
// with `isFromWebview` before use, and anything else is ignored (and logged by the host).

import type { ChecklistModel, DashboardModel } from '../core/checklistModel';

/** Which surface a webview is: set by the host in the page, read by the browser side. */
export type Surface = 'view' | 'dashboard';

export type ToWebview = { readonly type: 'state'; readonly checklist: ChecklistModel; readonly dashboard?: DashboardModel };

/** The id of the inert element in which a page carries its first state (src/webview/page.ts). */
export const PAGE_STATE_ID = 'upskill-state';

/**
 * `value` as JSON to write inside a <script type="application/json"> element: no `<` is
 * left to close the element or open a comment, whatever the content's strings hold, and
 * JSON.parse of the element's text gives `value` back.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'startExercise'; readonly exerciseId: string }
  | { readonly type: 'setCompetency'; readonly key: string; readonly ticked: boolean }
  | { readonly type: 'openDashboard' }
  | { readonly type: 'exportLog' }
  | { readonly type: 'assessProject' };

const ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const COMPETENCY_KEY = /^[a-z0-9][a-z0-9-]{0,99}\.[a-z0-9][a-z0-9-]{0,99}$/;

export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const r = m as Record<string, unknown>;
  const only = (...keys: string[]) => Object.keys(r).every((k) => k === 'type' || keys.includes(k));
  switch (r.type) {
    case 'ready':
    case 'openDashboard':
    case 'exportLog':
    case 'assessProject':
      return only();
    case 'startExercise':
      return only('exerciseId') && typeof r.exerciseId === 'string' && ID.test(r.exerciseId);
    case 'setCompetency':
      return only('key', 'ticked') && typeof r.key === 'string' && COMPETENCY_KEY.test(r.key) && typeof r.ticked === 'boolean';
    default:
      return false;
  }
}
