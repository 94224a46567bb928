// What the Exercise view shows, as plain data: the exercise, its instructions and the
// hints revealed so far (rendered to HTML by the host), and the last check as one line per
// check compared with the attempt before ("14 type problems (was 23)"), with the findings
// under it, plain-language help for each, and the findings in files the learner is not
// asked to edit grouped after the rest. Pure and serialisable: unit-tested, posted as is.
//
// It reads reports through the small structural types below (a CheckReport from src/checks
// fits them), because core imports nothing else in src/.

import * as path from 'path';
import { shellQuote } from './environment';
import { helpFor } from './findingHelp';
import { cellPlace } from './notebookCells';
import type {
  ExerciseHeader,
  FindingLine,
  HowChecked,
  PanelReportInput,
  PanelResultInput,
  PanelTestInput,
  PanelFindingInput,
  ResultModel,
} from './exercisePanelModel';
import type { CheckSpec, Exercise } from './model';
import { type ExerciseState, STATE_LABEL } from './progress';

/** Findings listed per check before "N more in the Problems panel". */
export const MAX_FINDINGS = 8;

/** What a count means per check type; checks not listed speak through their own sentence. */
const COUNTED: Readonly<Partial<Record<CheckSpec['type'], readonly [string, string]>>> = {
  mypy: ['type problem', 'type problems'],
  'ruff-lint': ['lint problem', 'lint problems'],
  'ruff-format': ['file to reformat', 'files to reformat'],
  pytest: ['failing test', 'failing tests'],
  'no-network': ['failing test', 'failing tests'],
  structure: ['problem', 'problems'],
  workflow: ['workflow problem', 'workflow problems'],
};

export interface ResultContext {
  /** The learner's folder; locations are shown relative to it. */
  readonly workDir: string;
  /** The exercise's checks, in the order the report's results follow. */
  readonly checks: readonly CheckSpec[];
  /** Files the learner is meant to change, relative to workDir. */
  readonly filesToChange: readonly string[];
  /** Files the exercise provides (its starter), relative to workDir. */
  readonly provided: readonly string[];
  readonly stale: boolean;
  /** This was the exercise's first check. */
  readonly first: boolean;
  /** Tool versions of the interpreter that ran, as last asked ("pytest 8.3.4"). */
  readonly versions?: readonly string[];
}

/** The last check as the panel lists it, compared with the one before (if any). */
export function resultModel(report: PanelReportInput, previous: PanelReportInput | undefined, ctx: ResultContext): ResultModel {
  const notToEdit = new Set(ctx.provided.filter((f) => !ctx.filesToChange.includes(f)).map(norm));
  const checks = report.results.map((r, i) => {
    const spec = ctx.checks[i];
    const before = previous?.results[i]?.type === r.type ? previous.results[i] : undefined;
    const rel = (file: string) => norm(path.relative(ctx.workDir, file));
    // A finding in a file the learner is not meant to edit is listed apart; failing tests stay
    // with the learner's work, since they fail because of it.
    const findings = r.findings.map((f, j) => ({ line: findingLine(`${i}:f${j}`, f, rel(f.file)), apart: notToEdit.has(rel(f.file)) }));
    const elsewhere = findings.filter((f) => f.apart).map((f) => f.line);
    const mine = [...findings.filter((f) => !f.apart).map((f) => f.line), ...failedTests(r).map((t, j) => testLine(`${i}:t${j}`, t, rel))];
    const missed = r.catchBugs?.missed ?? [];
    return {
      title: r.title,
      status: r.status,
      text: lineText(r, before, spec),
      findings: mine.slice(0, MAX_FINDINGS),
      more: Math.max(0, mine.length - MAX_FINDINGS),
      elsewhere: elsewhere.slice(0, MAX_FINDINGS),
      ...(r.status !== 'passed' && missed.length > 0 && { nextBug: missed[0].description }),
    };
  });
  return { passed: report.passed, checks, stale: ctx.stale, ...(ctx.first && { filesToChange: ctx.filesToChange }), how: howChecked(report, ctx.versions ?? []) };
}

/** The interpreter, the tool versions and every command each check ran, as a shell would take them. */
export function howChecked(report: PanelReportInput, versions: readonly string[]): HowChecked {
  const p = report.python;
  return {
    ...(p && { interpreter: `${p.path} (Python ${p.version}, from ${p.origin})` }),
    versions,
    checks: report.results.map((r) => ({
      title: r.title,
      ...(r.tool && { tool: r.tool }),
      commands: (r.runs ?? []).map((run) => ({
        line: run.argv.map(shellQuote).join(' '),
        cwd: run.cwd,
        outcome: run.timedOut ? `timed out after ${run.durationMs} ms` : `exit ${run.exitCode ?? run.signal}, ${run.durationMs} ms`,
      })),
    })),
  };
}

