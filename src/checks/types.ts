// What running an exercise's checks produces. No VS Code here either: the extension turns
// these into notifications, Problems-panel diagnostics and output-channel text, and the
// content validator (test/curriculum) uses the same engine in plain Node.

import type { CatchBugsOutcome } from '../core/catchBugsOutcome';
import type { CheckType, Exercise } from '../core/model';

export type CheckStatus = 'passed' | 'failed' | 'error' | 'skipped';

/** A finding on one of the learner's lines (mypy, ruff, a workflow rule, a forbidden comment). */
export interface Finding {
  /** Absolute path of the learner's file. */
  readonly file: string;
  /** 1-based; 0 when the tool gave no position. */
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** Tool that found it: "mypy", "ruff", "upskill", "workflow"… */
  readonly source: string;
  /** Rule or error code, e.g. "F401" or "arg-type". */
  readonly code?: string;
  /**
   * For a finding in a notebook (`file` an .ipynb): the cell's index among all its cells, as
   * the notebook editor counts them; `line` and `column` are then within that cell.
   */
  readonly cell?: number;
}

export interface TestCaseResult {
  /** e.g. "test_stats.py::test_mean_of_empty_list" */
  readonly id: string;
  readonly outcome: 'passed' | 'failed' | 'error' | 'skipped';
  /** Assertion message or error, first lines. */
  readonly message?: string;
  /** The full failure text pytest reported (traceback), capped; for telling what a test died of. */
  readonly detail?: string;
  readonly file?: string;
  readonly line?: number;
}

export interface CommandRun {
  /** The exact argv as run, for the output channel. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly exitCode: number | null;
  readonly signal?: string | null;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
  /** Captured output, decoded leniently, capped (see `truncated`). */
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
  /**
   * What the tool and every process it started used, measured by the kernel from outside
   * them (the run's supervisor: wait4 and RUSAGE_CHILDREN), never reported by the tool.
   * Absent where no supervisor ran (not Linux, or no Python to run it).
   */
  readonly usage?: ResourceUsage;
}

export interface ResourceUsage {
  /** User plus system CPU time of the tool and all its descendants. */
  readonly cpuMs: number;
  /** Largest resident set of any one of those processes, in kilobytes. */
  readonly maxRssKb: number;
}

export interface CheckResult {
  readonly type: CheckType;
  readonly title: string;
  readonly status: CheckStatus;
  /** One plain sentence: what was found and what to do next. */
  readonly summary: string;
  /** More lines for the output channel and the result view. */
  readonly details: readonly string[];
  readonly findings: readonly Finding[];
  readonly tests: readonly TestCaseResult[];
  /** Every process the check ran, in order. */
  readonly runs: readonly CommandRun[];
  /** e.g. "ruff 0.x (WebAssembly, bundled)" or "/usr/bin/python3 -m mypy". */
  readonly tool?: string;
  readonly durationMs: number;
  /** tests-catch-bugs, once the tests ran against the seeded bugs: which were caught and missed. */
  readonly catchBugs?: CatchBugsOutcome;
}

export interface CheckReport {
  readonly exerciseId: string;
  readonly passed: boolean;
  readonly results: readonly CheckResult[];
  readonly python?: PythonInfo;
  readonly startedAt: number;
  readonly durationMs: number;
}

/** An interpreter to try, and how it was chosen (the same words end up in PythonInfo.origin). */
export interface InterpreterCandidate {
  readonly path: string;
  readonly origin: string;
}

export interface PythonInfo {
  /** Absolute path of the interpreter that ran. */
  readonly path: string;
  readonly version: string;
  /** How it was chosen: "setting upskill.pythonPath", "Python extension", "PATH (python3)". */
  readonly origin: string;
}

/** Raised when the interpreter or a module it needs is missing; the UI offers an install. */
export class MissingToolError extends Error {
  constructor(
    message: string,
    /** Interpreter(s) searched, for the message. */
    readonly searched: readonly string[],
    /** `python -m pip install <module>` is offered when set. */
    readonly python?: string,
    /** What pip installs: one name, or several separated by spaces (an exercise's missing `requires`). */
    readonly module?: string,
  ) {
    super(message);
    this.name = 'MissingToolError';
  }
}

export interface CheckContext {
  readonly exercise: Exercise;
  /** The learner's folder for this exercise (scaffold) or the workspace folder (project). */
  readonly workDir: string;
  readonly python: PythonInfo;
  /** The time budget of the whole check run, all commands together. */
  readonly timeoutMs: number;
  /** When the budget runs out (ms since the epoch); set by the engine from `timeoutMs`. */
  readonly deadline?: number;
  /**
   * Upskill's own storage (the extension's global storage folder): tool caches live here,
   * one folder per exercise, never in the learner's folder. Default: a folder in the OS temp dir.
   */
  readonly storageDir?: string;
  /**
   * The learner's own folder when `workDir` is the scratch copy a check runs in. Runners read
   * and run only in `workDir`; this is for messages and for the few reads a scratch copy
   * cannot answer (for example, whether the learner's folder sits inside another repository).
   */
  readonly learnerDir?: string;
  readonly signal?: AbortSignal;
  /** Receives every line meant for the output channel (commands, tool output). */
  readonly log: (line: string) => void;
  /** False for workspace content in Restricted Mode: `command` checks are refused. */
  readonly trusted: boolean;
  /**
   * Stop after the first check that fails, leaving the rest unrun. For a caller that needs
   * only to know that the work is refused (the content validator's starters and cheats),
   * never for a learner, who is shown every check.
   */
  readonly stopAtFirstFailure?: boolean;
}
