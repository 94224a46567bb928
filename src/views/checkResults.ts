// A check as the learner sees it: a cancellable progress notification, findings in the
// Problems panel (marked stale after an edit), a short status-bar verdict (the details are
// in the Exercise view; one toast with "Show" only when that view is hidden), and a
// terminal to install a missing tool. CheckService runs, records and owns the results
// (the last report, its staleness, the check running now); this surface renders them and
// owns the UI around a check, and checks an exercise when one of its files is saved with
// `upskill.checkOnSave` on. A setup problem is told as setup (a warning, never a verdict),
// with its fix; the exercise is checked again when the fix succeeded.

import * as vscode from 'vscode';
import type { CheckReport, Finding } from '../checks/types';
import { Settings } from '../constants';
import type { Fix } from '../core/environment';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import type { CheckOutcome, CheckService, CheckWork } from '../services/checkService';
import type { SetupProblem } from '../services/environment';
import type { ExerciseService } from '../services/exerciseService';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** What a check's UI leads to elsewhere: the other surfaces, reached without command strings. */
export interface CheckResultsLinks {
  /** Whether the Exercise view, which shows every result, is on screen. */
  panelVisible(): boolean;
  /** Runs a setup fix in a terminal; true when it succeeded (the environment is checked again by then). */
  runFix(fix: Fix): Promise<boolean>;
  startExercise(exercise: Exercise): Promise<unknown>;
  showExercise(exercise: Exercise): Promise<unknown>;
  nextExercise(exercise: Exercise): Promise<unknown>;
  checkEnvironment(): Promise<unknown>;
}

export class CheckResults extends DisposableBase {
  private readonly diagnostics = this.register(vscode.languages.createDiagnosticCollection('upskill'));
  /** The report each exercise's diagnostics show and the files that carry them, so a new check clears exactly its own. */
  private readonly diagnosed = new Map<string, { readonly report: CheckReport; readonly uris: vscode.Uri[]; stale: boolean }>();

  constructor(
    private readonly checks: CheckService,
    private readonly exercises: ExerciseService,
    private readonly log: vscode.LogOutputChannel,
    private readonly links: CheckResultsLinks,
  ) {
    super();
    this.register(checks.onDidChange((id) => this.render(id)));
    this.register(vscode.workspace.onDidSaveTextDocument((doc) => void this.checkOnSave(doc)));
    // A notebook opened after its check: its findings move from the file onto its cells.
    this.register(vscode.workspace.onDidOpenNotebookDocument((nb) => this.republishFor(nb.uri)));
  }

  private republishFor(notebook: vscode.Uri): void {
    for (const [exerciseId, shown] of this.diagnosed) {
      if (shown.report.results.some((r) => r.findings.some((f) => f.cell !== undefined && f.file === notebook.fsPath))) {
        const stale = shown.stale;
        this.publish(exerciseId, shown.report);
        const entry = this.diagnosed.get(exerciseId);
        if (stale && entry) this.markStale(entry);
      }
    }
  }

  /** Checks an exercise in view of the learner; the report, or undefined when the check did not run to the end. */
  check(exercise: Exercise): Promise<CheckReport | undefined> {
    if (this.checks.isRunning(exercise.id)) {
      vscode.window.setStatusBarMessage(`$(sync~spin) ${vscode.l10n.t('"{0}" is already being checked.', exercise.title)}`, 4000);
      return this.checks.check(exercise).then(reportOf);
    }
    return this.checks.check(exercise, { prepare: () => vscode.workspace.saveAll(false), within: this.withProgress(exercise) }).then(async (outcome) => {
      await this.tell(exercise, outcome);
      return reportOf(outcome);
    });
  }

