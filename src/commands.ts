// The command table: the groups under commands/, each handler a line or two. The study
// timer's commands (commands/timer.ts) are answered by what activation builds; these by
// the workbench (src/workbench.ts), which loads the first time one of them runs.
// commands/boundary.ts registers them all behind the one error boundary.

import { type ExerciseHandlers, exerciseCommands } from './commands/exercise';
import { type ProgressHandlers, progressCommands } from './commands/progress';
import { type SetupHandlers, setupCommands } from './commands/setup';
import type { CommandTable } from './commands/boundary';

export type WorkbenchHandlers = ExerciseHandlers & ProgressHandlers & SetupHandlers;

/** The handlers of every command but the study timer's. */
export function workbenchCommands(s: WorkbenchHandlers): CommandTable {
  return { ...exerciseCommands(s), ...progressCommands(s), ...setupCommands(s) };
}
