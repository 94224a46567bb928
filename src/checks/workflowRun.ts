// Runs a GitHub Actions workflow on this machine, for one change (a push to main, or a pull
// request into it), the way a GitHub runner would as far as the verdict depends on it:
// jobs in `needs` order, each matrix combination, `if:` evaluated (ghExpression.ts), `env`,
// `shell`, `working-directory` and `defaults` at every level, `continue-on-error` for jobs
// and steps, $GITHUB_ENV/$GITHUB_PATH/$GITHUB_OUTPUT, and each `run:` step in bash as
// GitHub runs it: `bash -e {0}` when no shell is named, `bash --noprofile --norc -eo
// pipefail {0}` for `shell: bash`. Each job starts from a fresh copy of the checkout, as a
// fresh runner would.
//
// `uses:` steps are stood in for: actions/checkout (the copy is the checkout),
// actions/setup-python (the learner's interpreter, whatever version was asked, and the
// trace says so), actions/cache (nothing to restore), astral-sh/ruff-action (the `ruff`
// on PATH). Any other action is not run, and the trace says so: it can never make a run
// fail, so it can never stand in for a check.
//
// Matrix combinations that differ only in the Python version handed to setup-python would
// run the same commands with the same interpreter: the first runs, the others take its
// result, and the trace says so.

import { createHash, randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { conditionHolds, interpolate, resolveValue, toText, truthy, type ExpressionScope, type Value } from './ghExpression';
import { commandLine, runProcess } from './process';
import type { Shims } from './toolShims';
import type { CommandRun, PythonInfo } from './types';
import { type Change, type Combination, describeCombination, expandMatrix, type Job, jobOrder, needsOf, type Step, triggers, type Workflow } from './workflowModel';

export type Conclusion = 'success' | 'failure' | 'skipped';

export interface StepTrace {
  readonly label: string;
  readonly outcome: Conclusion;
  readonly conclusion: Conclusion;
  readonly exitCode?: number | null;
  /** Why it was skipped, what stood in for it, or why its failure did not count. */
  readonly note?: string;
  /** The last lines it printed, for a failure. */
  readonly tail?: string;
  /** An action that was not run here (it cannot fail the run). */
  readonly notRun?: boolean;
}

export interface JobTrace {
  readonly id: string;
  readonly label: string;
  readonly result: Conclusion;
  /** continue-on-error: its failure does not fail the workflow. */
  readonly continueOnError: boolean;
  readonly note?: string;
  readonly steps: readonly StepTrace[];
  /** Files that the job's steps created in its checkout, relative (e.g. markers a seeded test leaves). */
  readonly created: readonly string[];
}

export interface WorkflowTrace {
  readonly file: string;
  readonly change: Change;
  readonly triggered: boolean;
  readonly why: string;
  readonly jobs: readonly JobTrace[];
  readonly conclusion: Conclusion;
  /** The time budget ran out or the check was cancelled. */
  readonly stopped?: string;
}

export interface RunSettings {
  /** The checkout: every job starts from a fresh copy of it. */
  readonly checkout: string;
  /** A folder for the job copies, RUNNER_TEMP and the shims' state. */
  readonly temp: string;
  readonly python: PythonInfo;
  readonly shims: Shims;
  readonly toolLog: string;
  readonly deadline: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
  readonly runs: CommandRun[];
  /** `unshare` flags for a new network namespace: steps run without network where the machine allows it. */
  readonly noNetwork?: readonly string[];
}

let namespaceProbe: Promise<string[] | undefined> | undefined;
/** The `unshare` flags that give a step a network namespace of its own on this machine, if any. */
export function networkNamespaceFlags(): Promise<string[] | undefined> {
  if (process.platform !== 'linux') return Promise.resolve(undefined);
  namespaceProbe ??= (async () => {
    for (const flags of [['-c', '-n'], ['-r', '-n']]) {
      const r = await runProcess(['unshare', ...flags, 'true'], { cwd: '/', timeoutMs: 10_000 });
      if (r.exitCode === 0) return flags;
    }
    return undefined;
  })();
  return namespaceProbe;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Names of files a step may have created: seeded-test markers are looked for among them. */
async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!['.git', 'node_modules', '.venv', '.mypy_cache', '.ruff_cache', '.pytest_cache', '__pycache__'].includes(e.name)) out.push(...(await listFiles(dir, r)));
    } else out.push(r);
  }
  return out;
}

