// Check Environment, the probing part: which interpreter checks will use and why, one Python
// process that answers for every package (core/environment.ts holds the probe), git and
// bash asked for their versions, all cached until the interpreter or one of its
// site-packages folders changes (their mtimes), so that a check's pre-flight costs a few
// stat calls. It also turns what is missing into a setup problem with its fix, before a
// check runs, and keeps the `upskill.environmentReady` context key (the walkthrough's
// first step) in step with the last full report.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { InterpreterCandidate, PythonInfo } from '../checks/types';
import { ContextKeys } from '../constants';
import { commandLine } from '../core/commandLine';
import {
  ENVIRONMENT_PROBE,
  type EnvironmentClass,
  type Fix,
  KNOWN_TOOLS,
  type ManualFix,
  MIN_PYTHON,
  type ProbeAnswer,
  type ProgramAnswer,
  type ToolRow,
  classify,
  fixForModules,
  gapsOf,
  manualFixForProgram,
  parseProbe,
  probeArgument,
  requirementsOf,
  toolRows,
  venvPython,
  versionSupported,
} from '../core/environment';
import { Emitter } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import { type Exercise, exercisesInOrder } from '../core/model';
import type { ContentService } from './contentService';
import type { ExerciseService } from './exerciseService';
import { interpreterCandidates } from './interpreter';
import { checksModule } from './lazy';

export interface ProbedPython extends PythonInfo {
  readonly env: EnvironmentClass;
  readonly answer: ProbeAnswer;
}

export interface Fixes {
  /** For the missing Python packages: one fix in this environment, and an offline alternative when there is one. */
  readonly fix?: Fix;
  readonly alternative?: Fix;
  /** What only the learner can do: install a program, choose another Python. */
  readonly manual: readonly ManualFix[];
}

export interface EnvironmentReport {
  readonly python?: ProbedPython;
  /** Interpreters tried, in order, up to the one that answered, with how each was chosen. */
  readonly tried: readonly InterpreterCandidate[];
  /** No interpreter starts, or the one found is too old. */
  readonly interpreterProblem?: string;
  readonly rows: readonly ToolRow[];
  readonly fixes: Fixes;
  /** Everything an exercise needs is there (optional tools aside). */
  readonly ready: boolean;
  /** How long the probes took (0 when every answer came from the cache). */
  readonly probeMs: number;
}

/** Told before a check runs, instead of a verdict: nothing is recorded. */
export interface SetupProblem {
  readonly message: string;
  readonly fixes: Fixes;
}

interface Cached {
  readonly python: ProbedPython;
  readonly modules: string;
  /** mtimes of the interpreter and its site-packages folders when probed. */
  readonly stamp: string;
}

const PROBE_TIMEOUT_MS = 20_000;
const choosePython = (): ManualFix => ({
  title: vscode.l10n.t('Choose Python'),
  detail: vscode.l10n.t('Choose a Python {0} or later for checks: select it in the Python extension, or set "upskill.pythonPath" to its path.', MIN_PYTHON.join('.')),
});

export class EnvironmentService extends DisposableBase {
  private readonly cache = new Map<string, Cached>();
  private programs?: Promise<Record<string, ProgramAnswer>>;
  private programsKey = '';
  private readonly reported = this.register(new Emitter<EnvironmentReport>());
  /** Fires after each full report (Check Environment, and after a fix ran). */
  readonly onDidReport = this.reported.event;

  constructor(
    private readonly content: ContentService,
    private readonly exercises: ExerciseService,
    private readonly log: vscode.LogOutputChannel,
    /** Where the exercises' .venv goes when there is no exercises folder. */
    private readonly storageDir: string,
  ) {
    super();
  }

  /** Forget every answer: after a fix ran, or when the learner asks to check again. */
  invalidate(): void {
    this.cache.clear();
    this.programs = undefined;
  }

  /** "pytest 8.3.4", … for an interpreter as last asked (from the cache: never a process). */
  knownVersions(pythonPath: string): string[] {
    const hit = [...this.cache.values()].find((c) => c.python.path === pythonPath);
    if (!hit) return [];
    return KNOWN_TOOLS.filter((t) => t.kind === 'module' && hit.python.answer.packages[t.id]?.version).map((t) => `${t.label} ${hit.python.answer.packages[t.id].version}`);
  }

  /** The folder the exercises' venv is made in: `<exercises folder>/.venv`. */
  venvDir(): string {
    return path.join(this.exercises.exercisesRoot() ?? this.storageDir, '.venv');
  }

  /** Everything, for the Check Environment report; sets the walkthrough's context key. */
  async report(options: { force?: boolean } = {}): Promise<EnvironmentReport> {
    if (options.force) this.invalidate();
    const catalog = await this.content.get();
    const report = await this.build(exercisesInOrder(catalog), this.resource());
    await vscode.commands.executeCommand('setContext', ContextKeys.environmentReady, report.ready);
    this.reported.fire(report);
    return report;
  }

