// "Upskill: Open Exercise Terminal": a terminal named after the exercise whose working
// folder is the exercise's own, so that `git init`, `python -m mypy …` and the like act on
// the exercise and not on the workspace around it. One per exercise, reused while open.

import * as vscode from 'vscode';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import type { ExerciseService } from '../services/exerciseService';

export class ExerciseTerminals extends DisposableBase {
  private readonly terminals = new Map<string, vscode.Terminal>();

  constructor(
    private readonly exercises: ExerciseService,
    /** Starts an exercise, as Start Exercise does. */
    private readonly start: (exercise: Exercise) => Promise<unknown>,
  ) {
    super();
    this.register(
      vscode.window.onDidCloseTerminal((t) => {
        for (const [id, mine] of this.terminals) if (mine === t) this.terminals.delete(id);
      }),
    );
  }

  async open(exercise: Exercise): Promise<vscode.Terminal | undefined> {
    const dir = await this.exercises.startedDir(exercise);
    if (!dir) {
      const action = await vscode.window.showWarningMessage(`"${exercise.title}" has not been started yet, so it has no folder to open a terminal in.`, 'Start Exercise');
      if (action) await this.start(exercise);
      return undefined;
    }
    let terminal = this.terminals.get(exercise.id);
    if (!terminal || terminal.exitStatus !== undefined) {
      terminal = vscode.window.createTerminal({ name: exercise.title, cwd: dir, iconPath: new vscode.ThemeIcon('mortar-board') });
      this.terminals.set(exercise.id, terminal);
    }
    terminal.show();
    return terminal;
  }
}
