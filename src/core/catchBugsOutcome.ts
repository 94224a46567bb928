// What a tests-catch-bugs check found, as data: which seeded bugs the learner's tests caught
// (and with which tests) and which they missed. The check (src/checks/catchBugs.ts) fills it
// in; the Exercise view counts and names bugs from it, so no sentence is parsed back.
// Types only: the webview bundle reads it through exercisePanelModel.ts.

export interface CaughtBug {
  /** The bug's `id:` in the YAML, or its file's name without `.py`. */
  readonly id: string;
  readonly description: string;
  /** The tests that caught it, by function name (parameters included). */
  readonly by: readonly string[];
}

export interface MissedBug {
  readonly id: string;
  readonly description: string;
  /** Tests that failed on it, but not in a way that counts (an error of the test's own, an exit). */
  readonly failedOtherwise: readonly string[];
}

export interface CatchBugsOutcome {
  /** In the order of the YAML's `bugs:`. */
  readonly caught: readonly CaughtBug[];
  readonly missed: readonly MissedBug[];
}
