// The exercise commands (start, check, hints, solution, reset, next, the view and the
// terminal) and the links other surfaces use to reach the same actions without command ids.

import type * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Exercise } from '../core/model';
import type { CheckResults } from '../views/checkResults';
import type { ExerciseActions } from '../views/exerciseActions';
import type { ExerciseTerminals } from '../views/exerciseTerminal';
import type { ExerciseView, ExerciseViewLinks } from '../webview/exerciseView';
import { guarded } from './boundary';

export interface ExerciseHandlers {
  readonly log: vscode.LogOutputChannel;
  readonly exercises: ExerciseActions;
  readonly checks: CheckResults;
  readonly panel: ExerciseView;
  readonly terminals: ExerciseTerminals;
}

type ResolveOptions = { onlyStarted?: boolean; alwaysPick?: boolean };

/** What each exercise command does with the exercise it is about, and how it asks for one when it was given none. */
function exerciseActions(s: ExerciseHandlers) {
  const on = (placeHolder: string, run: (e: Exercise) => Promise<unknown>, options: ResolveOptions = {}) => ({ placeHolder, run, options });
  return {
    [Commands.openInstructions]: on('Open the instructions of which exercise?', (e) => s.exercises.openInstructions(e)),
    [Commands.startExercise]: on('Start an exercise: type to search by title, skill or tag', (e) => s.exercises.start(e), { alwaysPick: true }),
    [Commands.checkExercise]: on('Check which exercise?', (e) => s.checks.check(e), { onlyStarted: true }),
    [Commands.showHint]: on('Show a hint for which exercise?', (e) => s.exercises.showHint(e)),
    [Commands.showSolution]: on('Show the solution of which exercise?', (e) => s.exercises.showSolution(e), { onlyStarted: true }),
    [Commands.resetExercise]: on('Reset which exercise?', (e) => s.exercises.reset(e), { onlyStarted: true }),
    [Commands.showExercise]: on('Show which exercise?', (e) => s.panel.show(e, { preserveFocus: true })),
    [Commands.openTerminal]: on('Open a terminal for which exercise?', (e) => s.terminals.open(e), { onlyStarted: true }),
  };
}

export function exerciseCommands(s: ExerciseHandlers): Record<string, (...args: unknown[]) => unknown> {
  const table: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [id, { placeHolder, run, options }] of Object.entries(exerciseActions(s))) {
    // The exercise the command is about: its argument (an id or a tree node), else the editor's, else a pick.
    table[id] = async (arg?: unknown) => {
      const exercise = await s.exercises.resolve(arg, placeHolder, options);
      return exercise ? run(exercise) : undefined;
    };
  }
  table[Commands.nextExercise] = (arg?: unknown) => s.exercises.next(arg);
  return table;
}

/** What the other surfaces may set off on an exercise, behind the same error boundary as the commands. */
export interface ExerciseLinks extends ExerciseViewLinks {
  start(exercise: Exercise): Promise<unknown>;
  /** Start Exercise with an exercise id (from a webview, so it may be one the catalog lacks: then the learner picks). */
  startById(exerciseId: string): Promise<unknown>;
  show(exercise: Exercise): Promise<unknown>;
  next(exercise: Exercise): Promise<unknown>;
}

export function exerciseLinks(s: ExerciseHandlers): ExerciseLinks {
  const actions = exerciseActions(s);
  const commands = exerciseCommands(s);
  const link = (id: keyof typeof actions) => guarded(s.log, id, (e: Exercise) => actions[id].run(e));
  const byButton = {
    start: link(Commands.startExercise),
    check: link(Commands.checkExercise),
    hint: link(Commands.showHint),
    solution: link(Commands.showSolution),
    reset: link(Commands.resetExercise),
    terminal: link(Commands.openTerminal),
    next: guarded(s.log, Commands.nextExercise, (e: Exercise) => s.exercises.next(e.id)),
  };
  return {
    act: (action, exercise) => byButton[action](exercise),
    pick: guarded(s.log, Commands.startExercise, async () => {
      const { placeHolder, run, options } = actions[Commands.startExercise];
      const exercise = await s.exercises.resolve(undefined, placeHolder, options);
      return exercise && run(exercise);
    }),
    start: byButton.start,
    startById: guarded(s.log, Commands.startExercise, (id: string) => commands[Commands.startExercise](id)),
    show: link(Commands.showExercise),
    next: byButton.next,
  };
}
