// tests-catch-bugs: the learner's tests run against the reference implementation, the same
// code with its source hidden, further correct implementations written differently (so a
// test that pins the code's shape, a bytecode or syntax-tree fingerprint, fails), and each
// seeded bug; a bug counts as caught only by a real failure (see `catches`). Before any of
// that, a folder that carries its own copy of the code under test is refused (likeness.ts).
// The outcome is data (`catchBugs` on the result): the bugs caught, by which tests, and missed.

import { deflateSync } from 'zlib';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { CatchBugsOutcome, CaughtBug, MissedBug } from '../core/catchBugsOutcome';
import { type CatchBugsCheck, bugId } from '../core/model';
import { inside } from '../core/paths';
import { describeEnd } from './process';
import { prepareCopy, verdict } from './pytest';
import { type PytestRun, runPytest } from './pytestRun';
import { type Copy, copiesIn, likenessOf } from './likeness';
import { listNames, result } from './result';
import { filesUnder, writeFresh } from './scratch';
import { raisedUnder } from './traceback';
import type { CheckContext, CheckResult, CommandRun, Finding, TestCaseResult } from './types';

/** A module that runs `source` without containing its text (compressed), so only behaviour can be tested. */
export function hiddenSource(source: Buffer, module: string): string {
  const packed = deflateSync(source).toString('base64');
  return `import base64 as _b, zlib as _z\nexec(compile(_z.decompress(_b.b64decode(${JSON.stringify(packed)})), ${JSON.stringify(`<${path.basename(module)}, source hidden by Upskill>`)}, "exec"))\n`;
}

/** What a failed test died of: the last `file:line: Exception` line pytest's long traceback ends with. */
export function crashOf(message: string | undefined): { file: string; line: number; type: string } | undefined {
  const m = /^(.+?):(\d+): ([\w.]+)\s*$/gm;
  let last: RegExpExecArray | null = null;
  for (let x = m.exec(message ?? ''); x; x = m.exec(message ?? '')) last = x;
  return last ? { file: last[1], line: Number(last[2]), type: last[3] } : undefined;
}

/**
 * A seeded bug counts as caught only by a test that failed (not a collection or setup
 * error) with an assertion, with pytest.raises not seeing its exception, or with an
 * exception raised in the module under test or in something it called (an autospec mock
 * refusing the call, say: see traceback.ts). SystemExit and the like never count.
 */
export function catches(t: TestCaseResult, module: string): boolean {
  if (t.outcome !== 'failed') return false;
  const crash = crashOf(t.detail);
  if (!crash) return false;
  const type = crash.type.split('.').pop()!;
  if (['SystemExit', 'KeyboardInterrupt', 'GeneratorExit', 'Exit', 'Skipped'].includes(type)) return false;
  if (type === 'AssertionError') return true;
  if (type === 'Failed') return /DID NOT RAISE|DID NOT WARN/.test(t.detail ?? '');
  return path.basename(crash.file) === path.basename(module) || raisedUnder(t.detail ?? '', module);
}

/**
 * Removes the exercise's hidden tests (revealed to the learner after a first check) from the
 * copy: this check measures the learner's tests, and the exercise's own would otherwise
 * catch the seeded bugs for them. Returns what it removed, to put back for the checks after.
 */
async function removeExerciseTests(ctx: CheckContext): Promise<Map<string, Buffer>> {
  const removed = new Map<string, Buffer>();
  for (const c of ctx.exercise.checks) {
    if (c.type !== 'pytest' || c.hiddenTests === undefined) continue;
    for (const rel of await filesUnder(inside(ctx.exercise.dir, c.hiddenTests, 'hiddenTests'))) {
      const abs = inside(ctx.workDir, rel, 'hidden test');
      const text = await fs.readFile(abs).catch(() => undefined);
      if (text === undefined) continue;
      await fs.rm(abs, { force: true });
      removed.set(rel, text);
    }
  }
  return removed;
}

/**
 * Files in the copy that the learner added or changed: every file but the module under
 * test and the exercise's own files as shipped. A copy of the code can hide in any of them.
 */
