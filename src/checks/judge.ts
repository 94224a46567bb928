// The exercise's own tests, run in a judge process that never imports or runs the learner's
// code (resources/python/upskill_judge.py). pytest, the assertions, the timing, the memory
// measurements and the JUnit report all live in the judge; the learner's modules run in a
// worker process behind an audit hook (upskill_worker.py, upskill_guard.py), and only data
// crosses between them (upskill_wire.py). The tests themselves sit in a folder beside the
// copy, which the worker may not read.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import GUARD from '../../resources/python/upskill_guard.py';
import JUDGE from '../../resources/python/upskill_judge.py';
import JUDGE_RUN from '../../resources/python/upskill_judge_run.py';
import NOTEBOOK from '../../resources/python/upskill_notebook.py';
import TRACE from '../../resources/python/upskill_trace.py';
import UNSEEDED from '../../resources/python/upskill_unseeded.py';
import WIRE from '../../resources/python/upskill_wire.py';
import WORKER from '../../resources/python/upskill_worker.py';
import { inside } from '../core/paths';
import { parseJUnit } from './junit';
import { logOutput } from './output';
import { runProcess, timeLeft } from './process';
import { requireModule } from './python';
import { type PytestRun, namespaceFlags, NETWORK_BLOCKS, toolDir } from './pytestRun';
import type { CheckContext } from './types';

/** The Python files of the judge, by the name they are written under. */
export const JUDGE_FILES: Readonly<Record<string, string>> = {
  'upskill_guard.py': GUARD,
  'upskill_judge.py': JUDGE,
  'upskill_judge_run.py': JUDGE_RUN,
  'upskill_notebook.py': NOTEBOOK,
  'upskill_trace.py': TRACE,
  'upskill_unseeded.py': UNSEEDED,
  'upskill_wire.py': WIRE,
  'upskill_worker.py': WORKER,
};

/** Each interpreter's bytecode of JUDGE_FILES (see judgeBytecode): relative path in the lib folder → bytes. */
const bytecode = new Map<string, Promise<ReadonlyMap<string, Buffer>>>();

/** Compiles the files named after the folder; prints the pycs' paths in that folder, as JSON. */
const COMPILE_JUDGE = `import importlib.util, json, os, py_compile, sys
lib, out = sys.argv[1], []
for name in sys.argv[2:]:
    source = os.path.join(lib, name)
    pyc = importlib.util.cache_from_source(source)
    py_compile.compile(source, cfile=pyc, doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    out.append(os.path.relpath(pyc, lib))
print(json.dumps(out))
`;

/**
 * The judge's files compiled by `python`, written beside their sources in every run's lib
 * folder. Without them the judge and each worker (a check can start several: measure()
 * runs every call in a fresh one) compiled about 4,000 lines of Python before a test ran:
 * about 0.1 s of CPU a check on this machine. Made once per interpreter and process, from
 * the same text written each run, in a private folder before any learner code exists; the
 * learner's code may not write to the lib folder (upskill_guard.py), so these are as
 * trusted as the sources beside them. They are unchecked-hash pycs: a fresh folder's
 * timestamps would make timestamp pycs stale every run. An interpreter upgraded under the
 * same path ignores them (their magic number is another version's) and compiles the
 * source, as it does when compiling failed here (an empty map).
 */
export function judgeBytecode(python: string): Promise<ReadonlyMap<string, Buffer>> {
  let made = bytecode.get(python);
  if (!made) {
    made = (async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-judge-pyc-'));
      try {
        const names = Object.keys(JUDGE_FILES);
        for (const name of names) await fs.writeFile(path.join(dir, name), JUDGE_FILES[name], 'utf8');
        const run = await runProcess([python, '-I', '-c', COMPILE_JUDGE, dir, ...names], { cwd: dir, timeoutMs: 60_000 });
        if (run.exitCode !== 0) return new Map<string, Buffer>();
        const out = new Map<string, Buffer>();
        // inside() throws for a path that would leave the folder (caught below: no bytecode).
        for (const rel of JSON.parse(run.stdout) as string[]) out.set(rel, await fs.readFile(inside(dir, rel, 'compiled judge file')));
        return out;
      } catch {
        return new Map<string, Buffer>();
      } finally {
        await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      }
    })();
    bytecode.set(python, made);
  }
  return made;
}

/** The oldest Python whose audit hooks and typing the judge and worker rely on. */
export const JUDGE_MIN_PYTHON: readonly [number, number] = [3, 9];

export interface JudgeFile {
  /** Path in the judge's test folder (the same as in the exercise's starter or hidden tests). */
  readonly rel: string;
  /** Where the exercise keeps it. */
  readonly from: string;
}

export interface JudgeOptions {
  readonly noNetwork?: boolean;
  /** The code under test may start processes (refused by the audit hook otherwise). */
  readonly allowProcesses?: boolean;
  /** Seconds one call into the learner's code may take before the worker is stopped. */
  readonly callTimeoutSeconds?: number;
  /**
   * Stop at the first failing test (pytest -x): for a caller that needs only to know the
   * check fails (the content validator's starters and cheats, never a learner). Sound: a
   * run with a failure fails whole, so stopping there changes no verdict.
   */
  readonly exitFirst?: boolean;
}

export interface JudgeRun extends PytestRun {
  /** What the audit hook refused of the learner's code, one sentence each. */
  readonly refusals: readonly string[];
  /** How worker processes ended early (crashed, hung, flooded the protocol). */
  readonly crashes: readonly string[];
  /** Worker processes the tests used (the one started with the judge counts once it is used). */
  readonly workers: number;
  /** Worker processes started, used or not (the one started with the judge included). */
  readonly started: number;
}

