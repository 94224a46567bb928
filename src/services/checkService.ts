// Runs an exercise's checks with a cancellable progress notification, and reports what
// they found: diagnostics in the Problems panel, the full story in the output channel,
// a summary notification, and the verdict in progress.

import * as vscode from 'vscode';
import { Settings } from '../constants';
import { formatReport, runChecks } from '../checks/engine';
import { type CheckReport, type Finding, MissingToolError } from '../checks/types';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import { recordCheck } from '../core/progress';
import type { ProgressStore } from '../state/progressStore';
import type { ExerciseService } from './exerciseService';
import { exists } from './exerciseFiles';
import { findPython } from './interpreter';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class CheckService extends DisposableBase {
  private readonly running = new Map<string, Promise<CheckReport | undefined>>();
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('upskill'));
  /** Files that carry diagnostics per exercise, so a new check clears exactly its own. */
  private readonly diagnosed = new Map<string, vscode.Uri[]>();

  constructor(
    private readonly exercises: ExerciseService,
    private readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: () => number = Date.now,
    /** Upskill's own storage: scratch copies and tool caches live here, never in the learner's folder. */
    private readonly storageDir?: string,
  ) {
    super();
  }

  isRunning(exerciseId: string): boolean {
    return this.running.has(exerciseId);
  }

  /** Checks an exercise; a second request while one runs joins the first instead of starting another. */
  check(exercise: Exercise): Promise<CheckReport | undefined> {
    const inFlight = this.running.get(exercise.id);
    if (inFlight) {
      void vscode.window.showInformationMessage(`"${exercise.title}" is already being checked.`);
      return inFlight;
    }
    const run = this.runWithProgress(exercise).finally(() => this.running.delete(exercise.id));
    this.running.set(exercise.id, run);
    return run;
  }

  private async runWithProgress(exercise: Exercise): Promise<CheckReport | undefined> {
    const workDir = this.exercises.workDir(exercise);
    if (!workDir || !(await exists(workDir))) {
      const action = await vscode.window.showWarningMessage(`"${exercise.title}" has not been started yet.`, 'Start Exercise');
      if (action === 'Start Exercise') await this.exercises.start(exercise);
      return undefined;
    }
    await vscode.workspace.saveAll(false);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking "${exercise.title}"`, cancellable: true },
      async (progressUi, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          progressUi.report({ message: 'finding Python…' });
          const python = await findPython(vscode.Uri.file(workDir));
          this.log.info(`Checking ${exercise.id} in ${workDir} with ${python.path} (Python ${python.version}, from ${python.origin}).`);
          const trusted = exercise.source.trusted || vscode.workspace.isTrusted;
          const timeoutMs = 1000 * vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.checkTimeoutSeconds, 120);
          const report = await runChecks({
            exercise,
            workDir,
            python,
            timeoutMs,
            signal: controller.signal,
            trusted,
            storageDir: this.storageDir,
            log: (line) => this.log.info(line),
          });
          if (controller.signal.aborted) {
            this.log.warn(`Check of ${exercise.id} cancelled.`);
            void vscode.window.showInformationMessage(`Check of "${exercise.title}" cancelled. Nothing was recorded.`);
            return undefined;
          }
          for (const line of formatReport(report)) this.log.info(line);
          this.publishDiagnostics(exercise.id, report);
          await this.progress.update(exercise.id, (p) => recordCheck(p, report.passed, this.clock()));
          void this.announce(exercise, report);
          return report;
        } catch (e) {
          if (e instanceof MissingToolError) {
            void this.offerInstall(e);
            return undefined;
          }
          const message = (e as Error).message ?? String(e);
          this.log.error(`Check of ${exercise.id} crashed: ${(e as Error).stack ?? message}`);
          void vscode.window.showErrorMessage(`Checking "${exercise.title}" failed: ${message}`, 'Show Output').then((a) => {
            if (a) this.log.show(true);
          });
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private publishDiagnostics(exerciseId: string, report: CheckReport): void {
    for (const uri of this.diagnosed.get(exerciseId) ?? []) this.diagnostics.delete(uri);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (file: string, d: vscode.Diagnostic) => {
      const list = byFile.get(file) ?? [];
      list.push(d);
      byFile.set(file, list);
    };
    for (const result of report.results) {
      for (const f of result.findings) {
        if (!f.file) continue;
        add(f.file, toDiagnostic(f));
      }
      for (const t of result.tests) {
        if ((t.outcome === 'failed' || t.outcome === 'error') && t.file) {
          const line = Math.max(0, (t.line ?? 1) - 1);
          const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, 200), `${t.id} failed: ${t.message ?? 'see the Upskill output'}`, vscode.DiagnosticSeverity.Error);
          d.source = 'pytest';
          add(t.file, d);
        }
      }
    }
    const uris: vscode.Uri[] = [];
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(file);
      uris.push(uri);
      this.diagnostics.set(uri, list);
    }
    this.diagnosed.set(exerciseId, uris);
  }

  private async announce(exercise: Exercise, report: CheckReport): Promise<void> {
    if (report.passed) {
      const action = await vscode.window.showInformationMessage(
        `✓ "${exercise.title}" passed: ${report.results.map((r) => r.title).join(', ')}.`,
        'Next Exercise',
      );
      if (action === 'Next Exercise') await this.exercises.next(exercise);
      return;
    }
    const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'error');
    const first = failed[0];
    const text =
      `${failed.length} of ${report.results.length} checks did not pass for "${exercise.title}". ` +
      (first ? `${first.title}: ${first.summary}` : '');
    const hasFindings = failed.some((r) => r.findings.length > 0 || r.tests.some((t) => t.outcome === 'failed'));
    const actions = [hasFindings ? 'Show Problems' : 'Show Output', 'Show Hint'];
    const action = await vscode.window.showWarningMessage(text, ...actions);
    if (action === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (action === 'Show Output') this.log.show(true);
    if (action === 'Show Hint') await this.exercises.showHint(exercise);
  }

  private async offerInstall(e: MissingToolError): Promise<void> {
    this.log.error(`${e.message} Searched: ${e.searched.join(', ')}.`);
    const canInstall = e.python && e.module;
    const action = await vscode.window.showErrorMessage(e.message, ...(canInstall ? ['Install in Terminal'] : []), 'Show Output');
    if (action === 'Show Output') this.log.show(true);
    if (action === 'Install in Terminal' && e.python && e.module) {
      const terminal = vscode.window.createTerminal({ name: `Upskill: install ${e.module}` });
      terminal.show();
      terminal.sendText(`${quote(e.python)} -m pip install ${e.module}`);
    }
  }

  /** Drops diagnostics of a reset exercise, whose files changed under them. */
  clear(exerciseId: string): void {
    for (const uri of this.diagnosed.get(exerciseId) ?? []) this.diagnostics.delete(uri);
    this.diagnosed.delete(exerciseId);
  }
}

function toDiagnostic(f: Finding): vscode.Diagnostic {
  const line = Math.max(0, f.line - 1);
  const col = Math.max(0, f.column - 1);
  const endLine = f.endLine ? Math.max(line, f.endLine - 1) : line;
  const endCol = f.endColumn ? Math.max(0, f.endColumn - 1) : col + 1;
  const d = new vscode.Diagnostic(new vscode.Range(line, col, endLine, endLine === line ? Math.max(endCol, col + 1) : endCol), f.message, SEVERITY[f.severity]);
  d.source = f.source;
  if (f.code) d.code = f.code;
  return d;
}

function quote(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `"${p.replace(/(["\\$`])/g, '\\$1')}"`;
}