function githubContext(file: string, wf: Workflow, change: Change, workspace: string, jobId: string): Record<string, Value> {
  const sha = '0'.repeat(40);
  const push = change.event === 'push';
  const ref = push ? `refs/heads/${change.branch}` : 'refs/pull/1/merge';
  const repository = { name: 'project', full_name: 'learner/project', default_branch: change.branch, owner: { login: 'learner' } };
  const event: Record<string, Value> = push
    ? { ref, before: sha, after: sha, repository, head_commit: { id: sha, message: 'Upskill local run' }, pusher: { name: 'learner' } }
    : {
        action: 'opened',
        number: 1,
        repository,
        pull_request: { number: 1, draft: false, title: 'Upskill local run', labels: [], head: { ref: 'upskill-check', sha }, base: { ref: change.branch, sha } },
      };
  return {
    event_name: change.event,
    event,
    ref,
    ref_name: push ? change.branch : '1/merge',
    ref_type: 'branch',
    head_ref: push ? '' : 'upskill-check',
    base_ref: push ? '' : change.branch,
    sha,
    repository: 'learner/project',
    repository_owner: 'learner',
    actor: 'learner',
    triggering_actor: 'learner',
    workflow: typeof wf.name === 'string' ? wf.name : file,
    job: jobId,
    run_id: '1',
    run_number: '1',
    run_attempt: '1',
    workspace,
    action: '',
    token: '',
    server_url: 'https://github.com',
    api_url: 'https://api.github.com',
    graphql_url: 'https://api.github.com/graphql',
  };
}

/** Reads a $GITHUB_ENV or $GITHUB_OUTPUT file: NAME=value lines and NAME<<DELIMITER blocks. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<\s]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]);
      out[heredoc[1]] = body.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** The argv for a step's shell, its script's extension, or why it cannot run here. */
export function shellCommand(shell: string | undefined, script: string, bin: string): { argv?: string[]; problem?: string } {
  if (shell === undefined || shell === '') return { argv: ['bash', '--noprofile', '--norc', '-e', script] };
  if (shell === 'bash') return { argv: ['bash', '--noprofile', '--norc', '-eo', 'pipefail', script] };
  if (shell === 'sh') return { argv: ['sh', '-e', script] };
  if (shell === 'python') return { argv: [path.join(bin, 'python'), script] };
  if (shell.includes('{0}')) {
    const words = shell.trim().split(/\s+/);
    return { argv: words.map((w) => w.split('{0}').join(script)) };
  }
  return { problem: `the shell "${shell}" is not available here (bash, sh, python, or a command with {0})` };
}

const STANDIN_NOTE = 'not run here: Upskill runs run: steps and stands in only for checkout, setup-python, cache and ruff-action; a step it does not run can never fail the workflow';

/** What a `uses:` step becomes here. */
function standIn(uses: string, withs: Record<string, Value>, python: PythonInfo): { note: string; outputs?: Record<string, string>; env?: Record<string, string>; run?: string; notRun?: boolean } {
  const action = uses.split('@')[0].toLowerCase();
  if (action === 'actions/checkout') return { note: 'stood in: the copy of the project is the checkout' };
  if (action === 'actions/setup-python') {
    const asked = toText(withs['python-version'] ?? null) || toText(withs['python-version-file'] ?? null) || 'a Python';
    return {
      note: `stood in: Python ${asked} asked for; the steps run ${python.path} (Python ${python.version}), the one interpreter Upskill has`,
      outputs: { 'python-version': python.version, 'python-path': python.path, 'cache-hit': 'false' },
    };
  }
  if (action === 'actions/cache' || action === 'actions/cache/restore' || action === 'actions/cache/save') return { note: 'stood in: nothing to restore or save here', outputs: { 'cache-hit': 'false' } };
  if (action === 'astral-sh/ruff-action' || action === 'chartboost/ruff-action') {
    const args = toText(withs.args ?? null) || 'check';
    const src = toText(withs.src ?? null) || '.';
    return { note: `stood in: ruff ${args} ${src}`, run: `ruff ${args} ${src}` };
  }
  return { note: STANDIN_NOTE, notRun: true };
}

