// Runs an exercise's checks with the learner's Python, writes the full story to the output
// channel, records the verdict in progress and owns the results: the last check of each
// exercise, its staleness after an edit and the check running now (core/checkLedger.ts),
// announced by one event that both surfaces render. What the learner sees (progress,
// diagnostics, notifications, the install terminal) is src/views/checkResults.ts; the
// results beside the code are src/webview/exerciseView.ts.
//
// A setup problem (no interpreter starts, one too old, a tool or package missing) is found
// before any check runs, from the environment's cached answer, and is never a verdict: it
// comes back as `setup` with its fix, and no attempt is recorded.

import * as vscode from 'vscode';
import type { CheckReport, MissingToolError } from '../checks/types';
import { Settings } from '../constants';
import type { Fix } from '../core/environment';
import { type Checked as CheckedOf, CheckLedger, type NewCheck as NewCheckOf } from '../core/checkLedger';
import { Emitter, type Event } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import { recordCheck } from '../core/progress';
import type { ProgressStore } from '../state/progressStore';
import type { EnvironmentService, SetupProblem } from './environment';
import type { ExerciseService } from './exerciseService';
import { findPython } from './interpreter';
import { checksModule } from './lazy';

export type CheckOutcome =
  /** Every check ran (passed or not) and the verdict is recorded. */
  | { readonly status: 'checked'; readonly report: CheckReport }
  | { readonly status: 'notStarted' }
  /** Cancelled through the signal; nothing was recorded. */
  | { readonly status: 'cancelled' }
  /** The interpreter, a tool or a package is missing or unusable; nothing was recorded. */
  | { readonly status: 'setup'; readonly problem: SetupProblem }
  /** Upskill itself failed; the output channel has the stack. */
  | { readonly status: 'crashed'; readonly message: string };

/** The last check of an exercise, as every surface shows it. */
export type Checked = CheckedOf<CheckReport>;
type NewCheck = NewCheckOf<CheckReport>;

/** Runs the tools' part of a check: with short steps for a progress indicator ("finding Python…") and, optionally, a signal that cancels it. */
export type CheckWork = <T>(work: (progress: (message: string) => void, signal?: AbortSignal) => Promise<T>) => PromiseLike<T>;

export interface CheckRun {
  /** Called once the exercise's folder is found, before any tool runs (the tools read the files on disk: save them here). */
  readonly prepare?: () => PromiseLike<unknown>;
  /** Wraps the tools' run, e.g. in a cancellable progress notification; a not-started exercise never reaches it. */
  readonly within?: CheckWork;
}

export class CheckService extends DisposableBase {
  private readonly ledger = this.register(new CheckLedger<CheckReport>());
  /**
   * Fires with an exercise id once per change of its results: a check starting, a check
   * ending (its result in place), the result going stale after an edit, the result cleared
   * by a reset. Read `result` and `isRunning`.
   */
  readonly onDidChange: Event<string> = this.ledger.onDidChange;
  private readonly recorded = this.register(new Emitter<Exercise>());
  /** Fires after a check ran to the end and its verdict was recorded (the study timer starts on it). */
  readonly onDidCheck = this.recorded.event;

