// Small helpers for building CheckResults consistently.

import type { CatchBugsOutcome } from '../core/catchBugsOutcome';
import type { CheckSpec } from '../core/model';
import type { CheckResult, CheckStatus, CommandRun, Finding, TestCaseResult } from './types';

const DEFAULT_TITLES: Record<CheckSpec['type'], string> = {
  pytest: 'Tests (pytest)',
  'no-network': 'Tests without network (pytest)',
  'tests-catch-bugs': 'Your tests catch bugs',
  mypy: 'Type check (mypy)',
  'ruff-lint': 'Lint (Ruff)',
  'ruff-format': 'Format (Ruff)',
  workflow: 'CI workflow',
  git: 'Git repository',
  structure: 'Files and code',
  command: 'Command',
  'notebook-run': 'Notebook runs top to bottom',
};

export function titleOf(spec: CheckSpec): string {
  if (spec.title) return spec.title;
  if (spec.type === 'mypy' && spec.args?.length) return `Type check (mypy ${spec.args.join(' ')})`;
  return DEFAULT_TITLES[spec.type];
}

/** What a runner says about its check; `result()` adds the type, title and duration. */
export interface ResultFields {
  status: CheckStatus;
  summary: string;
  details?: string[];
  findings?: Finding[];
  tests?: TestCaseResult[];
  runs?: CommandRun[];
  tool?: string;
  catchBugs?: CatchBugsOutcome;
}

export function result(spec: CheckSpec, started: number, p: ResultFields): CheckResult {
  return {
    type: spec.type,
    title: titleOf(spec),
    status: p.status,
    summary: p.summary,
    details: p.details ?? [],
    findings: p.findings ?? [],
    tests: p.tests ?? [],
    runs: p.runs ?? [],
    tool: p.tool,
    durationMs: Date.now() - started,
    ...(p.catchBugs && { catchBugs: p.catchBugs }),
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Lists up to `max` names, then "and N more". */
export function listNames(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
