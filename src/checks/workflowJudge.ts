// Judges CI workflows by what they do: each is run here (workflowRun.ts) for a push to
// main and for a pull request into it, on copies of the project with a new module and a
// new test (seeds.ts): clean, where every triggered workflow must pass; then with a lint
// finding, a failing test, or a type error, as the exercise's `runs` asks for linters,
// tests and type checkers, where some workflow must fail, for each event. A failing test
// must also have run (it leaves a mark): a workflow that fails for another reason has not
// caught it. The runs go in a random order, so a workflow cannot tell them apart by place.
//
// So every way of not really running a tool fails the same way, whatever its spelling:
// `|| true` or `|| :`, `set +e`, `--exit-zero`, a pipe without pipefail, `continue-on-error`,
// an `if:` that never holds, a trigger that never fires, an echo, a `--version`, a
// `files:` filter, a step hidden in a Makefile that does nothing. And honest variety
// passes: `python -m pytest`, `coverage run -m pytest`, `make lint`, one step running
// two tools.

import { randomInt } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { WorkflowRules } from '../core/model';
import { safeName, storageRoot } from './scratch';
import { planSeeds, type SeedKind, type SeedPlan, writeSeed } from './seeds';
import { type Shims, makeShims, readToolLog, type ToolCall } from './toolShims';
import { runProcess, timeLeft } from './process';
import type { CheckContext, CommandRun } from './types';
import type { EventName, Workflow } from './workflowModel';
import { eventsOf } from './workflowModel';
import { type JobTrace, networkNamespaceFlags, runWorkflow, type WorkflowTrace } from './workflowRun';

/** Tools whose rule a seeded problem tests, by the problem. */
export const SEEDED_TOOLS: Readonly<Record<'lint' | 'test' | 'type', readonly string[]>> = {
  lint: ['ruff', 'flake8', 'pylint', 'pyflakes'],
  test: ['pytest', 'unittest', 'tox', 'nox', 'coverage'],
  type: ['mypy', 'pyright', 'pytype'],
};

/** The seeded problem that shows a rule's tool at work, if there is one. */
export function seedFor(rule: string): 'lint' | 'test' | 'type' | undefined {
  const tools = rule.split('|');
  return (['lint', 'test', 'type'] as const).find((k) => tools.some((t) => SEEDED_TOOLS[k].includes(t)));
}

export interface WorkflowFile {
  /** Relative to the folder checked, for messages. */
  readonly rel: string;
  readonly wf: Workflow;
}

export interface Judgement {
  readonly status: 'passed' | 'failed' | 'error';
  readonly summary: string;
  readonly details: string[];
  readonly durationMs: number;
  /**
   * Per seeded problem that ran on every event: whether the workflows caught it (failed, and
   * a failing test because it ran). Absent when a clean change already fails: then nothing
   * is caught, the workflow just fails.
   */
  readonly caught?: Partial<Record<'lint' | 'test' | 'type', boolean>>;
}

/** What the judge needs of a check's context (an exercise check's, or the project assessment's). */
export type JudgeContext = Pick<CheckContext, 'workDir' | 'python' | 'timeoutMs' | 'deadline' | 'storageDir' | 'signal' | 'log'> & { readonly exercise: { readonly id: string } };

export interface JudgeOptions {
  /**
   * Run every seeded change on every event even after one decides a failure, so that
   * `caught` answers for each problem (the project assessment reports each); an exercise
   * check stops at the first run that fails it.
   */
  readonly exhaustive?: boolean;
}

interface RunRecord {
  readonly kind: SeedKind;
  readonly event: EventName;
  readonly traces: readonly WorkflowTrace[];
  readonly tools: readonly ToolCall[];
  readonly ms: number;
}

