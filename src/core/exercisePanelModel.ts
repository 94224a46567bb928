// The Exercise view's model types, shared by the host and the webview (through
// src/webview/exerciseProtocol.ts), so this file imports nothing that needs Node.
// core/exercisePanel.ts builds them.

import type { CatchBugsOutcome } from './catchBugsOutcome';
import type { Difficulty } from './model';
import type { ExerciseState } from './progress';

// ---- What the panel reads of a check report -----------------------------------------------

export type PanelStatus = 'passed' | 'failed' | 'error' | 'skipped';

export interface PanelFindingInput {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly source: string;
  readonly code?: string;
  /** The notebook cell (0-based, as the notebook editor counts) when `file` is a notebook. */
  readonly cell?: number;
}

export interface PanelTestInput {
  readonly id: string;
  readonly outcome: 'passed' | 'failed' | 'error' | 'skipped';
  readonly message?: string;
  readonly file?: string;
  readonly line?: number;
}

/** A process a check ran (a CommandRun from src/checks fits). */
export interface PanelRunInput {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly exitCode: number | null;
  readonly signal?: string | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
}

export interface PanelResultInput {
  readonly type: string;
  readonly runs?: readonly PanelRunInput[];
  /** e.g. "ruff 0.x (WebAssembly, bundled)". */
  readonly tool?: string;
  readonly title: string;
  readonly status: PanelStatus;
  readonly summary: string;
  readonly details: readonly string[];
  readonly findings: readonly PanelFindingInput[];
  readonly tests: readonly PanelTestInput[];
  /** tests-catch-bugs: the bugs caught and missed, when the tests ran against them. */
  readonly catchBugs?: CatchBugsOutcome;
}

export interface PanelReportInput {
  readonly passed: boolean;
  readonly python?: { readonly path: string; readonly version: string; readonly origin: string };
  readonly results: readonly PanelResultInput[];
}

// ---- What the panel shows ------------------------------------------------------------------

export interface FindingLine {
  /** Stable within one model: the webview sends it back to open the place. */
  readonly key: string;
  /** "metrics.py:12:5", relative to the exercise folder. */
  readonly where: string;
  readonly text: string;
  /** One sentence in plain words, when the help table has one. */
  readonly help?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface CheckLine {
  readonly title: string;
  readonly status: PanelStatus;
  /** Short: "14 type problems (was 23)", "passed", or the check's own sentence. */
  readonly text: string;
  /** Findings and failing tests in the files the learner works on, first ones only. */
  readonly findings: readonly FindingLine[];
  /** How many more there are than listed (they are all in the Problems panel). */
  readonly more: number;
  /** Findings in files the learner is not asked to edit, listed after the rest. */
  readonly elsewhere: readonly FindingLine[];
  /** The next seeded bug the learner's tests miss: one at a time, not all of them. */
  readonly nextBug?: string;
}

/** "How was this checked?": enough to run the same commands by hand. */
export interface HowChecked {
  /** "/home/ada/.venv/bin/python (Python 3.11.4, from Python extension)". */
  readonly interpreter?: string;
  /** "pytest 8.3.4", "mypy 1.13.0": what the interpreter had when last asked. */
  readonly versions: readonly string[];
  readonly checks: readonly { readonly title: string; readonly tool?: string; readonly commands: readonly { readonly line: string; readonly cwd: string; readonly outcome: string }[] }[];
}

export interface ResultModel {
  readonly passed: boolean;
  readonly how?: HowChecked;
  readonly checks: readonly CheckLine[];
  /** Files were edited since this check ran. */
  readonly stale: boolean;
  /** Set on the first check: the files the learner is meant to change. */
  readonly filesToChange?: readonly string[];
}

export interface ExerciseHeader {
  readonly id: string;
  readonly title: string;
  /** Why it matters, in a sentence or two: shown first, under the title. */
  readonly why?: string;
  readonly skill: string;
  readonly difficulty: Difficulty;
  readonly minutes?: number;
  readonly state: ExerciseState;
  readonly stateLabel: string;
  /** Started exercises have a folder: Check, Reset and the terminal make sense. */
  readonly started: boolean;
  /** Being started: its files are being copied, and Start would only start it again. */
  readonly starting: boolean;
  readonly hasSolution: boolean;
}

export interface ExercisePanelModel {
  readonly exercise: ExerciseHeader;
  /** Rendered by the host (VS Code's Markdown renderer); the webview sanitises it again. */
  readonly instructionsHtml: string;
  readonly hints: { readonly total: number; readonly shownHtml: readonly string[] };
  readonly result?: ResultModel;
  readonly checking: boolean;
  /** After the third manual check, with check-on-save off. */
  readonly suggestCheckOnSave: boolean;
}
