// A GitHub Actions workflow checked against the exercise's rules, with each finding on the
// line it is about.

import { promises as fs } from 'fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { WorkflowCheck, WorkflowRules } from '../core/model';
import { inside } from '../core/paths';
import { plural, result } from './result';
import type { CheckContext, CheckResult, Finding } from './types';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  steps?: Step[];
  strategy?: { matrix?: Record<string, unknown> };
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
  for (const tool of rules.runs ?? []) {
    const re = new RegExp(`(^|[\\s/"'\`;&|(])${tool.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$|[\\s;&|)"'])`, 'm');
    if (!steps.some(({ s }) => typeof s.run === 'string' && re.test(s.run))) {
      findings.push(at(jobIds.length ? ['jobs', jobIds[0], 'steps'] : ['jobs'], `No step runs ${tool}; add a step such as "run: ${tool === 'pytest' ? 'pytest' : tool === 'ruff' ? 'ruff check .' : `${tool} .`}".`));
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
  const findings = evaluateWorkflow(file, text, spec.rules);
  for (const f of findings) ctx.log(`  ${spec.file}:${f.line}:${f.column} ${f.message}`);
  return result(spec, started, {
    status: findings.length ? 'failed' : 'passed',
    summary: findings.length ? `${plural(findings.length, 'rule')} not met: ${findings[0].message}` : 'The workflow meets every rule of the exercise.',
    details: findings.map((f) => `${spec.file}:${f.line} ${f.message}`),
    findings,
    tool: 'Upskill workflow rules',
  });
}