  /**
   * Before a check: the interpreter it will use and what stops it, if anything (from the
   * cache when nothing changed). `resource` is the exercise's folder (the Python extension
   * may choose per folder).
   */
  async preflight(exercise: Exercise, resource: vscode.Uri): Promise<{ readonly python?: PythonInfo; readonly problem?: SetupProblem }> {
    const report = await this.build([exercise], resource);
    const python = report.python && { path: report.python.path, version: report.python.version, origin: report.python.origin };
    const problem = this.problemOf(exercise, report);
    return { ...(python && { python }), ...(problem && { problem }) };
  }

  private problemOf(exercise: Exercise, report: EnvironmentReport): SetupProblem | undefined {
    const notCounted = vscode.l10n.t('This is a setup problem, not your solution: no attempt was recorded.');
    if (report.interpreterProblem) return { message: vscode.l10n.t('"{0}" cannot be checked yet: {1} {2}', exercise.title, report.interpreterProblem, notCounted), fixes: report.fixes };
    const missing = report.rows.filter((r) => r.gap);
    if (!missing.length || !report.python) return undefined;
    const p = report.python;
    const names = missing.map((r) => r.tool.label).join(', ');
    const what = missing.every((r) => r.tool.kind === 'program')
      ? vscode.l10n.t('{0} not found on PATH.', names)
      : vscode.l10n.t('{0} missing for {1} (Python {2}, {3}, from {4}).', names, p.path, p.version, describeShort(p.env), p.origin);
    return { message: vscode.l10n.t('"{0}" cannot be checked yet: {1} {2}', exercise.title, what, notCounted), fixes: report.fixes };
  }

  private async build(exercises: readonly Exercise[], resource: vscode.Uri | undefined): Promise<EnvironmentReport> {
    const started = Date.now();
    let probed = false;
    const requirements = requirementsOf(exercises);
    const modules = [...new Set([...KNOWN_TOOLS.filter((t) => t.kind === 'module').map((t) => t.id), ...[...requirements.values()].filter((r) => r.tool.kind === 'module').map((r) => r.tool.id)])];
    const programIds = [...new Set([...KNOWN_TOOLS.filter((t) => t.kind === 'program').map((t) => t.id), ...[...requirements.values()].filter((r) => r.tool.kind === 'program').map((r) => r.tool.id)])];
    const candidates = await interpreterCandidates(resource);
    const programsPromise = this.programAnswers(programIds, () => (probed = true));
    let python: ProbedPython | undefined;
    const tried: InterpreterCandidate[] = [];
    // A choice the learner made (the setting, the Python extension's selection) that does not
    // start is a setup problem: falling back to another Python would check with the wrong one.
    let chosenBroken: string | undefined;
    for (const c of candidates) {
      tried.push(c);
      python = await this.fromCache(c, modules);
      if (!python) {
        const answer = await this.probe(c, modules);
        probed = true;
        if (typeof answer === 'string') {
          if (!c.origin.startsWith('PATH') && !chosenBroken) chosenBroken = vscode.l10n.t('{0} (from {1}) does not start ({2}).', c.path, c.origin, answer);
          continue;
        }
        python = answer;
      }
      break;
    }
    const programs = await programsPromise;
    const rows = toolRows(requirements, python?.answer.packages ?? {}, programs);
    let interpreterProblem: string | undefined;
    if (chosenBroken) {
      interpreterProblem = chosenBroken;
    } else if (!python) {
      interpreterProblem = vscode.l10n.t('no Python interpreter starts. Tried: {0}.', candidates.map((c) => `${c.path} (${c.origin})`).join(', '));
    } else if (!versionSupported(python.version)) {
      interpreterProblem = vscode.l10n.t('{0} is Python {1} (from {2}); the checks need Python {3} or later.', python.path, python.version, python.origin, MIN_PYTHON.join('.'));
    }
    const gaps = gapsOf(rows);
    const manual: ManualFix[] = interpreterProblem ? [choosePython()] : [];
    let fix: Fix | undefined;
    let alternative: Fix | undefined;
    if (python && !interpreterProblem && gaps.modules.length) {
      const venvDir = this.venvDir();
      const found = fixForModules(
        {
          python: python.path,
          env: python.env,
          answer: python.answer,
          venvDir,
          venvExists: await exists(venvPython(venvDir, process.platform)),
          platform: process.platform,
          condaExe: process.env.CONDA_EXE,
        },
        gaps.modules,
      );
      fix = found.fix;
      alternative = found.alternative;
      if (found.manual) manual.push(found.manual);
    }
    for (const p of gaps.programs) manual.push(manualFixForProgram(p, process.platform));
    const ready = !interpreterProblem && gaps.modules.length === 0 && gaps.programs.length === 0;
    const report: EnvironmentReport = {
      ...(python && { python }),
      tried,
      ...(interpreterProblem && { interpreterProblem }),
      rows,
      fixes: { ...(fix && { fix }), ...(alternative && { alternative }), manual },
      ready,
      probeMs: probed ? Date.now() - started : 0,
    };
    return report;
  }

