// The seam between the study timer and what shows study time (the Checklist, the
// dashboard, the learning log). The timer implements it; until it is wired in, nothing
// does, and every surface shows empty weeks against the default goal.

import type * as vscode from 'vscode';
import type { StudySummary } from '../core/study';

export interface StudyTimeSource {
  readonly onDidChange: vscode.Event<void>;
  /** The last `weeks` calendar weeks and the totals, as of now; undefined while nothing is known. */
  summary(weeks: number): StudySummary | undefined;
}
