// Every command registration in one place: the table of the groups under commands/, each
// handler a line or two, registered behind the one error boundary.

import * as vscode from 'vscode';
import { guarded } from './commands/boundary';
import { type ExerciseHandlers, exerciseCommands } from './commands/exercise';
import { type ProgressHandlers, progressCommands } from './commands/progress';
import { type SetupHandlers, setupCommands } from './commands/setup';
import { type TimerHandlers, timerCommands } from './commands/timer';

export type Handlers = ExerciseHandlers & ProgressHandlers & TimerHandlers & SetupHandlers;

export function registerCommands(s: Handlers): vscode.Disposable[] {
  const commands = { ...exerciseCommands(s), ...progressCommands(s), ...timerCommands(s), ...setupCommands(s) };
  return Object.entries(commands).map(([id, handler]) => vscode.commands.registerCommand(id, guarded(s.log, id, handler)));
}
