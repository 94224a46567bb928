// The learner's own mypy settings, for a mypy check that names a `config` file: on their own
// project, mypy must judge the code with the rules the learner wrote down for the team.
//
// Hermetic all the same: `[tool.mypy]` is read with the learner's Python (tomllib) and
// written out as an ini file outside the copy, so mypy never reads a file it could be told
// to follow elsewhere. Settings that choose the files, point at other files or load code
// (plugins) are left out, and the check says so. `ignore_errors` for the whole project
// switches mypy off: it is refused; per module, in `[[tool.mypy.overrides]]`, it is the
// config justifying an exception, which is what the exercise asks for.

import type { CheckContext, CommandRun } from './types';
import { inside } from '../core/paths';
import { askPython } from './pyhelper';

/** Settings the check never takes from the learner's file, with the reason shown. */
export const LEFT_OUT_MYPY: Readonly<Record<string, string>> = {
  files: 'the check decides which files it reads',
  exclude: 'the check decides which files it reads',
  modules: 'the check decides which files it reads',
  packages: 'the check decides which files it reads',
  mypy_path: 'the check reads only your folder',
  plugins: 'the check loads no code of its own choosing',
  cache_dir: 'the check keeps its own cache',
  sqlite_cache: 'the check keeps its own cache',
  python_executable: 'the check runs the interpreter you selected',
  custom_typeshed_dir: 'the check reads only your folder',
  junit_xml: 'the check decides how mypy reports',
  pretty: 'the check decides how mypy reports',
  error_summary: 'the check decides how mypy reports',
  color_output: 'the check decides how mypy reports',
  show_column_numbers: 'the check decides how mypy reports',
  show_error_codes: 'the check decides how mypy reports',
  hide_error_codes: 'the check decides how mypy reports',
  show_error_context: 'the check decides how mypy reports',
  show_absolute_path: 'the check decides how mypy reports',
};

export interface MypyIni {
  /** The ini text for `--config-file`. */
  readonly ini: string;
  /** Where the settings came from, what was left out. */
  readonly notes: string[];
  /** Why the settings cannot be used; the check fails with it. */
  readonly problem?: string;
}

const isTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function iniValue(key: string, v: unknown): string | { problem: string } {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return /[\r\n]/.test(v) ? { problem: `${key} holds a line break` } : v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && !/[\r\n,]/.test(x))) return v.join(', ');
  return { problem: `${key} must be true or false, a number, a string or a list of strings` };
}

/** One ini section from a table of settings; the left-out ones named in `leftOut`. */
function section(name: string, table: Record<string, unknown>, where: string, leftOut: string[]): string[] | { problem: string } {
  const lines = [`[${name}]`];
  for (const [rawKey, value] of Object.entries(table)) {
    const key = rawKey.replace(/-/g, '_');
    if (key === 'overrides' || key === 'module') continue;
    if (Object.prototype.hasOwnProperty.call(LEFT_OUT_MYPY, key)) {
      leftOut.push(`${where}${key}`);
      continue;
    }
    const v = iniValue(key, value);
    if (typeof v !== 'string') return { problem: `${where}${v.problem}` };
    lines.push(`${key} = ${v}`);
  }
  return lines;
}

/**
 * `[tool.mypy]` (with its `[[tool.mypy.overrides]]`) as mypy.ini text. Pure, so it is
 * unit-tested without mypy.
 */
export function mypyIniFrom(table: Record<string, unknown>, file: string): MypyIni {
  if (table.ignore_errors === true || table['ignore-errors'] === true) {
    return { ini: '', notes: [], problem: `${file}: ignore_errors = true in [tool.mypy] switches mypy off for the whole project; fix the errors, or name the modules you cannot fix yet in a [[tool.mypy.overrides]] block, with the reason in a comment` };
  }
  const leftOut: string[] = [];
  const main = section('mypy', table, '', leftOut);
  if (!Array.isArray(main)) return { ini: '', notes: [], problem: `${file}: [tool.mypy] ${main.problem}` };
  const sections = [main];
  const overrides = table.overrides ?? [];
  if (!Array.isArray(overrides) || !overrides.every(isTable)) return { ini: '', notes: [], problem: `${file}: tool.mypy.overrides must be a list of tables ([[tool.mypy.overrides]])` };
  for (const [i, o] of overrides.entries()) {
    const modules = typeof o.module === 'string' ? [o.module] : o.module;
    if (!Array.isArray(modules) || !modules.length || !modules.every((m) => typeof m === 'string' && /^[\w.*]+$/.test(m))) {
      return { ini: '', notes: [], problem: `${file}: [[tool.mypy.overrides]] number ${i + 1} needs module = a module name or a list of them` };
    }
    const s = section(`mypy-${modules.join(',')}`, o, `overrides[${i}].`, leftOut);
    if (!Array.isArray(s)) return { ini: '', notes: [], problem: `${file}: [[tool.mypy.overrides]] ${s.problem}` };
    sections.push(s);
  }
  const notes = [`mypy ran with the settings of [tool.mypy] in ${file}.`];
  if (leftOut.length) notes.push(`Left out of the check: ${leftOut.map((n) => `${n} (${LEFT_OUT_MYPY[n.replace(/^overrides\[\d+\]\./, '')]})`).join(', ')}.`);
  return { ini: sections.map((s) => s.join('\n')).join('\n\n') + '\n', notes };
}

/** Reads `[tool.mypy]` of `file` in the learner's folder; a missing file or table means mypy's defaults. */
export async function readMypySettings(ctx: CheckContext, file: string, runs: CommandRun[]): Promise<MypyIni> {
  const abs = inside(ctx.workDir, file, 'config');
  const toml = await askPython(ctx, 'toml', { file: abs, keys: ['tool.mypy'], optional: true }, runs);
  if (toml.absent) return { ini: '[mypy]\n', notes: [`${file} does not exist, so mypy ran with its defaults.`] };
  if (toml.error) return { ini: '', notes: [], problem: `${file}: ${toml.error}.` };
  const table = toml.found?.['tool.mypy'];
  if (table === undefined) return { ini: '[mypy]\n', notes: [`${file} has no [tool.mypy] table, so mypy ran with its defaults.`] };
  if (!isTable(table)) return { ini: '', notes: [], problem: `${file}: [tool.mypy] must be a table of settings.` };
  return mypyIniFrom(table, file);
}
