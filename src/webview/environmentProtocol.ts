// Messages between the Check Environment panel and the extension. Both sides import this
// file; everything from the webview is validated with `isFromEnvironmentView` before use.

import type { EnvironmentModel } from '../core/environmentModel';

export type { EnvironmentFixLine, EnvironmentModel, EnvironmentToolLine } from '../core/environmentModel';

/** `model` is absent while the first report is being made. */
export type ToEnvironmentView = { readonly type: 'state'; readonly model?: EnvironmentModel; readonly checking: boolean };

export type FromEnvironmentView =
  | { readonly type: 'ready' }
  /** Runs the report's fix, or its offline alternative. */
  | { readonly type: 'fix'; readonly which: 'fix' | 'alternative' }
  | { readonly type: 'recheck' }
  /** Opens the upskill.pythonPath setting. */
  | { readonly type: 'choosePython' };

export function isFromEnvironmentView(m: unknown): m is FromEnvironmentView {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
    case 'recheck':
    case 'choosePython':
      return true;
    case 'fix':
      return o.which === 'fix' || o.which === 'alternative';
    default:
      return false;
  }
}