/** Matrix keys the job uses anywhere but setup-python's python-version (which runs one interpreter here anyway). */
function relevantMatrixKeys(job: Job, combos: readonly Combination[]): string[] | 'all' {
  const without = <T extends object>(o: T, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
  const steps = (job.steps ?? []).map((s) => {
    const rest = without((s ?? {}) as Step, 'name');
    const setup = typeof s?.uses === 'string' && s.uses.toLowerCase().startsWith('actions/setup-python') && isMap(s.with);
    return setup ? { ...rest, with: without(s.with as Record<string, unknown>, 'python-version') } : rest;
  });
  const text = JSON.stringify({ ...without(job, 'name', 'strategy'), steps });
  if (/\bmatrix\b(?!\s*[.[])/i.test(text)) return 'all';
  const keys = [...new Set(combos.flatMap((c) => Object.keys(c)))];
  const esc = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return keys.filter((k) => new RegExp(`matrix\\s*(\\.\\s*${esc(k)}(?![\\w-])|\\[\\s*'${esc(k)}'\\s*\\])`, 'i').test(text));
}

class Stopped extends Error {}

interface JobRunResult {
  trace: JobTrace;
  outputs: Record<string, string>;
}

/** Runs one workflow for one change. */
export async function runWorkflow(file: string, wf: Workflow, change: Change, s: RunSettings): Promise<WorkflowTrace> {
  const t = triggers(wf, change);
  if (!t.triggered) return { file, change, triggered: false, why: t.why, jobs: [], conclusion: 'skipped' };
  const jobs = (isMap(wf.jobs) ? wf.jobs : {}) as Record<string, Job>;
  const traces: JobTrace[] = [];
  const results = new Map<string, { result: Conclusion; outputs: Record<string, string> }>();
  const fail = (note: string): WorkflowTrace => ({ file, change, triggered: true, why: t.why, jobs: [...traces, { id: '(workflow)', label: '(workflow)', result: 'failure', continueOnError: false, note, steps: [], created: [] }], conclusion: 'failure' });
  let order: string[];
  try {
    order = jobOrder(jobs);
  } catch (e) {
    return fail((e as Error).message);
  }
  try {
    for (const id of order) {
      const job = (jobs[id] ?? {}) as Job;
      const needs = needsOf(job);
      const needsCtx: Record<string, Value> = Object.fromEntries(needs.map((n) => [n, { result: results.get(n)?.result ?? 'skipped', outputs: results.get(n)?.outputs ?? {} }]));
      const github = githubContext(file, wf, change, s.checkout, id);
      const status = { failed: needs.some((n) => results.get(n)?.result === 'failure'), cancelled: false, succeeded: needs.every((n) => results.get(n)?.result === 'success') };
      const jobScope: ExpressionScope = { contexts: { github, needs: needsCtx, vars: {}, inputs: {}, secrets: { GITHUB_TOKEN: '' } }, status };
      const skip = (note: string, result: Conclusion = 'skipped') => {
        traces.push({ id, label: id, result, continueOnError: false, note, steps: [], created: [] });
        results.set(id, { result, outputs: {} });
      };
      let holds: boolean;
      try {
        holds = conditionHolds(job.if, jobScope);
      } catch (e) {
        skip(`its "if: ${String(job.if)}" could not be evaluated: ${(e as Error).message}`, 'failure');
        continue;
      }
      if (!holds) {
        skip(job.if !== undefined ? `skipped: "if: ${String(job.if)}" is false for ${change.event === 'push' ? 'a push' : 'a pull request'}` : `skipped: a job it needs (${needs.join(', ')}) did not succeed`);
        continue;
      }
      if (typeof job.uses === 'string') {
        skip(`calls the reusable workflow ${job.uses}, which is not run here (it can never fail the workflow)`);
        continue;
      }
      let combos: Combination[];
      try {
        combos = expandMatrix(job.strategy?.matrix, jobScope);
      } catch (e) {
        skip(`its matrix could not be expanded: ${(e as Error).message}`, 'failure');
        continue;
      }
      const relevant = relevantMatrixKeys(job, combos);
      const done = new Map<string, JobRunResult>();
      let failed = false;
      const outputs: Record<string, string> = {};
      for (const [index, combo] of combos.entries()) {
        const label = Object.keys(combo).length ? `${id} (${describeCombination(combo)})` : id;
        const key = relevant === 'all' ? JSON.stringify(combo) : JSON.stringify(relevant.map((k) => [k, combo[k] ?? null]));
        const same = done.get(key);
        let r: JobRunResult;
        if (same) {
          r = { trace: { ...same.trace, label, steps: [], note: `the same commands as ${same.trace.label} with the same interpreter: its result (${same.trace.result}), not run again` }, outputs: same.outputs };
        } else {
          r = await runJob(file, wf, id, job, combo, index, combos.length, change, needsCtx, s, label);
          done.set(key, r);
        }
        traces.push(r.trace);
        Object.assign(outputs, r.outputs);
        if (r.trace.result === 'failure' && !r.trace.continueOnError) failed = true;
      }
      results.set(id, { result: failed ? 'failure' : 'success', outputs });
    }
  } catch (e) {
    if (e instanceof Stopped) return { file, change, triggered: true, why: t.why, jobs: traces, conclusion: 'failure', stopped: e.message };
    throw e;
  }
  const failed = traces.some((j) => j.result === 'failure' && !j.continueOnError);
  return { file, change, triggered: true, why: t.why, jobs: traces, conclusion: failed ? 'failure' : 'success' };
}

/** The step's label: its name, else its action, else the first line of its script. */
function stepLabel(step: Step, i: number): string {
  if (typeof step.name === 'string' && step.name.trim()) return step.name.trim();
  if (typeof step.uses === 'string') return step.uses;
  if (typeof step.run === 'string') {
    const first = step.run.trim().split('\n')[0];
    return first.length > 60 ? `${first.slice(0, 57)}...` : first;
  }
  return `step ${i + 1}`;
}

function tailOf(run: CommandRun, lines = 6): string {
  return `${run.stdout}\n${run.stderr}`
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-lines)
    .join('\n');
}

async function runJob(
  file: string,
  wf: Workflow,
  id: string,
  job: Job,
  combo: Combination,
  index: number,
  total: number,
  change: Change,
  needsCtx: Record<string, Value>,
  s: RunSettings,
  label: string,
): Promise<JobRunResult> {
  const token = randomBytes(4).toString('hex');
  const workspace = path.join(s.temp, `job-${token}`);
  const runnerTemp = path.join(s.temp, `runner-${token}`);
  const state = path.join(s.temp, `state-${token}`);
  await fs.cp(s.checkout, workspace, { recursive: true, verbatimSymlinks: true });
  await fs.mkdir(runnerTemp, { recursive: true });
  await fs.mkdir(state, { recursive: true });
  const before = new Set(await listFiles(workspace));
  const github = githubContext(file, wf, change, workspace, id);
  const runner: Record<string, Value> = { os: 'Linux', arch: 'X64', name: 'upskill-local', temp: runnerTemp, tool_cache: path.join(runnerTemp, 'tool-cache'), environment: 'self-hosted' };
  const strategy: Record<string, Value> = { 'fail-fast': true, 'job-index': index, 'job-total': total, 'max-parallel': total };
  const steps: Record<string, Value> = {};
  const stepTraces: StepTrace[] = [];
  const addedEnv: Record<string, string> = {};
  const addedPath: string[] = [];
  const eventPath = path.join(runnerTemp, 'event.json');
  await fs.writeFile(eventPath, JSON.stringify(github.event));
  const base = (env: Record<string, Value>): ExpressionScope => ({
    contexts: { github, env, matrix: combo, runner, strategy, steps, needs: needsCtx, job: { status: stepTraces.some((x) => x.conclusion === 'failure') ? 'failure' : 'success' }, vars: {}, inputs: {}, secrets: { GITHUB_TOKEN: '' } },
    hashFiles: (patterns) => createHash('sha256').update(patterns.join('\n')).digest('hex'),
  });
  let jobFailed = false;
  let continueOnError = false;
  const done = async (result: Conclusion, note?: string): Promise<JobRunResult> => {
    const after = await listFiles(workspace);
    await fs.rm(workspace, { recursive: true, force: true }).catch(() => undefined);
    await fs.rm(runnerTemp, { recursive: true, force: true }).catch(() => undefined);
    await fs.rm(state, { recursive: true, force: true }).catch(() => undefined);
    return { trace: { id, label, result, continueOnError, note, steps: stepTraces, created: after.filter((f) => !before.has(f)) }, outputs: {} };
  };
  let env: Record<string, Value>;
  try {
    const wfEnv = resolveValue(wf.env ?? {}, base({})) as Record<string, Value>;
    env = { ...wfEnv, ...(resolveValue(job.env ?? {}, base(wfEnv)) as Record<string, Value>) };
    continueOnError = truthy(resolveValue(job['continue-on-error'] ?? false, base(env)));
  } catch (e) {
    return done('failure', `its env or continue-on-error could not be evaluated: ${(e as Error).message}`);
  }
  s.log(`── ${file} › ${label} (${change.event === 'push' ? `push to ${change.branch}` : `pull request into ${change.branch}`})`);
  const list = Array.isArray(job.steps) ? job.steps : [];
  for (const [i, raw] of list.entries()) {
    const step = (raw ?? {}) as Step;
    const stepLabelText = stepLabel(step, i);
    const record = (t: StepTrace, outputs: Record<string, string> = {}) => {
      stepTraces.push(t);
      if (typeof step.id === 'string') steps[step.id] = { outcome: t.outcome, conclusion: t.conclusion, outputs };
      if (t.conclusion === 'failure') jobFailed = true;
    };
    const stepEnvBase = { ...env, ...addedEnv };
    const scope: ExpressionScope = { ...base(stepEnvBase), status: { failed: jobFailed, cancelled: false } };
    let holds: boolean;
    try {
      holds = conditionHolds(step.if, scope);
    } catch (e) {
      record({ label: stepLabelText, outcome: 'failure', conclusion: 'failure', note: `its "if: ${String(step.if)}" could not be evaluated: ${(e as Error).message}` });
      continue;
    }
    if (!holds) {
      record({ label: stepLabelText, outcome: 'skipped', conclusion: 'skipped', note: step.if !== undefined ? `skipped: "if: ${String(step.if)}" is false` : 'skipped: an earlier step failed' });
      continue;
    }
    let stepEnv: Record<string, Value>;
    let stepCoe: boolean;
    let withs: Record<string, Value>;
    try {
      stepEnv = { ...stepEnvBase, ...(resolveValue(step.env ?? {}, scope) as Record<string, Value>) };
      stepCoe = truthy(resolveValue(step['continue-on-error'] ?? false, scope));
      withs = (resolveValue(step.with ?? {}, { ...scope, contexts: { ...scope.contexts, env: stepEnv } }) as Record<string, Value>) ?? {};
    } catch (e) {
      record({ label: stepLabelText, outcome: 'failure', conclusion: 'failure', note: `its env, with or continue-on-error could not be evaluated: ${(e as Error).message}` });
      continue;
    }
    let script: string | undefined;
    if (typeof step.uses === 'string') {
      const sub = standIn(step.uses, withs, s.python);
      if (sub.run === undefined) {
        Object.assign(addedEnv, sub.env ?? {});
        if (step.uses.toLowerCase().startsWith('actions/setup-python')) {
          const location = path.dirname(s.shims.bin);
          Object.assign(addedEnv, { pythonLocation: location, Python_ROOT_DIR: location, Python3_ROOT_DIR: location, PKG_CONFIG_PATH: path.join(location, 'lib', 'pkgconfig') });
        }
        s.log(`  ${stepLabelText}: ${sub.note}`);
        record({ label: stepLabelText, outcome: 'success', conclusion: 'success', note: sub.note, notRun: sub.notRun }, sub.outputs);
        continue;
      }
      script = sub.run;
    } else if (typeof step.run === 'string') {
      try {
        script = interpolate(step.run, { ...scope, contexts: { ...scope.contexts, env: stepEnv } });
      } catch (e) {
        record({ label: stepLabelText, outcome: 'failure', conclusion: 'failure', note: `an expression in its script could not be evaluated: ${(e as Error).message}` });
        continue;
      }
    } else {
      record({ label: stepLabelText, outcome: 'failure', conclusion: 'failure', note: 'it has neither run: nor uses:' });
      continue;
    }
    let shell: string | undefined;
    let workingDir: string;
    try {
      const sh = step.shell ?? job.defaults?.run?.shell ?? wf.defaults?.run?.shell;
      shell = sh === undefined ? undefined : toText(resolveValue(sh, scope));
      const wd = step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? wf.defaults?.run?.['working-directory'];
      workingDir = wd === undefined ? workspace : path.resolve(workspace, toText(resolveValue(wd, scope)));
    } catch (e) {
      record({ label: stepLabelText, outcome: 'failure', conclusion: 'failure', note: `its shell or working-directory could not be evaluated: ${(e as Error).message}` });
      continue;
    }
    const scriptFile = path.join(runnerTemp, `step-${i + 1}${shell === 'python' ? '.py' : '.sh'}`);
    await fs.writeFile(scriptFile, script);
    const cmd = shellCommand(shell, scriptFile, s.shims.bin);
    if (!cmd.argv) {
      record({ label: stepLabelText, outcome: 'failure', conclusion: stepCoe ? 'success' : 'failure', note: cmd.problem });
      continue;
    }
    if (!(await fs.stat(workingDir).then((x) => x.isDirectory(), () => false))) {
      record({ label: stepLabelText, outcome: 'failure', conclusion: stepCoe ? 'success' : 'failure', note: `its working-directory ${path.relative(workspace, workingDir)} does not exist` });
      continue;
    }
    const files = { GITHUB_ENV: 'env', GITHUB_PATH: 'path', GITHUB_OUTPUT: 'output', GITHUB_STEP_SUMMARY: 'summary', GITHUB_STATE: 'state' } as const;
    const fileEnv: Record<string, string> = {};
    for (const [k, name] of Object.entries(files)) {
      fileEnv[k] = path.join(runnerTemp, `${name}-${i + 1}`);
      await fs.writeFile(fileEnv[k], '');
    }
    const procEnv: Record<string, string | undefined> = {
      PYTHONPATH: undefined,
      PYTHONHOME: undefined,
      BASH_ENV: undefined,
      ENV: undefined,
      VIRTUAL_ENV: undefined,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_EVENT_NAME: change.event,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REF: toText(github.ref),
      GITHUB_REF_NAME: toText(github.ref_name),
      GITHUB_REF_TYPE: 'branch',
      GITHUB_HEAD_REF: toText(github.head_ref),
      GITHUB_BASE_REF: toText(github.base_ref),
      GITHUB_SHA: toText(github.sha),
      GITHUB_REPOSITORY: 'learner/project',
      GITHUB_REPOSITORY_OWNER: 'learner',
      GITHUB_ACTOR: 'learner',
      GITHUB_JOB: id,
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: toText(github.workflow),
      GITHUB_SERVER_URL: toText(github.server_url),
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'upskill-local',
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: path.join(runnerTemp, 'tool-cache'),
      ...fileEnv,
      ...s.shims.env(state, s.toolLog),
      ...Object.fromEntries(Object.entries(stepEnv).map(([k, v]) => [k, toText(v)])),
    };
    procEnv.PATH = [...addedPath, s.shims.bin, process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter);
    const left = s.deadline - Date.now();
    if (left <= 0 || s.signal?.aborted) throw new Stopped(s.signal?.aborted ? 'the check was cancelled' : `the check's ${Math.round(s.timeoutMs / 1000)} s budget ran out`);
    const minutes = Number(resolveValue(step['timeout-minutes'] ?? 0, scope));
    const timeoutMs = minutes > 0 ? Math.min(left, minutes * 60_000) : left;
    const argv = s.noNetwork ? ['unshare', ...s.noNetwork, '--', ...cmd.argv] : cmd.argv;
    s.log(`  ${stepLabelText}: ${commandLine(argv)}`);
    for (const line of script.trimEnd().split('\n')) s.log(`    | ${line}`);
    const run = await runProcess(argv, { cwd: workingDir, env: procEnv, timeoutMs, signal: s.signal });
    s.runs.push(run);
    const text = `${run.stdout}${run.stderr ? `\n${run.stderr}` : ''}`.trimEnd();
    if (text) for (const line of text.split('\n').slice(-200)) s.log(`    ${line}`);
    s.log(`    → exit code ${run.exitCode ?? run.signal ?? 'none'} in ${run.durationMs} ms`);
    if (run.cancelled) throw new Stopped('the check was cancelled');
    if (run.timedOut && timeoutMs >= left) throw new Stopped(`the check's ${Math.round(s.timeoutMs / 1000)} s budget ran out during ${file} › ${label} › ${stepLabelText}`);
    Object.assign(addedEnv, parseEnvFile(await fs.readFile(fileEnv.GITHUB_ENV, 'utf8').catch(() => '')));
    const newPaths = (await fs.readFile(fileEnv.GITHUB_PATH, 'utf8').catch(() => '')).split(/\r?\n/).filter(Boolean);
    addedPath.unshift(...newPaths.reverse());
    const outputs = parseEnvFile(await fs.readFile(fileEnv.GITHUB_OUTPUT, 'utf8').catch(() => ''));
    const ok = run.exitCode === 0 && !run.timedOut;
    const note = !ok && stepCoe ? 'its failure does not count: continue-on-error' : run.timedOut ? `stopped after its timeout-minutes (${minutes})` : undefined;
    record({ label: stepLabelText, outcome: ok ? 'success' : 'failure', conclusion: ok || stepCoe ? 'success' : 'failure', exitCode: run.exitCode, note, tail: ok ? undefined : tailOf(run) }, outputs);
  }
  return done(jobFailed ? 'failure' : 'success', continueOnError && jobFailed ? 'its failure does not count: continue-on-error on the job' : undefined);
}