const phrase = (event: EventName) => (event === 'push' ? 'push to main' : 'pull request into main');

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** "✓ Lint (exit 0)", "✗ Test (exit 1)", "– Deploy (skipped: …)" */
function stepLine(j: JobTrace): string {
  if (!j.steps.length) return j.note ?? j.result;
  const parts = j.steps.map((st) => {
    const mark = st.conclusion === 'skipped' ? '–' : st.outcome === 'failure' ? '✗' : '✓';
    const code = st.exitCode !== undefined ? `exit ${st.exitCode ?? 'none'}` : undefined;
    const extra = [code, st.note].filter(Boolean).join('; ');
    return `${mark} ${st.label}${extra ? ` (${extra})` : ''}`;
  });
  return `${parts.join(' · ')}${j.note ? `  [${j.note}]` : ''}`;
}

/** The first step that failed and counted, as "ci.yml › test › Test (exit 1)". */
function firstFailure(traces: readonly WorkflowTrace[]): { where: string; tail?: string } | undefined {
  for (const t of traces) {
    for (const j of t.jobs) {
      if (j.result !== 'failure' || j.continueOnError) continue;
      const st = j.steps.find((x) => x.conclusion === 'failure');
      if (st) return { where: `${t.file} › ${j.label} › "${st.label}" (${st.exitCode !== undefined ? `exit ${st.exitCode ?? 'none'}` : st.note ?? 'failed'})`, tail: st.tail };
      return { where: `${t.file} › ${j.label} (${j.note ?? 'failed'})` };
    }
  }
  return undefined;
}

function ranMarker(r: RunRecord, plan: SeedPlan): boolean {
  return r.traces.some((t) => t.jobs.some((j) => j.created.includes(plan.marker)));
}

/** Why a run with a seeded problem passed: what was skipped, swallowed or never run. */
function whyPassed(r: RunRecord, plan: SeedPlan): string {
  const triggered = r.traces.filter((t) => t.triggered);
  if (!triggered.length) return `no workflow runs on a ${phrase(r.event)} (${r.traces.map((t) => `${t.file}: ${t.why}`).join('; ')})`;
  const reasons: string[] = [];
  const kind = r.kind as 'lint' | 'test' | 'type';
  const calls = r.tools.filter((c) => SEEDED_TOOLS[kind]?.includes(c.tool));
  if (kind === 'test') {
    if (!ranMarker(r, plan)) reasons.push(`the new test ${plan.test} never ran`);
    else if (calls.some((c) => c.exitCode !== 0)) reasons.push(`it ran and failed (${calls.find((c) => c.exitCode !== 0)!.tool} exit ${calls.find((c) => c.exitCode !== 0)!.exitCode}), yet no step failed because of it`);
    else reasons.push('it ran and failed, yet no step failed because of it');
  } else if (!calls.length) {
    reasons.push(`no ${SEEDED_TOOLS[kind].slice(0, 3).join(', ')} ran`);
  } else {
    const shown = calls.slice(0, 3).map((c) => `"${c.tool} ${c.args}" exited ${c.exitCode}`);
    reasons.push(calls.some((c) => c.exitCode !== 0) ? `${shown.join(', ')}, yet no step failed because of it` : `${shown.join(', ')}, so it did not look at ${plan.module} or does not fail on it`);
  }
  for (const t of triggered) {
    for (const j of t.jobs) {
      if (j.result === 'failure' && j.continueOnError) reasons.push(`job ${j.label} failed, but continue-on-error lets the workflow pass`);
      if (j.result === 'skipped' && j.note) reasons.push(`job ${j.label}: ${j.note}`);
      for (const st of j.steps) {
        if (st.outcome === 'failure' && st.conclusion === 'success') reasons.push(`step "${st.label}" failed (exit ${st.exitCode ?? 'none'}), but continue-on-error lets it pass`);
        else if (st.outcome === 'skipped' && st.note?.includes('"if:')) reasons.push(`step "${st.label}" was ${st.note}`);
        else if (st.notRun) reasons.push(`"${st.label}" is an action Upskill does not run`);
      }
    }
  }
  return [...new Set(reasons)].slice(0, 4).join('; ');
}