  private resource(): vscode.Uri | undefined {
    const root = this.exercises.exercisesRoot();
    return root ? vscode.Uri.file(root) : vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  private async fromCache(c: InterpreterCandidate, modules: readonly string[]): Promise<ProbedPython | undefined> {
    const hit = this.cache.get(c.path);
    if (!hit || hit.modules !== modules.join(',')) return undefined;
    if ((await stampOf(c.path, hit.python.answer)) !== hit.stamp) return undefined;
    // The origin may change (a setting that now names the same interpreter).
    return { ...hit.python, origin: c.origin };
  }

  /** The interpreter's answer, or why it gave none. */
  private async probe(c: InterpreterCandidate, modules: readonly string[]): Promise<ProbedPython | string> {
    const argv = [c.path, '-c', ENVIRONMENT_PROBE, probeArgument(modules)];
    // PYTHONPATH is cleared as for the checks, so the probe sees what they will see.
    // Processes are the check engine's: its bundle loads with the first probe.
    const { runProcess } = await checksModule();
    const run = await runProcess(argv, { cwd: os.tmpdir(), env: { PYTHONPATH: undefined, PYTHONSTARTUP: undefined }, timeoutMs: PROBE_TIMEOUT_MS });
    if (run.exitCode !== 0) {
      const last = `${run.stderr}\n${run.stdout}`.trim().split('\n').pop() ?? '';
      const why = `exit ${run.exitCode ?? run.signal}${run.timedOut ? ', timed out' : ''}${last ? `: ${last}` : ''}`;
      this.log.info(`Environment: ${c.path} (${c.origin}) did not answer (${why}).`);
      return why;
    }
    try {
      const answer = parseProbe(run.stdout);
      const env = classify(answer, { pyenvRoot: process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv'), uvPythonDir: process.env.UV_PYTHON_INSTALL_DIR ?? path.join(os.homedir(), '.local', 'share', 'uv', 'python') });
      const python: ProbedPython = { path: path.isAbsolute(c.path) ? c.path : answer.executable, version: answer.version, origin: c.origin, env, answer };
      this.cache.set(c.path, { python, modules: modules.join(','), stamp: await stampOf(c.path, answer) });
      this.log.info(`Environment: asked ${python.path} (Python ${python.version}, ${describeShort(env)}) about ${modules.join(', ')} in ${run.durationMs} ms: ${commandLine([c.path, '-c', '<probe>', argv[3]])}`);
      return python;
    } catch (e) {
      this.log.warn(`Environment: ${c.path} gave an answer Upskill could not read: ${(e as Error).message}`);
      return (e as Error).message;
    }
  }

  /** `<program> --version` for git, bash and the programs exercises run; asked once until invalidated. */
  private programAnswers(ids: readonly string[], onRun: () => void): Promise<Record<string, ProgramAnswer>> {
    const key = ids.join(',');
    if (this.programs && this.programsKey === key) return this.programs;
    onRun();
    this.programsKey = key;
    this.programs = Promise.all(
      ids.map(async (id): Promise<[string, ProgramAnswer]> => {
        const { runProcess } = await checksModule();
        const run = await runProcess([id, '--version'], { cwd: os.tmpdir(), timeoutMs: 10_000 });
        const first = run.stdout.trim().split('\n')[0] ?? '';
        const version = /(\d+\.\d+(\.\d+)?)/.exec(first)?.[1];
        return [id, { present: run.exitCode === 0, ...(version && { version }) }];
      }),
    ).then(Object.fromEntries);
    return this.programs;
  }
}

function describeShort(env: EnvironmentClass): string {
  if (env.kind === 'venv') return 'a virtual environment';
  if (env.kind === 'conda') return env.condaEnv ? `conda environment "${env.condaEnv}"` : 'conda base';
  if (env.externallyManaged) return 'externally managed';
  return env.kind === 'system' ? 'system Python' : env.kind;
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** mtimes that change when the interpreter is replaced or a package is installed or removed. */
async function stampOf(chosen: string, answer: ProbeAnswer): Promise<string> {
  const paths = [path.isAbsolute(chosen) ? chosen : answer.executable, ...answer.sitePaths];
  const times = await Promise.all(
    paths.map(async (p) => {
      const [l, s] = await Promise.all([fs.lstat(p).catch(() => undefined), fs.stat(p).catch(() => undefined)]);
      return `${l?.mtimeMs ?? '-'}/${s?.mtimeMs ?? '-'}`;
    }),
  );
  return times.join('|');
}
