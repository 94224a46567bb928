// The one error boundary for what the learner sets off: a command from the palette, a menu
// or a button, and one surface leading to another (the toast's "Show", the Exercise view's
// buttons). A failure is logged with its stack and told once, with the output a click away.
// Every command is registered here, behind it.

import * as vscode from 'vscode';
import { Commands } from '../constants';

export type CommandTable = Record<string, (...args: unknown[]) => unknown>;

export function guarded<A extends unknown[]>(log: vscode.LogOutputChannel, name: string, handler: (...args: A) => unknown): (...args: A) => Promise<unknown> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (e) {
      log.error(`${name} failed: ${(e as Error).stack ?? e}`);
      void vscode.window.showErrorMessage(`Upskill: ${(e as Error).message}`, 'Show Output').then((a) => a && log.show(true));
      return undefined;
    }
  };
}

/**
 * Registers every command in `Commands`: those in `now` with their handler, the others
 * through the table `later` gives (made by the first of them to run: the workbench).
 */
export function registerCommands(log: vscode.LogOutputChannel, now: CommandTable, later: () => Promise<CommandTable>): vscode.Disposable[] {
  return Object.values(Commands).map((id) => {
    const handler =
      now[id] ??
      (async (...args: unknown[]) => {
        const run = (await later())[id];
        if (!run) throw new Error(`the command ${id} has no handler.`);
        return run(...args);
      });
    return vscode.commands.registerCommand(id, guarded(log, id, handler));
  });
}
