// Runs a Check Environment fix where the learner sees it: a terminal named after the fix
// that prints each command before it runs it, its output as it comes, and its exit code.
// The terminal is Upskill's own (a pseudoterminal), so Upskill knows exactly when each
// command ends and how, and can check the environment again when the last one has: no
// shell, no guessing from a prompt. A step that selects an interpreter writes
// `upskill.pythonPath` (the workspace's settings when a folder is open).

import { type ChildProcess, spawn } from 'child_process';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { type Fix, type FixStep, shellQuote } from '../core/environment';
import { DisposableBase } from '../core/lifecycle';

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

export class FixTerminals extends DisposableBase {
  private running?: Promise<boolean>;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Runs the fix's steps in order in a new terminal; true when every step succeeded. One fix at a time. */
  run(fix: Fix, cwd: string): Promise<boolean> {
    if (this.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('A fix is already running in its terminal. Upskill checks the environment again when it ends.'));
      return this.running;
    }
    const run = this.runInTerminal(fix, cwd).finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  private runInTerminal(fix: Fix, cwd: string): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const write = new vscode.EventEmitter<string>();
      const close = new vscode.EventEmitter<number | void>();
      let child: ChildProcess | undefined;
      let finished = false;
      let cancelled = false;
      const finish = (ok: boolean) => {
        if (finished) return;
        finished = true;
        resolve(ok);
      };
      const out = (text: string) => write.fire(crlf(text));
      const runStep = (step: Extract<FixStep, { kind: 'run' }>) =>
        new Promise<number>((done) => {
          out(`\x1b[1m$ ${step.argv.map(shellQuote).join(' ')}\x1b[0m\n`);
          this.log.info(`Fix "${fix.title}": running ${step.argv.map(shellQuote).join(' ')} in ${cwd}`);
          child = spawn(step.argv[0], step.argv.slice(1), { cwd, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONUNBUFFERED: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
          child.stdout?.on('data', (b: Buffer) => out(b.toString()));
          child.stderr?.on('data', (b: Buffer) => out(b.toString()));
          child.on('error', (e) => {
            out(vscode.l10n.t('Could not start {0}: {1}', step.argv[0], e.message) + '\n');
            done(127);
          });
          child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
        });
      const steps = async () => {
        out(`${fix.detail}\n\n`);
        for (const step of fix.steps) {
          if (cancelled) return finish(false);
          if (step.kind === 'select') {
            const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
            await vscode.workspace.getConfiguration(Settings.section).update(Settings.pythonPath, step.python, target);
            out(`\x1b[1m${vscode.l10n.t('Selected {0} for checks (setting "upskill.pythonPath").', step.python)}\x1b[0m\n`);
            this.log.info(`Fix "${fix.title}": set upskill.pythonPath to ${step.python}.`);
            continue;
          }
          const code = await runStep(step);
          child = undefined;
          if (code !== 0) {
            out(`\n\x1b[31m${vscode.l10n.t('That command ended with exit code {0}, so the fix stopped there. Upskill checks the environment again now.', code)}\x1b[0m\n`);
            this.log.warn(`Fix "${fix.title}": ${step.argv[0]} exited with ${code}.`);
            return finish(false);
          }
          out('\n');
        }
        out(`\x1b[32m${vscode.l10n.t('Done. Upskill checks the environment again now. Press any key to close this terminal.')}\x1b[0m\n`);
        finish(true);
      };
      const pty: vscode.Pseudoterminal = {
        onDidWrite: write.event,
        onDidClose: close.event,
        open: () => void steps().catch((e: unknown) => {
          out(`\n${String((e as Error).message ?? e)}\n`);
          finish(false);
        }),
        close: () => {
          cancelled = true;
          child?.kill();
          finish(false);
          write.dispose();
          close.dispose();
        },
        handleInput: (data) => {
          if (finished) close.fire();
          // Ctrl+C stops the running command, as in a shell.
          else if (data === '\x03') child?.kill('SIGINT');
          else child?.stdin?.write(data === '\r' ? '\n' : data);
        },
      };
      const terminal = vscode.window.createTerminal({ name: `Upskill: ${fix.title}`, pty, iconPath: new vscode.ThemeIcon('tools') });
      this.register(terminal);
      // Shown without taking the keyboard: nothing to type, and the learner may go on editing.
      terminal.show(true);
    });
  }
}