const GIT_IDENTITY = ['-c', 'user.name=Upskill', '-c', 'user.email=upskill@localhost.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

/**
 * Makes a copy look like a runner's checkout: a git repository whose last commit adds the
 * seeded files on top of the project (origin/main is the commit before), with the files git
 * ignores removed, as a fresh clone would not have them. So `git diff --exit-code` after a
 * formatter, or a linter that reads .gitignore, behave as on GitHub. Without git the copy
 * stays as it is, and the log says so.
 */
async function asCheckout(dir: string, seeded: readonly string[], ctx: JudgeContext, runs: CommandRun[]): Promise<void> {
  const git = async (...args: string[]) => {
    const run = await runProcess(['git', ...GIT_IDENTITY, ...args], { cwd: dir, timeoutMs: Math.max(1000, timeLeft(ctx)), signal: ctx.signal, env: { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
    runs.push(run);
    if (run.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${(run.stderr || run.stdout).trim().split('\n').pop()}`);
  };
  try {
    const hasRepo = await fs.stat(path.join(dir, '.git')).then(() => true, () => false);
    if (!hasRepo) await git('init', '-q', '-b', 'main');
    const held = new Map<string, Buffer>();
    for (const f of seeded) {
      held.set(f, await fs.readFile(path.join(dir, f)));
      await fs.rm(path.join(dir, f));
    }
    await git('add', '-A');
    await git('commit', '-q', '--allow-empty', '--no-verify', '-m', 'the project');
    await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    for (const [f, bytes] of held) await fs.writeFile(path.join(dir, f), bytes);
    await git('add', '-f', '--', ...seeded);
    await git('commit', '-q', '--no-verify', '-m', 'a change to check');
    await git('clean', '-q', '-f', '-d', '-X');
  } catch (e) {
    ctx.log(`The copy is not made a git checkout (${(e as Error).message}); steps that use git see no repository.`);
  }
}

/** Runs the workflows on every seeded change, and says what they did. */
export async function judgeWorkflows(ctx: JudgeContext, files: readonly WorkflowFile[], rules: WorkflowRules, runs: CommandRun[], opts: JudgeOptions = {}): Promise<Judgement> {
  const started = Date.now();
  const bash = await runProcess(['bash', '-c', 'true'], { cwd: ctx.workDir, timeoutMs: 10_000, signal: ctx.signal });
  if (bash.exitCode !== 0) {
    return { status: 'error', summary: 'Running the workflow needs bash (GitHub runs steps with it), and this machine has none on PATH; on Windows, install Git for Windows (Git Bash) or use WSL.', details: [bash.stderr.trim()], durationMs: Date.now() - started };
  }
  const wanted = (rules.triggers ?? []).filter((e): e is EventName => e === 'push' || e === 'pull_request');
  const declared = (['push', 'pull_request'] as const).filter((e) => files.some((f) => eventsOf(f.wf).has(e)));
  const events: EventName[] = wanted.length ? wanted : declared.length ? [...declared] : ['push', 'pull_request'];
  const kinds = [...new Set((rules.runs ?? []).map(seedFor).filter((k): k is 'lint' | 'test' | 'type' => k !== undefined))];
  const root = path.join(storageRoot(ctx.storageDir), 'workflow-runs');
  await fs.mkdir(root, { recursive: true });
  const temp = await fs.mkdtemp(path.join(root, `${safeName(ctx.exercise.id)}-`));
  const mypyCache = path.join(storageRoot(ctx.storageDir), 'workflow-mypy-cache', safeName(ctx.exercise.id));
  const deadline = ctx.deadline ?? Date.now() + ctx.timeoutMs;
  const records: RunRecord[] = [];
  let shims: Shims | undefined;
  try {
    shims = await makeShims(path.join(temp, 'shims'), ctx.python, Math.max(1_000, deadline - Date.now()));
    const shimEnv = shims.env;
    const withCache = { ...shims, env: (state: string, log: string) => ({ ...shimEnv(state, log), MYPY_CACHE_DIR: mypyCache }) };
    const plan = await planSeeds(ctx.workDir);
    const noNetwork = await networkNamespaceFlags();
    ctx.log(`Running ${plural(files.length, 'workflow')} here for a ${events.map(phrase).join(' and a ')}, on ${kinds.length + 1} versions of the project (in a random order): ${(['clean', ...kinds] as SeedKind[]).map((k) => plan.describe(k)).join('; ')}.`);
    ctx.log(`python and python3 are ${ctx.python.path} (Python ${ctx.python.version}); ruff is ${shims.ruff}; pip installs nothing (it checks that the packages are there); ${noNetwork ? 'steps run without network (a network namespace of their own)' : 'this machine gives steps no network namespace of their own, so they run with the network'}.`);
    for (const kind of shuffle<SeedKind>(['clean', ...kinds])) {
      const checkout = path.join(temp, `checkout-${kind}`);
      await fs.cp(ctx.workDir, checkout, { recursive: true, verbatimSymlinks: true });
      await writeSeed(checkout, plan, kind);
      await asCheckout(checkout, [plan.module, plan.test], ctx, runs);
      for (const event of events) {
        const t0 = Date.now();
        const toolLog = path.join(temp, `tools-${kind}-${event}.log`);
        const traces: WorkflowTrace[] = [];
        ctx.log(`═ ${kind === 'clean' ? 'Clean change' : `Seeded: ${plan.describe(kind)}`} · ${phrase(event)}`);
        for (const f of files) {
          const trace = await runWorkflow(f.rel, f.wf, { event, branch: 'main', paths: [plan.module, plan.test] }, { checkout, temp, python: ctx.python, shims: withCache, toolLog, deadline, timeoutMs: ctx.timeoutMs, signal: ctx.signal, log: ctx.log, runs, noNetwork });
          traces.push(trace);
          if (!trace.triggered) ctx.log(`  ${f.rel}: not run, ${trace.why}`);
          if (trace.stopped) {
            return { status: 'error', summary: `The workflows did not finish running here: ${trace.stopped}.`, details: report(records, plan), durationMs: Date.now() - started };
          }
        }
        const record: RunRecord = { kind, event, traces, tools: await readToolLog(toolLog), ms: Date.now() - t0 };
        records.push(record);
        // One run that decides the verdict is enough: the rest could only add to a failure
        // already found, and a broken workflow is the case a learner reruns most.
        if (!opts.exhaustive && decidesFailure(record)) {
          ctx.log(`Stopped after ${plural(records.length, 'run')}: this one already fails the check.`);
          return verdict(records, plan, kinds, events, Date.now() - started);
        }
      }
      await fs.rm(checkout, { recursive: true, force: true });
    }
    return verdict(records, plan, kinds, events, Date.now() - started);
  } finally {
    await shims?.close();
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Whether this run alone fails the check: a clean change that fails, or a seeded problem the
 * workflow passes. (A seeded test that fails the workflow without running is left to the
 * clean run, which most likely fails the same way and says so more plainly.)
 */
function decidesFailure(r: RunRecord): boolean {
  const failed = r.traces.some((t) => t.triggered && t.conclusion === 'failure');
  return r.kind === 'clean' ? firstFailure(r.traces) !== undefined : !failed;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** One line per run and per job, for the result's details. */
function report(records: readonly RunRecord[], plan: SeedPlan): string[] {
  const order: SeedKind[] = ['clean', 'lint', 'test', 'type', 'format'];
  const lines: string[] = [];
  for (const r of [...records].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.event.localeCompare(b.event))) {
    const triggered = r.traces.filter((t) => t.triggered);
    const failed = triggered.some((t) => t.conclusion === 'failure');
    const head = r.kind === 'clean' ? 'Clean change' : `With ${plan.describe(r.kind)}`;
    lines.push(`${head} · ${phrase(r.event)}: ${!triggered.length ? 'no workflow ran' : failed ? 'the workflow failed' : 'the workflow passed'} (${(r.ms / 1000).toFixed(1)} s)`);
    for (const t of r.traces) {
      if (!t.triggered) lines.push(`  ${t.file}: not run, ${t.why}`);
      for (const j of t.jobs) lines.push(`  ${t.file} › ${j.label}: ${stepLine(j)}`);
    }
  }
  return lines;
}

/** Whether the workflows caught the seeded problem on every event it ran on: they failed, and a failing test failed them because it ran. */
function caughtBy(records: readonly RunRecord[], plan: SeedPlan, kind: 'lint' | 'test' | 'type', events: readonly EventName[]): boolean | undefined {
  const runs = events.map((event) => records.find((x) => x.kind === kind && x.event === event));
  if (runs.some((r) => !r)) return undefined;
  return runs.every((r) => r!.traces.some((t) => t.triggered && t.conclusion === 'failure') && (kind !== 'test' || ranMarker(r!, plan)));
}

function verdict(records: readonly RunRecord[], plan: SeedPlan, kinds: readonly ('lint' | 'test' | 'type')[], events: readonly EventName[], ms: number): Judgement {
  const details = report(records, plan);
  const seconds = `${(ms / 1000).toFixed(1)} s`;
  for (const r of records.filter((x) => x.kind === 'clean')) {
    const bad = firstFailure(r.traces);
    if (bad) {
      const last = bad.tail?.split('\n').pop();
      return { status: 'failed', summary: `On a clean ${phrase(r.event)} (a new module and a new test with nothing wrong in them) the workflow fails: ${bad.where}${last ? `: ${last}` : ''}. A workflow that fails on good code blocks every change; make it pass here first.`, details, durationMs: ms };
    }
  }
  const caught: Partial<Record<'lint' | 'test' | 'type', boolean>> = {};
  for (const kind of kinds) {
    const c = caughtBy(records, plan, kind, events);
    if (c !== undefined) caught[kind] = c;
  }
  const problems: string[] = [];
  for (const kind of kinds) {
    for (const event of events) {
      const r = records.find((x) => x.kind === kind && x.event === event);
      if (!r) continue;
      const failed = r.traces.some((t) => t.triggered && t.conclusion === 'failure');
      if (failed && (kind !== 'test' || ranMarker(r, plan))) continue;
      if (failed) problems.push(`A ${phrase(event)} with ${plan.describe(kind)} fails the workflow, but not because of the test: it never ran (${firstFailure(r.traces)?.where ?? 'another step failed'}).`);
      else problems.push(`A ${phrase(event)} with ${plan.describe(kind)} passes the workflow: ${whyPassed(r, plan)}.`);
    }
  }
  if (problems.length) return { status: 'failed', summary: problems[0], details: [...problems.slice(1), ...details], durationMs: ms, caught };
  const caughtAt = kinds.map((k) => {
    const r = records.find((x) => x.kind === k);
    const f = r ? firstFailure(r.traces) : undefined;
    return `${k === 'lint' ? 'the lint finding' : k === 'test' ? 'the failing test' : 'the type error'}${f ? ` (${f.where})` : ''}`;
  });
  const ran = records.length;
  return {
    status: 'passed',
    summary: kinds.length
      ? `Run here ${ran} times in ${seconds} (${events.map(phrase).join(' and ')}): the workflow passes a clean change and fails on ${caughtAt.join(', on ')}.`
      : `Run here ${ran} times in ${seconds} (${events.map(phrase).join(' and ')}): the workflow passes a clean change.`,
    details,
    durationMs: ms,
    caught,
  };
}
