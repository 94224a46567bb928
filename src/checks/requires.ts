// The Python packages an exercise requires (`requires:` in its YAML, import names such as
// numpy): probed once per check run with the learner's resolved interpreter, in one short
// subprocess, before any check runs. A package it cannot import stops the run the way a
// missing tool does (a MissingToolError), so the learner is offered the install for that
// interpreter instead of reading an ImportError in a pytest traceback.

import * as os from 'os';
import { debianName, pipName } from '../core/pythonPackages';
import { runProcess } from './process';
import { MissingToolError, type PythonInfo } from './types';

/**
 * Prints a JSON list of the names in argv that the interpreter cannot find. The folder the
 * probe runs in is dropped from sys.path (a stray numpy.py there must not count), and a
 * package whose import machinery errors counts as missing.
 */
export const FIND_SPEC = [
  'import importlib.util, json, sys',
  "sys.path[:] = [p for p in sys.path if p not in ('', '.')]",
  'def missing(name):',
  '    try:',
  '        return importlib.util.find_spec(name) is None',
  '    except (ImportError, ValueError):',
  '        return True',
  'print(json.dumps([n for n in sys.argv[1:] if missing(n)]))',
].join('\n');

export { debianName, pipName } from '../core/pythonPackages';

/** The names in `modules` that `python` cannot import; one subprocess, nothing when `modules` is empty. */
export async function missingPackages(python: PythonInfo, modules: readonly string[], opts: { readonly signal?: AbortSignal; readonly timeoutMs?: number } = {}): Promise<string[]> {
  if (!modules.length) return [];
  // PYTHONPATH is cleared as for the pytest run, so the probe sees what the tests will see.
  const run = await runProcess([python.path, '-c', FIND_SPEC, ...modules], {
    cwd: os.tmpdir(),
    env: { PYTHONPATH: undefined, PYTHONSTARTUP: undefined },
    timeoutMs: opts.timeoutMs ?? 30_000,
    signal: opts.signal,
  });
  if (run.exitCode !== 0) {
    const last = `${run.stderr}\n${run.stdout}`.trim().split('\n').pop() ?? '';
    throw new Error(`asking ${python.path} whether it can import ${modules.join(', ')} failed (exit ${run.exitCode ?? run.signal}${run.timedOut ? ', timed out' : ''}): ${last}`);
  }
  const answer = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as unknown;
  if (!Array.isArray(answer)) throw new Error(`${python.path} gave an unexpected answer about ${modules.join(', ')}: ${run.stdout.trim()}`);
  return modules.filter((m) => answer.includes(m));
}

const listed = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** What the learner reads: the package(s), the interpreter searched, the pip command, and the Debian way out. */
export function missingPackageMessage(python: PythonInfo, missing: readonly string[], exerciseTitle?: string): string {
  const pkgs = missing.map(pipName);
  const them = missing.length === 1 ? 'it' : 'them';
  const what = `${exerciseTitle ? `"${exerciseTitle}"` : 'This exercise'} needs the Python package${missing.length === 1 ? '' : 's'} ${listed(missing)}`;
  return (
    `${what}, which ${python.path} (Python ${python.version}, from ${python.origin}) cannot import. ` +
    `Install ${them} for that interpreter with: ${python.path} -m pip install ${pkgs.join(' ')}. ` +
    `If pip refuses with "externally-managed-environment" (Debian's and Ubuntu's own python3), ` +
    `install ${them} with "sudo apt install ${missing.map(debianName).join(' ')}", or create a virtual environment ` +
    `(python3 -m venv .venv), install ${them} there and select it as the interpreter (or set "upskill.pythonPath"). Then check again.`
  );
}

/**
 * Throws a MissingToolError when the interpreter cannot import a package the exercise
 * requires; its `python` and `module` make the UI offer `<python> -m pip install <packages>`.
 */
export async function requirePackages(
  python: PythonInfo,
  modules: readonly string[] | undefined,
  opts: { readonly signal?: AbortSignal; readonly timeoutMs?: number; readonly exerciseTitle?: string; readonly log?: (line: string) => void } = {},
): Promise<void> {
  if (!modules?.length) return;
  const missing = await missingPackages(python, modules, opts);
  opts.log?.(`Required packages ${modules.join(', ')}: ${missing.length ? `${missing.join(', ')} missing` : 'all importable'} for ${python.path}.`);
  if (!missing.length) return;
  throw new MissingToolError(missingPackageMessage(python, missing, opts.exerciseTitle), [python.path], python.path, missing.map(pipName).join(' '));
}
