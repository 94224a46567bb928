// Messages between the Exercise view and the extension. Both sides import this file;
// everything arriving from the webview is validated with `isFromExerciseView` before use.

import type { ExercisePanelModel } from '../core/exercisePanelModel';

export type { CheckLine, ExercisePanelModel, FindingLine, HowChecked, ResultModel } from '../core/exercisePanelModel';

/** `model` is absent when there is no current exercise (the view shows how to start one). */
export type ToExerciseView = { readonly type: 'state'; readonly model?: ExercisePanelModel };

/** The buttons of the view; each maps to one Upskill command on the shown exercise. */
export const EXERCISE_ACTIONS = ['start', 'check', 'hint', 'solution', 'reset', 'terminal', 'checkOnSave', 'pick', 'next'] as const;
export type ExerciseAction = (typeof EXERCISE_ACTIONS)[number];

export type FromExerciseView =
  | { readonly type: 'ready' }
  | { readonly type: 'action'; readonly action: ExerciseAction }
  /** Opens the finding with this key in the last model posted. */
  | { readonly type: 'openFinding'; readonly key: string }
  /** A link in the instructions or hints; only http(s) is followed. */
  | { readonly type: 'openLink'; readonly href: string };

export function isFromExerciseView(m: unknown): m is FromExerciseView {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
      return true;
    case 'action':
      return typeof o.action === 'string' && (EXERCISE_ACTIONS as readonly string[]).includes(o.action);
    case 'openFinding':
      return typeof o.key === 'string' && o.key.length < 100;
    case 'openLink':
      return typeof o.href === 'string' && /^https?:\/\//i.test(o.href) && o.href.length < 2000;
    default:
      return false;
  }
}
