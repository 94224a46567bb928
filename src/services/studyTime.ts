// The seam between the study timer and what shows study time (the Checklist, the
// dashboard, the learning log): StudyTimer implements it, so those surfaces depend on the
// summary and its change event, not on the timer's commands and scheduling.

import type * as vscode from 'vscode';
import type { StudySummary } from '../core/study';

export interface StudyTimeSource {
  readonly onDidChange: vscode.Event<void>;
  /** The last `weeks` calendar weeks and the totals, as of now; undefined while nothing is known. */
  summary(weeks: number): StudySummary | undefined;
}