async function learnerFiles(ctx: CheckContext, module: string): Promise<string[]> {
  const ex = ctx.exercise;
  const out: string[] = [];
  for (const rel of await filesUnder(ctx.workDir)) {
    const abs = path.join(ctx.workDir, rel);
    if (abs === module) continue;
    if (ex.starter !== undefined) {
      const shipped = await fs.readFile(path.join(ex.dir, ex.starter, rel)).catch(() => undefined);
      if (shipped && shipped.equals(await fs.readFile(abs))) continue;
    }
    out.push(abs);
  }
  return out;
}

function copyMessage(copies: readonly Copy[], ctx: CheckContext, module: string): { summary: string; findings: Finding[] } {
  const rel = (f: string) => path.relative(ctx.workDir, f).split(path.sep).join('/');
  const what = (c: Copy) =>
    c.functions.length
      ? `${listNames(c.functions.map((f) => `${f.name} (${Math.round(f.share * 100)}%)`))}`
      : `${Math.round(c.moduleShare * 100)}% of its functions`;
  const first = copies[0];
  const summary =
    `Your folder carries its own copy of the code under test: ${rel(first.file)}${first.line ? `:${first.line}` : ''} holds the code of ${what(first)} from ${module}` +
    `${copies.length > 1 ? `, and ${listNames(copies.slice(1).map((c) => rel(c.file)))} too` : ''} (names and constants aside). ` +
    'Tests that compare the module with a copy of itself, or with its fingerprint, fail on any change, so they say nothing about what the code does: ' +
    'remove the copy, call the code with inputs you choose and assert the results you work out yourself.';
  const findings = copies.map(
    (c): Finding => ({
      file: c.file,
      line: c.line,
      column: 1,
      severity: 'error',
      message: `A copy of the code under test (${what(c)} of ${module}): test its behaviour instead.`,
      source: 'upskill',
      code: 'copy-of-code-under-test',
    }),
  );
  return { summary, findings };
}