function lineText(r: PanelResultInput, before: PanelResultInput | undefined, spec: CheckSpec | undefined): string {
  if (r.status === 'error' || r.status === 'skipped') return r.summary;
  if (r.type === 'tests-catch-bugs') {
    // Refused before the bugs ran (failing on correct code, a copy of the code): its own sentence says why.
    if (!r.catchBugs || (r.status !== 'passed' && !r.catchBugs.missed.length)) return r.summary;
    const total = r.catchBugs.caught.length + r.catchBugs.missed.length;
    // A count from before the exercise's bugs changed (an update of the content) compares nothing.
    const sameBugs = (x: PanelResultInput) => spec?.type !== 'tests-catch-bugs' || spec.bugs.length === (x.catchBugs?.caught.length ?? 0) + (x.catchBugs?.missed.length ?? 0);
    const prev = before?.catchBugs && sameBugs(r) && sameBugs(before) ? before.catchBugs.caught.length : undefined;
    return `${r.catchBugs.caught.length} of ${total} seeded bugs caught${was(r.catchBugs.caught.length, prev)}`;
  }
  // A notebook is formatted cell by cell: its findings are cells, not files.
  const cells = r.type === 'ruff-format' && r.findings.length > 0 && r.findings.every((f) => f.cell !== undefined);
  const unit = cells ? (['notebook cell to reformat', 'notebook cells to reformat'] as const) : COUNTED[r.type as CheckSpec['type']];
  if (!unit) return r.status === 'passed' ? 'passed' : r.summary;
  const n = countOf(r);
  const prev = before && before.status !== 'error' ? countOf(before) : undefined;
  if (r.status === 'passed' && n === 0) return prev ? `passed (was ${prev} ${prev === 1 ? unit[0] : unit[1]})` : 'passed';
  if (n === 0) return r.summary;
  return `${n} ${n === 1 ? unit[0] : unit[1]}${was(n, prev)}`;
}

function was(n: number, prev: number | undefined): string {
  if (prev === undefined) return '';
  return prev === n ? ' (same as before)' : ` (was ${prev})`;
}

function countOf(r: PanelResultInput): number {
  return r.findings.length + failedTests(r).length;
}

function failedTests(r: PanelResultInput): PanelTestInput[] {
  return r.tests.filter((t) => t.outcome === 'failed' || t.outcome === 'error');
}

function findingLine(key: string, f: PanelFindingInput, rel: string): FindingLine {
  const help = helpFor(f);
  return {
    key,
    // In a notebook a line number means nothing without its cell: "analysis.ipynb cell 3, line 7".
    where: f.cell !== undefined ? `${rel} ${cellPlace(f.cell, f.line || 1)}` : f.line ? `${rel}:${f.line}${f.column ? `:${f.column}` : ''}` : rel,
    text: f.code ? `${f.message} [${f.code}]` : f.message,
    ...(help && { help }),
    file: f.file,
    line: f.line,
    column: f.column,
  };
}

function testLine(key: string, t: PanelTestInput, rel: (file: string) => string): FindingLine {
  const message = t.message?.split('\n')[0]?.trim();
  const help = message ? helpFor({ source: 'pytest', message }) : undefined;
  const name = t.id.split('::').pop() ?? t.id;
  return {
    key,
    where: t.file ? `${rel(t.file)}${t.line ? `:${t.line}` : ''}` : '',
    text: message ? `${name} failed: ${message}` : `${name} failed`,
    ...(help && { help }),
    file: t.file ?? '',
    line: t.line ?? 0,
    column: 1,
  };
}

function norm(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The files a learner is meant to change: the exercise's main file, and for exercises about
 * writing tests, the test files too. Everything else the starter provides is support.
 */
export function filesToChange(exercise: Pick<Exercise, 'main' | 'checks'>, provided: readonly string[]): string[] {
  const out = new Set<string>();
  if (exercise.main) out.add(norm(path.normalize(exercise.main)));
  if (exercise.checks.some((c) => c.type === 'tests-catch-bugs')) for (const f of provided) if (/(^|\/)test_[^/]*\.py$/.test(norm(f))) out.add(norm(f));
  if (!out.size) for (const f of provided) out.add(norm(f));
  return [...out];
}

export interface HeaderInput {
  readonly exercise: Exercise;
  readonly skillTitle: string;
  readonly state: ExerciseState;
  readonly started: boolean;
  /** Start was asked for and has not finished. */
  readonly starting?: boolean;
}

export function exerciseHeader({ exercise, skillTitle, state, started, starting = false }: HeaderInput): ExerciseHeader {
  return {
    id: exercise.id,
    title: exercise.title,
    ...(exercise.why?.trim() && { why: exercise.why.trim().replace(/\s+/g, ' ') }),
    skill: skillTitle,
    difficulty: exercise.difficulty,
    ...(exercise.minutes !== undefined && { minutes: exercise.minutes }),
    state,
    stateLabel: STATE_LABEL[state],
    started,
    starting: starting && !started,
    hasSolution: exercise.solution !== undefined,
  };
}

/** The check-on-save tip: after the third check, while it is off. */
export function suggestCheckOnSave(attempts: number, checkOnSave: boolean): boolean {
  return !checkOnSave && attempts >= 3;
}
