// Runs an exercise's checks with the learner's Python, writes the full story to the output
// channel, records the verdict in progress and fires `onDidCheck`. What the learner sees
// (progress, diagnostics, notifications, the install terminal) is src/views/checkResults.ts.
//
// A setup problem (no interpreter starts, one too old, a tool or package missing) is found
// before any check runs, from the environment's cached answer, and is never a verdict: it
// comes back as `setup` with its fix, and no attempt is recorded.

import * as vscode from 'vscode';
import type { CheckReport, MissingToolError } from '../checks/types';
import { Settings } from '../constants';
import type { Fix } from '../core/environment';
import { Emitter } from '../core/events';
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

export interface CheckRun {
  readonly signal?: AbortSignal;
  /** Short steps for a progress indicator, e.g. "finding Python…". */
  readonly progress?: (message: string) => void;
}

export interface Checked {
  readonly exercise: Exercise;
  readonly report: CheckReport;
}

export class CheckService extends DisposableBase {
  private readonly running = new Map<string, Promise<CheckOutcome>>();
  private readonly checked = this.register(new Emitter<Checked>());
  /** Fires after a check ran to the end and its verdict was recorded. */
  readonly onDidCheck = this.checked.event;
  private readonly runningChanged = this.register(new Emitter<Exercise>());
  /** Fires when a check of the exercise starts or ends (see `isRunning`). */
  readonly onDidChangeRunning = this.runningChanged.event;

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
  }

  isRunning(exerciseId: string): boolean {
    return this.running.has(exerciseId);
  }

  /** Checks an exercise; a second request while one runs joins the first instead of starting another. */
  check(exercise: Exercise, run: CheckRun = {}): Promise<CheckOutcome> {
    const inFlight = this.running.get(exercise.id);
    if (inFlight) return inFlight;
    const outcome = this.run(exercise, run).finally(() => {
      this.running.delete(exercise.id);
      this.runningChanged.fire(exercise);
    });
    this.running.set(exercise.id, outcome);
    this.runningChanged.fire(exercise);
    return outcome;
  }

  private async run(exercise: Exercise, { signal, progress }: CheckRun): Promise<CheckOutcome> {
    const workDir = await this.exercises.startedDir(exercise);
    if (!workDir) return { status: 'notStarted' };
    try {
      progress?.('finding Python…');
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
      this.checked.fire({ exercise, report });
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
