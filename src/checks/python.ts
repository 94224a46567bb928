// Finding the learner's interpreter and the modules a check needs, with messages that say
// what was searched and how to fix it.

import { isAbsolute } from 'path';
import { runProcess } from './process';
import { type InterpreterCandidate, MissingToolError, type PythonInfo } from './types';

const PROBE = 'import sys; print(sys.executable); print(sys.version.split()[0])';

export async function resolvePython(candidates: readonly InterpreterCandidate[], timeoutMs = 15_000): Promise<PythonInfo> {
  const tried: string[] = [];
  for (const c of candidates) {
    const run = await runProcess([c.path, '-c', PROBE], { cwd: process.cwd(), timeoutMs });
    if (run.exitCode === 0) {
      const [executable, version] = run.stdout.trim().split(/\r?\n/);
      // Keep the path the learner chose (a venv's python, a wrapper); sys.executable only fills in a bare name.
      if (executable && version) return { path: isAbsolute(c.path) ? c.path : executable.trim(), version: version.trim(), origin: c.origin };
    }
    tried.push(`${c.path} (${c.origin})`);
  }
  throw new MissingToolError(
    `No Python interpreter was found. Searched: ${tried.join(', ')}. Install Python 3, or set "upskill.pythonPath" to your interpreter.`,
    tried,
  );
}

const known = new Map<string, boolean>();

/** Throws a MissingToolError offering `<python> -m pip install <pipName>` if the module is missing. */
export async function requireModule(python: PythonInfo, module: string, pipName = module, timeoutMs = 30_000): Promise<void> {
  const key = `${python.path}\0${module}`;
  if (known.get(key)) return;
  const run = await runProcess([python.path, '-c', `import ${module}`], { cwd: process.cwd(), timeoutMs });
  if (run.exitCode === 0) {
    known.set(key, true);
    return;
  }
  throw new MissingToolError(
    `${module} is not installed for ${python.path} (Python ${python.version}, from ${python.origin}). Install it with: ${python.path} -m pip install ${pipName}`,
    [python.path],
    python.path,
    pipName,
  );
}

export async function hasModule(python: PythonInfo, module: string): Promise<boolean> {
  try {
    await requireModule(python, module);
    return true;
  } catch {
    return false;
  }
}

/** Drops the current folder from sys.path, then runs the module as `python -m` would. */
const LAUNCH = "import runpy,sys;sys.path[:]=[p for p in sys.path if p not in('','.')];m=sys.argv.pop(1);sys.argv[0]=m;runpy.run_module(m,run_name='__main__',alter_sys=True)";

/**
 * argv that runs a tool module (pytest, mypy, ruff) with the learner's interpreter, but never
 * a module of that name from the folder being checked: `python -m pytest` puts the current
 * folder first on sys.path, so a learner's pytest.py or mypy/ would run instead of the tool.
 * Python 3.11 and later have `-P` for this; older ones get a two-line launcher.
 */
export function pythonModule(python: PythonInfo, module: string): string[] {
  const [major, minor] = python.version.split('.').map(Number);
  return major > 3 || (major === 3 && minor >= 11) ? [python.path, '-P', '-m', module] : [python.path, '-c', LAUNCH, module];
}