export async function checkCatchBugs(spec: CatchBugsCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const runs: CommandRun[] = [];
  const tool = `${ctx.python.path} -m pytest`;
  const { conftests } = await prepareCopy(ctx, undefined, []);
  const leftOut = await removeExerciseTests(ctx);
  const module = inside(ctx.workDir, spec.module, 'module');
  const learnerModule = await fs.readFile(module).catch(() => undefined);
  const reference = inside(ctx.exercise.dir, spec.reference, 'reference');
  const alternatives = (spec.alternatives ?? []).map((a) => inside(ctx.exercise.dir, a.file, 'alternative'));
  // Each implementation is written fresh in the copy (never through a link), then the learner's module is put back.
  const against = async (label: string, implementation: string | Buffer): Promise<PytestRun> => {
    ctx.log(`Your tests against ${label}:`);
    await writeFresh(ctx.workDir, spec.module, implementation);
    const p = await runPytest(ctx, ctx.workDir, [], { conftests });
    runs.push(p.run);
    return p;
  };
  try {
    const copies = copiesIn(await likenessOf(ctx, [reference, ...alternatives, ...(learnerModule ? [module] : [])], await learnerFiles(ctx, module), runs));
    if (copies.length) {
      const { summary, findings } = copyMessage(copies, ctx, spec.module);
      return result(spec, started, { status: 'failed', summary, findings, runs, tool });
    }
    const referenceText = await fs.readFile(reference);
    const ref = await against('the reference implementation', referenceText);
    const refVerdict = verdict(ctx, ref);
    if (refVerdict.status !== 'passed') {
      const summary =
        refVerdict.status === 'error' || !ref.tests.length ? refVerdict.summary : `Your tests fail against the correct implementation, so they would also fail on good code: ${refVerdict.summary}`;
      return result(spec, started, { status: refVerdict.status === 'error' ? 'error' : 'failed', summary, details: refVerdict.details, tests: ref.tests, runs, tool });
    }
    // The same code, with a module file that holds none of its text: tests must check what
    // the code does, not read its source.
    const re = await against('the reference implementation, its source hidden', hiddenSource(referenceText, spec.module));
    const reVerdict = verdict(ctx, re);
    if (reVerdict.status !== 'passed') {
      return result(spec, started, {
        status: reVerdict.status === 'error' ? 'error' : 'failed',
        summary: `Your tests fail against the same correct code when its source text is not in ${spec.module} (${reVerdict.summary.replace(/\.$/, '')}): test what the function does, not how its source looks.`,
        details: reVerdict.details,
        tests: re.tests,
        runs,
        tool,
      });
    }
    // Correct code written differently: a test of the code's shape (its bytecode, its syntax
    // tree) fails here, a test of its behaviour cannot.
    for (const [i, file] of alternatives.entries()) {
      const alt = await against(`another correct implementation (${i + 1} of ${alternatives.length})`, await fs.readFile(file));
      const altVerdict = verdict(ctx, alt);
      if (altVerdict.status !== 'passed') {
        return result(spec, started, {
          status: altVerdict.status === 'error' ? 'error' : 'failed',
          summary: `Your tests fail against another correct version of ${spec.module}, written differently but doing the same (${altVerdict.summary.replace(/\.$/, '')}): test what the code does, not how it is written (its bytecode, its syntax tree or its private names).`,
          details: altVerdict.details,
          tests: alt.tests,
          runs,
          tool,
        });
      }
    }
    const caught: CaughtBug[] = [];
    const missed: MissedBug[] = [];
    const details: string[] = [];
    const names = (tests: readonly TestCaseResult[]) => tests.map((t) => t.id.split('::').pop()!);
    // With stopAtFirstFailure (the content validator's starters and cheats, never a learner),
    // one missed bug settles the verdict: the bugs after it are not run.
    let notRun = 0;
    for (const [i, bug] of spec.bugs.entries()) {
      if (ctx.stopAtFirstFailure && missed.length) {
        notRun = spec.bugs.length - i;
        ctx.log(`Stopped: ${notRun} later seeded bug(s) not run.`);
        break;
      }
      const b = await against(`seeded bug ${i + 1} of ${spec.bugs.length}`, await fs.readFile(inside(ctx.exercise.dir, bug.file, 'bug')));
      const ended = describeEnd(b.run, ctx.timeoutMs);
      if (ended) return result(spec, started, { status: 'error', summary: `pytest did not finish against a seeded bug: ${ended}.`, runs, tool });
      const catching = b.tests.filter((t) => catches(t, spec.module));
      if (!catching.length) {
        const other = names(b.tests.filter((t) => t.outcome !== 'passed'));
        missed.push({ id: bugId(bug), description: bug.description, failedOtherwise: other });
        details.push(`Missed: ${bug.description}${other.length ? ` (${listNames(other)} failed, but not with an assertion or an error from ${spec.module})` : ''}`);
      } else {
        caught.push({ id: bugId(bug), description: bug.description, by: names(catching) });
        details.push(`Caught by ${listNames(names(catching))}: ${bug.description}`);
      }
    }
    if (leftOut.size) details.push(`Left out ${listNames([...leftOut.keys()].sort())}: the exercise's own tests, and this check measures yours.`);
    const catchBugs: CatchBugsOutcome = { caught, missed };
    if (!missed.length) {
      return result(spec, started, { status: 'passed', summary: `Your tests pass on the correct code and caught all ${spec.bugs.length} seeded bugs.`, details, runs, tool, tests: ref.tests, catchBugs });
    }
    const tidy = missed.map((m) => m.description.trim().replace(/[.;]+$/, ''));
    const which = tidy.length === 1 ? `the one where ${tidy[0]}` : `the ones where ${tidy.slice(0, -1).join('; ')} and where ${tidy[tidy.length - 1]}`;
    const summary = notRun
      ? `Your tests caught ${caught.length} of the first ${spec.bugs.length - notRun} of ${spec.bugs.length} bugs; they missed ${which} (stopped there: the other ${notRun} not run).`
      : `Your tests caught ${caught.length} of ${spec.bugs.length} bugs; they missed ${which}.`;
    return result(spec, started, { status: 'failed', summary, details, runs, tool, tests: ref.tests, catchBugs });
  } finally {
    for (const [rel, text] of leftOut) await writeFresh(ctx.workDir, rel, text);
    if (learnerModule !== undefined) await writeFresh(ctx.workDir, spec.module, learnerModule);
    else await fs.rm(module, { force: true });
  }
}
