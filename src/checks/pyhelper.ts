// Questions about the learner's Python that only Python answers well: comments found by
// its tokenizer (so prose in a string never looks like a suppression), syntax trees
// compared with its `ast` module, notebooks and TOML parsed by its own parsers. The helper
// (resources/python/upskill_helper.py) runs with the learner's interpreter, reads one JSON
// request on stdin and prints one JSON answer, so a check costs one interpreter start
// however many files it asks about. The answer comes from another program, run by an
// interpreter we do not control: its shape is checked (ANSWERS) before a check reads it.

import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import HELPER from '../../resources/python/upskill_helper.py';
import { describeEnd, runProcess, timeLeft } from './process';
import { type Shape, type ShapeOf, arrayOf, bool, num, objectOf, recordOf, str, unknownValue } from './shape';
import type { CheckContext, CommandRun, Finding } from './types';

/** The helper's source, for the content validator, which asks it directly. */
export { HELPER };

/** What each helper command answers; a check reads only an answer that has this shape. */
const ANSWERS = {
  suppressions: arrayOf(
    objectOf({
      file: str,
      line: num,
      column: num,
      /** "noqa", "ruff: noqa", "fmt: off", "type: ignore", "mypy:", "no_type_check", "unreadable"… */
      kind: str,
      text: str,
    }),
  ),
  /** Per learner file: the same syntax tree as the reference, or why it could not be compared. */
  same_ast: arrayOf(objectOf({ file: str, same: bool }, { error: str })),
  /** Code cells (1-based) that import the module at the top level or only inside a block, names the module defines that the notebook still defines, cells that are not Python. */
  notebook: objectOf({ imports: arrayOf(num), nestedImports: arrayOf(num), leftovers: arrayOf(str), errors: arrayOf(str), moduleDefs: arrayOf(str) }),
  /** The keys asked for that the file lacks and the values of those it has; or why it could not be read; or that an optional file is absent. */
  toml: objectOf({}, { error: str, missing: arrayOf(str), found: recordOf(unknownValue), absent: bool }),
  /** How far a seeded bug is from the reference (the content validator asks). */
  ast_diff: objectOf({ sites: num, nodes: num, sameDocstrings: bool }),
} satisfies Record<string, Shape<unknown>>;

export type HelperCommand = keyof typeof ANSWERS;
export type HelperAnswer<C extends HelperCommand> = ShapeOf<(typeof ANSWERS)[C]>;
export type Suppression = HelperAnswer<'suppressions'>[number];

/** The helper's printed answer to `command`, checked against its shape; throws naming where it differs. */
export function readAnswer<C extends HelperCommand>(command: C, stdout: string): HelperAnswer<C> {
  const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '') as unknown;
  const result = typeof parsed === 'object' && parsed !== null && 'result' in parsed ? parsed.result : undefined;
  return ANSWERS[command](result, 'result') as HelperAnswer<C>;
}

/** Runs one helper command with the learner's interpreter; throws with what ran if it fails or answers in another shape. */
export async function askPython<C extends HelperCommand>(ctx: CheckContext, command: C, request: Record<string, unknown>, runs?: CommandRun[]): Promise<HelperAnswer<C>> {
  const run = await runProcess([ctx.python.path, '-I', '-c', HELPER], {
    cwd: ctx.workDir,
    timeoutMs: timeLeft(ctx),
    signal: ctx.signal,
    input: JSON.stringify({ command, ...request }),
  });
  runs?.push(run);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) throw new Error(`Upskill's Python helper (${command}) did not finish: ${ended}`);
  let answer: HelperAnswer<C>;
  try {
    answer = readAnswer(command, run.stdout);
  } catch (e) {
    const why = e instanceof SyntaxError ? (run.stderr.trim().split('\n').slice(-1)[0] ?? `exit code ${run.exitCode}`) : (e as Error).message;
    throw new Error(`Upskill's Python helper (${command}) failed with ${ctx.python.path}: ${why}`);
  }
  return answer;
}

/** Answers for files whose bytes are unchanged since they were asked about (a repeat check), by interpreter, paths and content. */
const suppressionAnswers = new Map<string, Suppression[]>();
const SUPPRESSION_ANSWERS_KEPT = 32;

/**
 * Suppression comments and `@no_type_check` in these files, found by Python's tokenizer and
 * ast. The answer depends on the files' bytes alone, so a repeat check of unchanged files
 * reuses it instead of starting the interpreter again.
 */
export async function findSuppressions(ctx: CheckContext, files: readonly string[], runs?: CommandRun[]): Promise<Suppression[]> {
  if (!files.length) return [];
  let key: string | undefined;
  try {
    const hash = createHash('sha256').update(ctx.python.path);
    for (const f of files) hash.update(`\0${f}\0`).update(await fs.readFile(f));
    key = hash.digest('hex');
  } catch {
    key = undefined; // a file that cannot be read here: the helper says why
  }
  const known = key === undefined ? undefined : suppressionAnswers.get(key);
  if (known) {
    ctx.log('  suppressions: the files are unchanged since the last check; its answer is reused');
    return known;
  }
  const answer = await askPython(ctx, 'suppressions', { files }, runs);
  if (key !== undefined) {
    suppressionAnswers.delete(key);
    suppressionAnswers.set(key, answer);
    if (suppressionAnswers.size > SUPPRESSION_ANSWERS_KEPT) suppressionAnswers.delete(suppressionAnswers.keys().next().value!);
  }
  return answer;
}

const WHY: Record<string, string> = {
  noqa: 'This exercise does not allow "# noqa": fix the finding instead of silencing Ruff.',
  'ruff: noqa': 'This exercise does not allow file-level "# ruff: noqa" or "# flake8: noqa": fix the findings instead of silencing Ruff.',
  'ruff: disable': 'This exercise does not allow "# ruff: disable": fix the findings instead of silencing Ruff.',
  'fmt: off': 'This exercise does not allow "# fmt: off" or "# fmt: skip": let the formatter format every line.',
  'yapf: disable': 'This exercise does not allow formatter suppressions: let the formatter format every line.',
  'isort: skip': 'This exercise does not allow "# isort: skip": sort the imports instead.',
  'type: ignore': 'This exercise does not allow "# type: ignore": fix the type instead of silencing mypy.',
  'pyright: ignore': 'This exercise does not allow type-checker suppressions: fix the type instead.',
  'mypy:': 'Inline "# mypy:" directives are not allowed: the exercise decides how mypy runs. Remove the comment.',
  no_type_check: '@no_type_check is not allowed: mypy would skip the function. Annotate it instead.',
  unreadable: 'Python could not read this file',
};

/** A suppression as a finding on the learner's line. */
export function suppressionFinding(s: Suppression): Finding {
  const message = s.kind === 'unreadable' ? `${WHY.unreadable}: ${s.text}` : (WHY[s.kind] ?? `"${s.text}" is not allowed in this exercise.`);
  return { file: s.file, line: s.line, column: s.column, severity: 'error', message, source: 'upskill', code: `no-${s.kind.replace(/[^a-z_]+/gi, '-').replace(/-+$/, '')}` };
}