  private withProgress(exercise: Exercise): CheckWork {
    return (work) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking "{0}"', exercise.title), cancellable: true }, async (progressUi, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await work((message) => progressUi.report({ message }), controller.signal);
        } finally {
          sub.dispose();
        }
      });
  }

  private async tell(exercise: Exercise, outcome: CheckOutcome): Promise<void> {
    switch (outcome.status) {
      case 'checked':
        void this.announce(exercise, outcome.report);
        break;
      case 'cancelled':
        vscode.window.setStatusBarMessage(vscode.l10n.t('Check of "{0}" cancelled. Nothing was recorded.', exercise.title), 6000);
        break;
      case 'setup':
        void this.offerFix(exercise, outcome.problem);
        break;
      case 'crashed':
        void vscode.window.showErrorMessage(vscode.l10n.t('Checking "{0}" failed: {1}', exercise.title, outcome.message), vscode.l10n.t('Show Output')).then((a) => {
          if (a) this.log.show(true);
        });
        break;
      case 'notStarted': {
        const start = vscode.l10n.t('Start Exercise');
        const action = await vscode.window.showWarningMessage(vscode.l10n.t('"{0}" has not been started yet.', exercise.title), start);
        if (action === start) await this.links.startExercise(exercise);
        break;
      }
    }
  }

  private async checkOnSave(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme !== 'file' || !vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.checkOnSave, false)) return;
    const exercise = await this.exercises.exerciseForFile(doc.uri.fsPath);
    if (exercise && !this.checks.isRunning(exercise.id)) void this.check(exercise);
  }

  /** Brings the Problems panel in line with the exercise's results: new findings, stale ones, none. */
  private render(exerciseId: string): void {
    const checked = this.checks.result(exerciseId);
    const shown = this.diagnosed.get(exerciseId);
    if (!checked) this.clear(exerciseId);
    else if (shown?.report !== checked.report) this.publish(exerciseId, checked.report);
    else if (checked.stale && !shown.stale) this.markStale(shown);
  }

  private publish(exerciseId: string, report: CheckReport): void {
    this.clear(exerciseId);
    const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    const addAt = (uri: vscode.Uri, d: vscode.Diagnostic) => {
      const entry = byFile.get(uri.toString()) ?? { uri, list: [] };
      entry.list.push(d);
      byFile.set(uri.toString(), entry);
    };
    const add = (file: string, d: vscode.Diagnostic) => addAt(vscode.Uri.file(file), d);
    for (const result of report.results) {
      for (const f of result.findings) {
        if (!f.file) continue;
        if (f.cell === undefined) {
          add(f.file, toDiagnostic(f));
          continue;
        }
        // On the cell itself where the notebook is open (each cell is a document of its own);
        // on the .ipynb, naming the cell, in Problems until it is.
        const nb = vscode.workspace.notebookDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === f.file);
        if (nb && f.cell < nb.cellCount) addAt(nb.cellAt(f.cell).document.uri, toDiagnostic(f));
        else add(f.file, toDiagnostic({ ...f, line: 1, column: 1, endLine: undefined, endColumn: undefined, message: `Cell ${f.cell + 1}, line ${f.line}: ${f.message}` }));
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
    for (const { uri, list } of byFile.values()) {
      uris.push(uri);
      this.diagnostics.set(uri, list);
    }
    this.diagnosed.set(exerciseId, { report, uris, stale: false });
  }

  /** After an edit the findings describe the file as it was: each says so until the next check. */
  private markStale(entry: { readonly uris: vscode.Uri[]; stale: boolean }): void {
    entry.stale = true;
    for (const u of entry.uris) {
      const marked = (this.diagnostics.get(u) ?? []).map((d) => {
        const copy = new vscode.Diagnostic(d.range, `${d.message} (from the last check, before your edit)`, d.severity);
        copy.source = d.source;
        copy.code = d.code;
        return copy;
      });
      this.diagnostics.set(u, marked);
    }
  }

  private clear(exerciseId: string): void {
    for (const uri of this.diagnosed.get(exerciseId)?.uris ?? []) this.diagnostics.delete(uri);
    this.diagnosed.delete(exerciseId);
  }

  /** A short verdict in the status bar; a toast with "Show" only when the Exercise view is hidden. */
  private async announce(exercise: Exercise, report: CheckReport): Promise<void> {
    const failed = report.results.filter((r) => r.status === 'failed' || r.status === 'error').length;
    const verdict = report.passed ? vscode.l10n.t('"{0}" passed.', exercise.title) : vscode.l10n.t('"{0}": {1} of {2} checks did not pass.', exercise.title, failed, report.results.length);
    vscode.window.setStatusBarMessage(`${report.passed ? '$(pass)' : '$(error)'} ${verdict}`, 10_000);
    if (this.links.panelVisible()) return;
    const show = vscode.l10n.t('Show');
    const next = vscode.l10n.t('Next Exercise');
    const actions = report.passed ? [show, next] : [show];
    const action = await (report.passed ? vscode.window.showInformationMessage(verdict, ...actions) : vscode.window.showWarningMessage(verdict, ...actions));
    if (action === show) await this.links.showExercise(exercise);
    if (action === next) await this.links.nextExercise(exercise);
  }

  /** The setup problem with its fix (and the offline alternative); a fix that worked is followed by the check. */
  private async offerFix(exercise: Exercise, problem: SetupProblem): Promise<void> {
    const { fix, alternative } = problem.fixes;
    const checkEnvironment = vscode.l10n.t('Check Environment');
    const actions = [...(fix ? [fix.title] : []), ...(alternative ? [alternative.title] : []), checkEnvironment];
    const action = await vscode.window.showWarningMessage(problem.message, ...actions);
    if (action === checkEnvironment) {
      await this.links.checkEnvironment();
      return;
    }
    const chosen = action === fix?.title ? fix : action === alternative?.title ? alternative : undefined;
    if (chosen && (await this.links.runFix(chosen))) await this.check(exercise);
  }
}

function reportOf(outcome: CheckOutcome): CheckReport | undefined {
  return outcome.status === 'checked' ? outcome.report : undefined;
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
