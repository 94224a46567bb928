// The one error boundary for what the learner sets off: a command from the palette, a menu
// or a button, and one surface leading to another (the toast's "Show", the Exercise view's
// buttons). A failure is logged with its stack and told once, with the output a click away.

import * as vscode from 'vscode';

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