  constructor(
    private readonly exercises: ExerciseService,
    private readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: () => number = Date.now,
    /** Upskill's own storage: scratch copies and tool caches live here, never in the learner's folder. */
    private readonly storageDir?: string,
    /** Asked before a check runs; without it only the engine's own missing-tool errors stop a run. */
    private readonly environment?: EnvironmentService,
  ) {
    super();
    // One edit listener for every surface: after an edit the results describe the files as they were.
    // A notebook cell's document has the notebook's path.
    this.register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && (e.document.uri.scheme === 'file' || e.document.uri.scheme === 'vscode-notebook-cell') && this.ledger.edited(e.document.uri.fsPath)));
    // A reset exercise's files changed under its results.
    this.register(exercises.onDidReset((exercise) => this.ledger.clear(exercise.id)));
  }

  /** The last check of an exercise, if one ran since it was last reset. */
  result(exerciseId: string): Checked | undefined {
    return this.ledger.get(exerciseId);
  }

  isRunning(exerciseId: string): boolean {
    return this.ledger.isRunning(exerciseId);
  }

  /**
   * Checks an exercise; a second request while one runs joins the first instead of
   * starting another (and its `run` is not used). The folder is looked up once, here.
   */
  check(exercise: Exercise, run: CheckRun = {}): Promise<CheckOutcome> {
    return this.ledger.run(exercise.id, async (record) => {
      const workDir = await this.exercises.startedDir(exercise);
      if (!workDir) return { status: 'notStarted' } as const;
      await run.prepare?.();
      const within: CheckWork = run.within ?? ((work) => work(() => undefined));
      return within((progress, signal) => this.run(exercise, workDir, record, progress, signal));
    });
  }

  private async run(exercise: Exercise, workDir: string, record: (check: NewCheck) => void, progress: (message: string) => void, signal?: AbortSignal): Promise<CheckOutcome> {
    try {
      progress('finding Python…');
      const resource = vscode.Uri.file(workDir);
      const preflight = await this.environment?.preflight(exercise, resource);
      if (preflight?.problem) {
        this.log.warn(`Not checked: ${preflight.problem.message}`);
        return { status: 'setup', problem: preflight.problem };
      }
      // The pre-flight found the interpreter already (from its cache when nothing changed).
      const python = preflight?.python ?? (await findPython(resource));
      const logged: string[] = [];
      this.log.info(`Checking ${exercise.id} in ${workDir} with ${python.path} (Python ${python.version}, from ${python.origin}).`);
      const { formatReport, runChecks } = await checksModule();
      const report = await runChecks({
        exercise,
        workDir,
        python,
        timeoutMs: 1000 * vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.checkTimeoutSeconds, 120),
        signal,
        trusted: exercise.source.trusted || vscode.workspace.isTrusted,
        storageDir: this.storageDir,
        log: (line) => {
          logged.push(line);
          this.log.info(line);
        },
      });
      if (signal?.aborted) {
        this.log.warn(`Check of ${exercise.id} cancelled.`);
        return { status: 'cancelled' };
      }
      for (const line of formatReport(withoutRepeatedFindings(report, logged))) this.log.info(line);
      await this.progress.update(exercise.id, (p) => recordCheck(p, report.passed, this.clock()));
      record({
        report,
        workDir,
        versions: report.python ? (this.environment?.knownVersions(report.python.path) ?? []) : [],
        first: this.progress.get(exercise.id).attempts <= 1,
      });
      this.recorded.fire(exercise);
      return { status: 'checked', report };
    } catch (e) {
      // The engine's bundle threw it, so its class is the one to test against.
      if (e instanceof (await checksModule()).MissingToolError) {
        this.log.error(`${e.message} Searched: ${e.searched.join(', ')}. Nothing was recorded.`);
        // The cached answer said all was there: ask again, so the fix fits what is missing now.
        this.environment?.invalidate();
        const again = await this.environment?.preflight(exercise, vscode.Uri.file(workDir)).catch(() => undefined);
        return { status: 'setup', problem: again?.problem ?? setupFromMissingTool(e) };
      }
      const message = (e as Error).message ?? String(e);
      this.log.error(`Check of ${exercise.id} crashed: ${(e as Error).stack ?? message}`);
      return { status: 'crashed', message };
    }
  }
}

/** The engine's own missing-tool error as a setup problem, with pip for the interpreter it names. */
function setupFromMissingTool(e: MissingToolError): SetupProblem {
  const packages = e.module?.split(' ').filter(Boolean) ?? [];
  const fix: Fix | undefined =
    e.python && packages.length
      ? { title: 'Install with pip', detail: `Installs ${packages.join(' ')} for ${e.python} with pip.`, steps: [{ kind: 'run', argv: [e.python, '-m', 'pip', 'install', ...packages] }] }
      : undefined;
  return { message: `${e.message} This is a setup problem, not your solution: no attempt was recorded.`, fixes: { ...(fix && { fix }), manual: [] } };
}

/**
 * The report without the detail lines that repeat findings already in the output channel
 * (most tools print each finding as they run): the output then lists each finding once.
 */
function withoutRepeatedFindings(report: CheckReport, logged: readonly string[]): CheckReport {
  const text = logged.join('\n');
  const results = report.results.map((r) => (r.findings.length && r.findings.every((f) => text.includes(f.message)) ? { ...r, details: [] } : r));
  return { ...report, results };
}
