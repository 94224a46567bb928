// Messages between the Checklist webview and the extension. Both sides import this file;
// everything arriving from the webview is validated with `isFromWebview` before use.

export interface ChecklistSummary {
  readonly passed: number;
  readonly total: number;
  readonly skills: number;
}

export type ToWebview = { readonly type: 'state'; readonly summary: ChecklistSummary };

export type FromWebview = { readonly type: 'ready' } | { readonly type: 'startExercise' };

export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const type = (m as { type?: unknown }).type;
  return type === 'ready' || type === 'startExercise';
}
