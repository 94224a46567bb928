// The learner's own Ruff settings, for the Ruff checks that name a `config` file: a team's
// pyproject.toml decides line length, quote style, isort sections and rule selection, so the
// check formats and lints as the learner's `ruff` would.
//
// Hermetic all the same: the file is read with the learner's Python (tomllib) and its
// settings are handed to Ruff as settings (inline `--config KEY = VALUE` overrides with
// `--isolated`, or the WebAssembly build's options), never as a file Ruff could follow
// elsewhere. Settings that choose which files are read (exclude, per-file-ignores…), point
// at other files (extend) or change how Ruff runs (fix, output-format…) are left out, and
// the result says so: the check decides what it reads and how.

import * as path from 'path';
import { inside } from '../core/paths';
import { askPython } from './pyhelper';
import type { CheckContext, CommandRun } from './types';

/** Dotted setting names the check never takes from the learner's file, with the reason shown. */
export const LEFT_OUT_SETTINGS: Readonly<Record<string, string>> = {
  extend: 'the check reads only this file',
  exclude: 'the check decides which files it reads',
  'extend-exclude': 'the check decides which files it reads',
  include: 'the check decides which files it reads',
  'extend-include': 'the check decides which files it reads',
  'force-exclude': 'the check decides which files it reads',
  'respect-gitignore': 'the check decides which files it reads',
  'per-file-ignores': 'every file is held to the same rules',
  'extend-per-file-ignores': 'every file is held to the same rules',
  'lint.exclude': 'the check decides which files it reads',
  'lint.per-file-ignores': 'every file is held to the same rules',
  'lint.extend-per-file-ignores': 'every file is held to the same rules',
  'format.exclude': 'the check decides which files it reads',
  fix: 'the check never changes your files',
  'unsafe-fixes': 'the check never changes your files',
  'show-fixes': 'the check decides how Ruff reports',
  'output-format': 'the check decides how Ruff reports',
  'cache-dir': 'the check runs without a cache',
  'required-version': 'the check runs the Ruff it finds',
};

export interface RuffSettings {
  /** The settings to run Ruff with, shaped like `[tool.ruff]`; empty for Ruff's defaults. */
  readonly settings: Record<string, unknown>;
  /** Lines for the result's details: where the settings came from, what was left out. */
  readonly notes: string[];
  /** Why the file cannot be used (not TOML, say); the check fails with it. */
  readonly problem?: string;
}

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The table without the settings in LEFT_OUT_SETTINGS, and the dotted names of those it had. */
export function withoutLeftOut(table: Record<string, unknown>, prefix = ''): { settings: Record<string, unknown>; leftOut: string[] } {
  const settings: Record<string, unknown> = {};
  const leftOut: string[] = [];
  for (const [key, value] of Object.entries(table)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (key === '__proto__') continue; // not a Ruff setting, and it would not stay a plain key here
    if (Object.prototype.hasOwnProperty.call(LEFT_OUT_SETTINGS, name)) {
      leftOut.push(name);
    } else if (isTable(value) && !prefix && (key === 'lint' || key === 'format')) {
      const inner = withoutLeftOut(value, name);
      settings[key] = inner.settings;
      leftOut.push(...inner.leftOut);
    } else {
      settings[key] = value;
    }
  }
  return { settings, leftOut };
}

const bareKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

/** A JSON value as a TOML value (strings, numbers, booleans, arrays, inline tables). */
export function tomlValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v); // JSON string escapes are TOML basic-string escapes
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(tomlValue).join(', ')}]`;
  if (isTable(v)) return `{ ${Object.entries(v).map(([k, x]) => `${bareKey(k)} = ${tomlValue(x)}`).join(', ')} }`;
  throw new Error(`a setting has a value TOML cannot hold here: ${JSON.stringify(v)}`);
}

/** The settings as Ruff's command-line overrides: one `--config "a.b = value"` per leaf. */
export function cliOverrides(settings: Record<string, unknown>, prefix: string[] = []): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const keys = [...prefix, bareKey(key)];
    if (isTable(value)) out.push(...cliOverrides(value, keys));
    else out.push('--config', `${keys.join('.')} = ${tomlValue(value)}`);
  }
  return out;
}

/** Whether the settings set `key` themselves (`select` and `ignore` at the top level or under lint). */
export function hasSetting(settings: Record<string, unknown>, key: 'select' | 'ignore' | 'line-length'): boolean {
  if (key === 'line-length') return 'line-length' in settings;
  return key in settings || (isTable(settings.lint) && key in settings.lint);
}

/**
 * Reads the Ruff settings from `file` in the learner's folder: the `[tool.ruff]` table of a
 * pyproject.toml, or the whole of a ruff.toml. A missing file or table means Ruff's defaults.
 */
export async function readRuffSettings(ctx: CheckContext, file: string, runs: CommandRun[]): Promise<RuffSettings> {
  const abs = inside(ctx.workDir, file, 'config');
  const pyproject = path.basename(file) === 'pyproject.toml';
  const key = pyproject ? 'tool.ruff' : '';
  const where = pyproject ? `[tool.ruff] in ${file}` : file;
  const toml = await askPython(ctx, 'toml', { file: abs, keys: [key], optional: true }, runs);
  if (toml.absent) return { settings: {}, notes: [`${file} does not exist, so Ruff ran with its defaults.`] };
  if (toml.error) return { settings: {}, notes: [], problem: `${file}: ${toml.error}.` };
  const table = toml.found?.[key];
  if (table === undefined) return { settings: {}, notes: [`${file} has no [tool.ruff] table, so Ruff ran with its defaults.`] };
  if (!isTable(table)) return { settings: {}, notes: [], problem: `${file}: [tool.ruff] must be a table of settings.` };
  const { settings, leftOut } = withoutLeftOut(table);
  // Ignoring every rule passes any code: a finding is fixed, or its rule ignored by name.
  const ignores = [settings.ignore, isTable(settings.lint) ? settings.lint.ignore : undefined].flatMap((v) => (Array.isArray(v) ? v : []));
  if (ignores.includes('ALL')) return { settings: {}, notes: [], problem: `${where}: ignore = ["ALL"] switches every rule off; fix the findings, or ignore the rules you have a reason for by code, each with the reason in a comment.` };
  const notes = [`Ruff ran with the settings of ${where}.`];
  if (leftOut.length) notes.push(`Left out of the check: ${leftOut.map((n) => `${n} (${LEFT_OUT_SETTINGS[n]})`).join(', ')}.`);
  return { settings, notes };
}