/** Files that Python could import or execute: never linked into the judge's folder. */
const CODE_FILE = /\.(py|pyc|pyo|pyd|pyi|pyw|pyz|so|pth|zip|egg|whl|dylib|dll)$/i;

/**
 * The tests' folder shows the copy's data as its own (`Path(__file__).parent / "data.csv"`
 * works as it does in the learner's folder): every file of the copy that is not code and that
 * the judge's folder lacks is linked to the copy's file. The learner's modules are never there,
 * so the judge can import none of them by accident; the worker, which may not read the
 * judge's folder, reads the links' targets in the copy.
 */
export async function overlayData(copy: string, judgeDir: string, rel = ''): Promise<void> {
  for (const e of await fs.readdir(path.join(copy, rel), { withFileTypes: true }).catch(() => [])) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) {
      if (e.name === '__pycache__' || e.name === '.git') continue;
      await fs.mkdir(path.join(judgeDir, r), { recursive: true });
      await overlayData(copy, judgeDir, r);
    } else if (e.isFile() && !CODE_FILE.test(e.name)) {
      await fs.symlink(path.join(copy, r), path.join(judgeDir, r)).catch(() => undefined);
    }
  }
}

/** Whether this interpreter can run the judge (it needs PEP 578 audit hooks and modern typing). */
export function judgeSupports(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  // A version not fully known is given the benefit of the doubt: the worker says if it cannot start.
  if (!Number.isFinite(major) || !Number.isFinite(minor)) return true;
  return major > JUDGE_MIN_PYTHON[0] || (major === JUDGE_MIN_PYTHON[0] && minor >= JUDGE_MIN_PYTHON[1]);
}

/** Runs `files` (the exercise's tests, its own modules and data) as the judge's test folder against the copy in ctx.workDir. */
export async function runJudge(ctx: CheckContext, files: readonly JudgeFile[], args: readonly string[], opts: JudgeOptions = {}): Promise<JudgeRun> {
  await requireModule(ctx.python, 'pytest');
  const scratch = await toolDir(ctx);
  try {
    const lib = path.join(scratch, 'lib');
    const judgeDir = path.join(scratch, 'judge');
    const tmp = path.join(scratch, 'tmp');
    await Promise.all([lib, judgeDir, tmp].map((d) => fs.mkdir(d, { recursive: true })));
    for (const [name, source] of Object.entries(JUDGE_FILES)) await fs.writeFile(path.join(lib, name), source, 'utf8');
    for (const [rel, code] of await judgeBytecode(ctx.python.path)) {
      const file = path.join(lib, rel);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, code);
    }
    for (const f of files) {
      const dest = path.join(judgeDir, f.rel);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      await fs.copyFile(f.from, dest);
    }
    await overlayData(ctx.workDir, judgeDir);
    const ini = path.join(scratch, 'pytest.ini');
    await fs.writeFile(ini, '[pytest]\naddopts =\n', 'utf8');
    const junit = path.join(scratch, 'junit.xml');
    const report = path.join(scratch, 'judge-report.json');
    const config = path.join(scratch, 'judge.json');
    await fs.writeFile(
      config,
      JSON.stringify({
        copy: ctx.workDir,
        tmp,
        lib,
        judge: judgeDir,
        report,
        // Never readable from the learner's code: the tests, and the exercise with its reference solution.
        secret: [judgeDir, ctx.exercise.dir],
        allowProcesses: opts.allowProcesses === true,
        noNetwork: opts.noNetwork === true,
        callTimeout: opts.callTimeoutSeconds ?? 60,
      }),
      'utf8',
    );
    const conftests = files.some((f) => path.basename(f.rel) === 'conftest.py');
    const argv = [ctx.python.path, '-I', path.join(lib, 'upskill_judge_run.py'), config, '-q', '-rN', '--color=no', '--tb=long', '-c', ini, '--rootdir', judgeDir, '--confcutdir', judgeDir, '-o', 'addopts=', '-p', 'no:cacheprovider', `--basetemp=${path.join(tmp, 'pytest')}`, `--junitxml=${junit}`, '-o', 'junit_family=xunit1'];
    if (!conftests) argv.push('--noconftest');
    if (opts.exitFirst) argv.push('-x');
    argv.push(...args, judgeDir);
    let networkBlock: string | undefined;
    if (opts.noNetwork) {
      const flags = await namespaceFlags();
      if (flags) argv.unshift('unshare', ...flags, '--');
      networkBlock = flags ? NETWORK_BLOCKS.namespace : 'network blocked in Python (the audit hook of the process that runs your code)';
      ctx.log(`  ${networkBlock}`);
    }
    // pytest reads these itself (isolated mode covers only PYTHON* variables); no plugin
    // installed in the interpreter loads into the judge either.
    const env = { PYTEST_ADDOPTS: undefined, PYTEST_PLUGINS: undefined, PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1', PYTHONPATH: undefined, PYTHONSTARTUP: undefined };
    const run = await runProcess(argv, { cwd: ctx.workDir, env, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
    logOutput(ctx, run);
    const xml = await fs.readFile(junit, 'utf8').catch(() => '');
    // The judge's folder goes away; the same files sit in the copy (shipped) or the learner's folder (revealed).
    const tests = parseJUnit(xml).map((t) => ({ ...t, file: t.file ? path.resolve(ctx.workDir, t.file) : undefined }));
    const facts = JSON.parse(await fs.readFile(report, 'utf8').catch(() => '{}')) as { refusals?: string[]; crashes?: string[]; workers?: number; started?: number };
    return { run, tests, networkBlock, refusals: facts.refusals ?? [], crashes: facts.crashes ?? [], workers: facts.workers ?? 0, started: facts.started ?? 0 };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
