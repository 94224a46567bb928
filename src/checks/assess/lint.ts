// Ruff over a learner's project with the project's own rule choice, through the bundled
// WebAssembly build (ruff.ts loads it): nothing of the project runs and nothing is installed.
// The settings that choose what is found (select, extend-select, ignore, line-length) are
// read from the [tool.ruff] table's text; other settings are left to Ruff's defaults, and a
// note says so when there are some.

import type { AssessmentNote } from '../../core/assessment';
import { ruffAcceptsSettings, lintWithWasm } from '../ruff';

/** What `ruff check` selects when a project chooses nothing. */
export const RUFF_DEFAULT_SELECT: readonly string[] = ['E4', 'E7', 'E9', 'F'];

export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  /** The rule family: the code's letters (F, E, B, UP, …). */
  readonly family: string;
  readonly message: string;
}

/** A TOML string array or number assigned to `key` in `text` (the first one), e.g. select = ["E", "F"]. */
export function tomlSetting(text: string, key: string): string[] | number | undefined {
  const m = new RegExp(`^\\s*${key.replace(/[-]/g, '\\-')}\\s*=\\s*(\\[[^\\]]*\\]|\\d+)`, 'm').exec(text);
  if (!m) return undefined;
  if (/^\d+$/.test(m[1])) return Number(m[1]);
  return [...m[1].replace(/#.*$/gm, '').matchAll(/"([^"]*)"|'([^']*)'/g)].map((x) => x[1] ?? x[2]);
}

/**
 * The project's own top-level modules, for isort's first-party list: the folders and Python
 * files at the root and under src/, from the files the assessment lists (ruff.ts's
 * firstPartyModules reads a folder for the same; the walk already did).
 */
export function firstPartyFromFiles(files: readonly string[]): string[] {
  const names = new Set<string>();
  for (const f of files) {
    const parts = f.split('/');
    for (const p of parts[0] === 'src' && parts.length > 1 ? [parts, parts.slice(1)] : [parts]) {
      const name = p.length > 1 ? p[0] : /\.pyi?$/.test(p[0]) ? p[0].replace(/\.pyi?$/, '') : undefined;
      if (name !== undefined && /^[A-Za-z_]\w*$/.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

export async function lintFindings(sources: readonly { rel: string; lines: readonly string[] }[], ruffTable: string | undefined, opts: { firstParty?: readonly string[]; signal?: AbortSignal; progress?: (message: string, done: number, total: number) => void }): Promise<{ findings: LintFinding[]; notes: AssessmentNote[]; settingsUsed: string }> {
  const notes: AssessmentNote[] = [];
  const lint: Record<string, unknown> = {};
  const settings: Record<string, unknown> = { lint };
  const used: string[] = [];
  if (ruffTable !== undefined) {
    for (const key of ['select', 'extend-select', 'ignore'] as const) {
      const v = tomlSetting(ruffTable, key);
      if (Array.isArray(v)) {
        lint[key] = v;
        used.push(`${key} = [${v.join(', ')}]`);
      }
    }
    const ll = tomlSetting(ruffTable, 'line-length');
    if (typeof ll === 'number') {
      settings['line-length'] = ll;
      used.push(`line-length = ${ll}`);
    }
  }
  // The WebAssembly build's defaults are broader than the command line's; with no choice in
  // the project, use the command line's, which is what the learner's `ruff check` would run.
  if (lint.select === undefined) lint.select = RUFF_DEFAULT_SELECT;
  if (opts.firstParty) lint.isort = { 'known-first-party': [...opts.firstParty] };
  let rejected = ruffAcceptsSettings(settings);
  if (rejected) {
    notes.push({ message: `Ruff does not accept the project's lint settings (${rejected}); its default rules were used instead.` });
    lint.select = RUFF_DEFAULT_SELECT;
    delete lint['extend-select'];
    delete lint.ignore;
    used.length = 0;
    rejected = ruffAcceptsSettings(settings);
  }
  const findings: LintFinding[] = [];
  const files = sources.map((s) => ({ file: s.rel, text: s.lines.join('\n') }));
  const diagnostics = await lintWithWasm(settings, files, (done) => {
    if (done % 50 === 0) opts.progress?.('Linting with Ruff', done, files.length);
    return !opts.signal?.aborted;
  });
  for (const d of diagnostics) {
    const code = d.code ?? 'syntax';
    findings.push({ file: d.file, line: d.line, code, family: code === 'syntax' ? 'syntax' : (/^[A-Z]+/.exec(code)?.[0] ?? code), message: d.message });
  }
  return { findings, notes, settingsUsed: used.length ? `the project's ${used.join(', ')}` : "Ruff's default rules" };
}
