// Tests that carry their own copy of the code under test. A frozen copy used as the oracle
// ("the module must do what my copy does", by comparing results or bytecode) fails on every
// seeded bug without testing any behaviour, so tests-catch-bugs refuses it, and says why.
//
// Found by likeness of code, not by name: Python's own parser reads every file the learner
// added or changed (tests, helper modules, subfolders, conftest files, text files, notebook
// cells, and code in string literals, plain or compressed and base64/hex encoded, as a
// test would exec it). Every subtree is reduced to its shape: node types only, with names,
// constants, docstrings and annotations erased, so renaming and new constants change
// nothing. A function of the module counts as copied when most of its nodes sit in
// subtrees whose shape the file also holds, wherever in the file and in whatever order.
// Small subtrees (a call of a name, `a + b`) and small functions never count, so an honest
// test with a little helper, or an expected value worked out by a formula, is not refused.
//
// The helper only parses: no learner code runs.

import LIKENESS_PY from '../../resources/python/upskill_likeness.py';
import { describeEnd, runProcess, timeLeft } from './process';
import type { CheckContext, CommandRun } from './types';

/** Share of a function's nodes, and at least this many nodes, that make a copy of it. */
export const COPY_OF_FUNCTION = { share: 0.75, minNodes: 30 } as const;
/** Share of the whole module's function nodes (and at least this many) that make a copy of the module. */
export const COPY_OF_MODULE = { share: 0.5, minNodes: 30 } as const;

/** The helper's source (resources/python/upskill_likeness.py). */
export { LIKENESS_PY };

export interface FunctionLikeness {
  /** Qualified name in the module: "min_max_scale", "ModelCache.get". */
  readonly name: string;
  /** Nodes of the function (docstring aside) inside subtrees whose shape the file holds. */
  readonly covered: number;
  readonly total: number;
  /** A line of the file where the copy is, 0 when none. */
  readonly line: number;
}

export interface FileLikeness {
  readonly file: string;
  readonly functions: readonly FunctionLikeness[];
}

/** A file that holds a copy of the code under test, and of which functions. */
export interface Copy {
  readonly file: string;
  readonly line: number;
  /** The functions copied, most copied first; empty when only the module as a whole is. */
  readonly functions: readonly { readonly name: string; readonly share: number }[];
  /** Share of all the module's function nodes the file holds. */
  readonly moduleShare: number;
}

function isLikeness(x: unknown): x is FileLikeness[] {
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  return (
    Array.isArray(x) &&
    x.every(
      (f: { file?: unknown; functions?: unknown }) =>
        typeof f?.file === 'string' &&
        Array.isArray(f.functions) &&
        f.functions.every((g: Partial<Record<keyof FunctionLikeness, unknown>>) => typeof g?.name === 'string' && num(g.covered) && num(g.total) && num(g.line)),
    )
  );
}

/** Which candidate files hold a copy: by the thresholds above. */
export function copiesIn(likeness: readonly FileLikeness[]): Copy[] {
  const out: Copy[] = [];
  for (const f of likeness) {
    const total = f.functions.reduce((n, g) => n + g.total, 0);
    const inside = f.functions.reduce((n, g) => n + g.covered, 0);
    const moduleShare = total ? inside / total : 0;
    const copied = f.functions
      .filter((g) => g.total >= COPY_OF_FUNCTION.minNodes && g.covered >= COPY_OF_FUNCTION.share * g.total)
      .map((g) => ({ name: g.name, share: g.covered / g.total, line: g.line }))
      .sort((a, b) => b.share - a.share);
    const wholeModule = inside >= COPY_OF_MODULE.minNodes && moduleShare >= COPY_OF_MODULE.share;
    if (!copied.length && !wholeModule) continue;
    const line = copied[0]?.line || [...f.functions].sort((a, b) => b.covered - a.covered)[0]?.line || 0;
    out.push({ file: f.file, line, functions: copied.map(({ name, share }) => ({ name, share })), moduleShare });
  }
  return out;
}

/**
 * How much of each function of `modules` each candidate file holds, by shape. One run of
 * the learner's interpreter (isolated mode: it parses files, it imports none of them).
 */
export async function likenessOf(ctx: CheckContext, modules: readonly string[], candidates: readonly string[], runs?: CommandRun[]): Promise<FileLikeness[]> {
  if (!candidates.length || !modules.length) return [];
  const run = await runProcess([ctx.python.path, '-I', '-c', LIKENESS_PY], {
    cwd: ctx.workDir,
    timeoutMs: timeLeft(ctx),
    signal: ctx.signal,
    input: JSON.stringify({ modules, candidates }),
  });
  runs?.push(run);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) throw new Error(`Upskill's code-likeness helper did not finish: ${ended}`);
  let answer: unknown;
  try {
    answer = (JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { result?: unknown }).result;
  } catch {
    throw new Error(`Upskill's code-likeness helper failed with ${ctx.python.path}: ${run.stderr.trim().split('\n').slice(-1)[0] || `exit code ${run.exitCode}`}`);
  }
  if (!isLikeness(answer)) throw new Error(`Upskill's code-likeness helper answered something unexpected with ${ctx.python.path}.`);
  return answer;
}
