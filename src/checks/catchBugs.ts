// tests-catch-bugs: the learner's tests run against the reference implementation, the same
// code with its source hidden, and each seeded bug; a bug counts as caught only by a real
// failure (see `catches`).

import { deflateSync } from 'zlib';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { CatchBugsCheck } from '../core/model';
import { inside } from '../core/paths';
import { describeEnd } from './process';
import { prepareCopy, verdict } from './pytest';
import { type PytestRun, runPytest } from './pytestRun';
import { listNames, result } from './result';
import { filesUnder, writeFresh } from './scratch';
import { raisedUnder } from './traceback';
import type { CheckContext, CheckResult, CommandRun, TestCaseResult } from './types';

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

export async function checkCatchBugs(spec: CatchBugsCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const runs: CommandRun[] = [];
  const tool = `${ctx.python.path} -m pytest`;
  const { conftests } = await prepareCopy(ctx, undefined, []);
  const leftOut = await removeExerciseTests(ctx);
  const module = inside(ctx.workDir, spec.module, 'module');
  const learnerModule = await fs.readFile(module).catch(() => undefined);
  // Each implementation is written fresh in the copy (never through a link), then the learner's module is put back.
  const against = async (label: string, implementation: string | Buffer): Promise<PytestRun> => {
    ctx.log(`Your tests against ${label}:`);
    await writeFresh(ctx.workDir, spec.module, implementation);
    const p = await runPytest(ctx, ctx.workDir, [], { conftests });
    runs.push(p.run);
    return p;
  };
  try {
    const reference = await fs.readFile(inside(ctx.exercise.dir, spec.reference, 'reference'));
    const ref = await against('the reference implementation', reference);
    const refVerdict = verdict(ctx, ref);
    if (refVerdict.status !== 'passed') {
      const summary =
        refVerdict.status === 'error' || !ref.tests.length ? refVerdict.summary : `Your tests fail against the correct implementation, so they would also fail on good code: ${refVerdict.summary}`;
      return result(spec, started, { status: refVerdict.status === 'error' ? 'error' : 'failed', summary, details: refVerdict.details, tests: ref.tests, runs, tool });
    }
    // The same code, with a module file that holds none of its text: tests must check what
    // the code does, not read its source.
    const re = await against('the reference implementation, its source hidden', hiddenSource(reference, spec.module));
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
    const missed: string[] = [];
    const details: string[] = [];
    for (const [i, bug] of spec.bugs.entries()) {
      const b = await against(`seeded bug ${i + 1} of ${spec.bugs.length}`, await fs.readFile(inside(ctx.exercise.dir, bug.file, 'bug')));
      const ended = describeEnd(b.run, ctx.timeoutMs);
      if (ended) return result(spec, started, { status: 'error', summary: `pytest did not finish against a seeded bug: ${ended}.`, runs, tool });
      const catching = b.tests.filter((t) => catches(t, spec.module));
      if (!catching.length) {
        missed.push(bug.description);
        const other = b.tests.filter((t) => t.outcome !== 'passed');
        details.push(`Missed: ${bug.description}${other.length ? ` (${listNames(other.map((t) => t.id.split('::').pop()!))} failed, but not with an assertion or an error from ${spec.module})` : ''}`);
      } else details.push(`Caught by ${listNames(catching.map((t) => t.id.split('::').pop()!))}: ${bug.description}`);
    }
    if (leftOut.size) details.push(`Left out ${listNames([...leftOut.keys()].sort())}: the exercise's own tests, and this check measures yours.`);
    const caught = spec.bugs.length - missed.length;
    if (!missed.length) {
      return result(spec, started, { status: 'passed', summary: `Your tests pass on the correct code and caught all ${spec.bugs.length} seeded bugs.`, details, runs, tool, tests: ref.tests });
    }
    const tidy = missed.map((m) => m.trim().replace(/[.;]+$/, ''));
    const which = tidy.length === 1 ? `the one where ${tidy[0]}` : `the ones where ${tidy.slice(0, -1).join('; ')} and where ${tidy[tidy.length - 1]}`;
    return result(spec, started, { status: 'failed', summary: `Your tests caught ${caught} of ${spec.bugs.length} bugs; they missed ${which}.`, details, runs, tool, tests: ref.tests });
  } finally {
    for (const [rel, text] of leftOut) await writeFresh(ctx.workDir, rel, text);
    if (learnerModule !== undefined) await writeFresh(ctx.workDir, spec.module, learnerModule);
    else await fs.rm(module, { force: true });
  }
}
