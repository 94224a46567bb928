// Messages between the Checklist webview and the extension. Both sides import this file;
// everything arriving from the webview is validated with `isFromWebview` before use.

import type { ChecklistModel } from '../core/checklistModel';

export type ToWebview = { readonly type: 'state'; readonly model: ChecklistModel };

export type FromWebview = { readonly type: 'ready' } | { readonly type: 'startExercise' };

export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const type = (m as { type?: unknown }).type;
  return type === 'ready' || type === 'startExercise';
}
