// Check Environment's plain part: telling a venv, conda, pyenv, uv and a system Python
// (externally managed or not) apart on fixture folders laid out as each really is; the one
// fix for each; what exercises need; and the probe itself, run by a real interpreter and a
// real venv made without the system's packages.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runProcess } from '../../../src/checks/process';
import {
  ENVIRONMENT_PROBE,
  type EnvironmentClass,
  type FixContext,
  type ProbeAnswer,
  classify,
  describeKind,
  fixCommands,
  fixForModules,
  gapsOf,
  manualFixForProgram,
  parseProbe,
  probeArgument,
  requirementsOf,
  toolRows,
  versionSupported,
} from '../../../src/core/environment';
import type { CheckSpec, Exercise } from '../../../src/core/model';

async function layout(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-env-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    if (rel.endsWith('/')) await fs.mkdir(path.join(dir, rel), { recursive: true });
    else await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** What the probe would say about a prefix: a venv's base is elsewhere, the rest are their own base. */
function answerFor(prefix: string, basePrefix = prefix, stdlib = path.join(prefix, 'lib', 'python3.11')): Pick<ProbeAnswer, 'prefix' | 'basePrefix' | 'stdlib'> {
  return { prefix, basePrefix, stdlib };
}

const PACKAGES = (found: string[], inSystem: string[] = []): FixContext['answer']['packages'] =>
  Object.fromEntries(['pytest', 'pytest_mock', 'mypy', 'numpy', 'pandas', 'ruff'].map((m) => [m, { found: found.includes(m), inSystemSite: inSystem.includes(m) }]));

function ctx(env: EnvironmentClass, extra: Partial<FixContext> = {}): FixContext {
  return {
    python: '/home/ada/proj/.venv/bin/python',
    env,
    answer: { pip: true, venv: true, ensurepip: true, packages: PACKAGES([]) },
    venvDir: '/home/ada/ws/upskill-exercises/.venv',
    venvExists: false,
    platform: 'linux',
    ...extra,
  };
}

describe('core: the environment checks run in', () => {
  describe('classification on fixture folders', () => {
    it('a venv (pyvenv.cfg, no system site-packages) made by venv, remembering its base interpreter', async () => {
      const prefix = await layout({ 'pyvenv.cfg': 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\nexecutable = /usr/bin/python3.11\n' });
      const env = classify(answerFor(prefix, '/usr'));
      assert.deepStrictEqual(env, { kind: 'venv', creator: 'venv', systemSitePackages: false, baseExecutable: '/usr/bin/python3.11', prefix, externallyManaged: false });
      assert.strictEqual(describeKind(env), 'virtual environment (venv)');
    });

    it('a venv made by uv, with the system site-packages, is still a venv and never externally managed', async () => {
      const prefix = await layout({ 'pyvenv.cfg': 'home = /opt/py/bin\nimplementation = CPython\nuv = 0.5.11\nversion_info = 3.12.8\ninclude-system-site-packages = true\n' });
      // Even with a marker beside its stdlib: PEP 668 exempts virtual environments.
      const stdlib = await layout({ 'EXTERNALLY-MANAGED': '[externally-managed]\n' });
      const env = classify({ prefix, basePrefix: '/opt/py', stdlib });
      assert.strictEqual(env.kind, 'venv');
      assert.strictEqual(env.creator, 'uv');
      assert.strictEqual(env.systemSitePackages, true);
      assert.strictEqual(env.externallyManaged, false);
      assert.strictEqual(env.baseExecutable, '/opt/py/bin/python3', 'from home when the cfg names no executable');
    });

    it('a conda environment under envs/ has its name; the base environment has none', async () => {
      const root = await layout({ 'miniconda3/conda-meta/history': '', 'miniconda3/envs/ml/conda-meta/history': '' });
      const ml = classify(answerFor(path.join(root, 'miniconda3', 'envs', 'ml')));
      assert.deepStrictEqual([ml.kind, ml.condaEnv, ml.externallyManaged], ['conda', 'ml', false]);
      assert.strictEqual(describeKind(ml), 'conda environment "ml"');
      const base = classify(answerFor(path.join(root, 'miniconda3')));
      assert.deepStrictEqual([base.kind, base.condaEnv], ['conda', undefined]);
      assert.strictEqual(describeKind(base), 'conda base environment');
    });

    it('a pyenv Python is one under $PYENV_ROOT/versions', async () => {
      const root = await layout({ 'versions/3.12.1/bin/python3': '' });
      const env = classify(answerFor(path.join(root, 'versions', '3.12.1')), { pyenvRoot: root });
      assert.strictEqual(env.kind, 'pyenv');
      assert.strictEqual(env.externallyManaged, false);
      // Elsewhere the same layout is a system Python.
      assert.strictEqual(classify(answerFor(path.join(root, 'versions', '3.12.1')), { pyenvRoot: '/elsewhere' }).kind, 'system');
    });

    it('a Python that uv installed, which marks itself externally managed', async () => {
      const root = await layout({ 'cpython-3.12.8-linux-x86_64-gnu/lib/python3.12/EXTERNALLY-MANAGED': '[externally-managed]\n' });
      const prefix = path.join(root, 'cpython-3.12.8-linux-x86_64-gnu');
      const env = classify(answerFor(prefix, prefix, path.join(prefix, 'lib', 'python3.12')), { uvPythonDir: root });
      assert.deepStrictEqual([env.kind, env.externallyManaged], ['uv', true]);
      assert.strictEqual(describeKind(env), 'Python installed by uv, externally managed (PEP 668)');
    });

    it("a system Python is externally managed exactly when EXTERNALLY-MANAGED sits beside its stdlib (Debian's python3)", async () => {
      const debian = await layout({ 'lib/python3.11/EXTERNALLY-MANAGED': '[externally-managed]\nError=To install Python packages system-wide, try apt install\n' });
      const managed = classify(answerFor(debian));
      assert.deepStrictEqual([managed.kind, managed.externallyManaged], ['system', true]);
      assert.strictEqual(describeKind(managed), 'system Python, externally managed (PEP 668)');
      const plain = classify(answerFor(await layout({ 'lib/python3.11/os.py': '' })));
      assert.deepStrictEqual([plain.kind, plain.externallyManaged], ['system', false]);
      assert.strictEqual(describeKind(plain), 'system Python');
    });
  });

  describe('the one fix per environment', () => {
    const venv: EnvironmentClass = { kind: 'venv', creator: 'venv', systemSitePackages: false, baseExecutable: '/usr/bin/python3.11', prefix: '/home/ada/proj/.venv', externallyManaged: false };

    it('a venv: pip install into it, by pip names', () => {
      const { fix, alternative, manual } = fixForModules(ctx(venv), ['pytest', 'pytest_mock']);
      assert.strictEqual(fix?.title, 'Install with pip');
      assert.deepStrictEqual(fixCommands(fix!), ['/home/ada/proj/.venv/bin/python -m pip install pytest pytest-mock']);
      assert.strictEqual(alternative, undefined, 'the system has neither: no offline way');
      assert.strictEqual(manual, undefined);
    });

    it('a venv without the system packages, whose base has them all: pip, or offline a .venv that reuses them', () => {
      const c = ctx(venv, { answer: { pip: true, venv: true, ensurepip: true, packages: PACKAGES([], ['pytest', 'mypy']) } });
      const { fix, alternative } = fixForModules(c, ['pytest', 'mypy']);
      assert.strictEqual(fix?.title, 'Install with pip');
      assert.strictEqual(alternative?.title, 'Use System Packages');
      assert.deepStrictEqual(fixCommands(alternative!), [
        '/usr/bin/python3.11 -m venv --system-site-packages /home/ada/ws/upskill-exercises/.venv',
        'set "upskill.pythonPath" to /home/ada/ws/upskill-exercises/.venv/bin/python',
      ]);
      assert.match(alternative!.detail, /reusing the system's pytest, mypy \(no download\)/);
    });

    it('a venv without pip gets ensurepip first; a uv venv without pip gets uv pip', () => {
      const noPip = fixForModules(ctx(venv, { answer: { pip: false, venv: true, ensurepip: true, packages: PACKAGES([]) } }), ['numpy']);
      assert.deepStrictEqual(fixCommands(noPip.fix!), ['/home/ada/proj/.venv/bin/python -m ensurepip --upgrade', '/home/ada/proj/.venv/bin/python -m pip install numpy']);
      const uv = fixForModules(ctx({ ...venv, creator: 'uv' }, { answer: { pip: false, venv: true, ensurepip: true, packages: PACKAGES([]) } }), ['numpy', 'pandas']);
      assert.strictEqual(uv.fix?.title, 'Install with uv');
      assert.deepStrictEqual(fixCommands(uv.fix!), ['uv pip install --python /home/ada/proj/.venv/bin/python numpy pandas']);
    });

    it('conda: conda install into the named environment, or by prefix for base, with conda names', () => {
      const named = fixForModules(ctx({ kind: 'conda', condaEnv: 'ml', prefix: '/opt/conda/envs/ml', externallyManaged: false }, { condaExe: '/opt/conda/bin/conda' }), ['pytest_mock', 'numpy']);
      assert.strictEqual(named.fix?.title, 'Install with conda');
      assert.deepStrictEqual(fixCommands(named.fix!), ['/opt/conda/bin/conda install -y -n ml pytest-mock numpy']);
      const base = fixForModules(ctx({ kind: 'conda', prefix: '/opt/conda', externallyManaged: false }), ['mypy']);
      assert.deepStrictEqual(fixCommands(base.fix!), ['conda install -y -p /opt/conda mypy']);
    });

    it('pyenv and a plain system Python: pip for that interpreter', () => {
      for (const env of [{ kind: 'pyenv', prefix: '/home/ada/.pyenv/versions/3.12.1', externallyManaged: false }, { kind: 'system', prefix: '/usr/local', externallyManaged: false }] as EnvironmentClass[]) {
        const { fix } = fixForModules(ctx(env, { python: `${env.prefix}/bin/python3` }), ['mypy']);
        assert.deepStrictEqual(fixCommands(fix!), [`${env.prefix}/bin/python3 -m pip install mypy`]);
      }
    });

    it("externally managed: a .venv for the exercises that reuses the system's packages, selected, then pip for the rest", () => {
      const system: EnvironmentClass = { kind: 'system', prefix: '/usr', externallyManaged: true };
      const c = ctx(system, { python: '/usr/bin/python3', answer: { pip: true, venv: true, ensurepip: true, packages: PACKAGES([], ['pytest', 'mypy']) } });
      const { fix, alternative } = fixForModules(c, ['pytest', 'mypy', 'pandas']);
      assert.strictEqual(fix?.title, 'Create .venv and Use It');
      assert.deepStrictEqual(fixCommands(fix!), [
        '/usr/bin/python3 -m venv --system-site-packages /home/ada/ws/upskill-exercises/.venv',
        'set "upskill.pythonPath" to /home/ada/ws/upskill-exercises/.venv/bin/python',
        '/home/ada/ws/upskill-exercises/.venv/bin/python -m pip install pandas',
      ]);
      assert.strictEqual(alternative, undefined);
      // Everything in the system's packages: no download at all; an existing .venv is reused.
      const offline = fixForModules({ ...c, venvExists: true }, ['pytest', 'mypy']);
      assert.deepStrictEqual(fixCommands(offline.fix!), ['set "upskill.pythonPath" to /home/ada/ws/upskill-exercises/.venv/bin/python']);
      // Without ensurepip (Debian without python3-venv's wheels) the venv borrows the system's pip.
      const noEnsurepip = fixForModules({ ...c, answer: { ...c.answer, ensurepip: false } }, ['pytest']);
      assert.match(fixCommands(noEnsurepip.fix!)[0], / -m venv --system-site-packages --without-pip /);
      // Without the venv module, only the learner can fix it.
      const noVenv = fixForModules({ ...c, answer: { ...c.answer, venv: false } }, ['pytest']);
      assert.strictEqual(noVenv.fix, undefined);
      assert.match(noVenv.manual!.detail, /sudo apt install python3-venv/);
    });

    it('Windows: the venv python is Scripts\\python.exe', () => {
      const { fix } = fixForModules(ctx({ kind: 'system', prefix: 'C:\\Py', externallyManaged: true }, { platform: 'win32', python: 'C:\\Py\\python.exe', venvDir: 'C:\\ws\\upskill-exercises\\.venv' }), ['pytest']);
      assert.ok(fix!.steps.some((s) => s.kind === 'select' && s.python === 'C:\\ws\\upskill-exercises\\.venv\\Scripts\\python.exe'), JSON.stringify(fix));
    });

    it('programs are installed by hand: the sentence says how, per platform', () => {
      assert.match(manualFixForProgram('git', 'linux').detail, /sudo apt install git/);
      assert.match(manualFixForProgram('git', 'darwin').detail, /xcode-select --install/);
      assert.match(manualFixForProgram('bash', 'win32').detail, /Git for Windows/);
    });

    it('nothing missing: no fix', () => {
      assert.deepStrictEqual(fixForModules(ctx(venv), []), {});
    });
  });

  describe('what the exercises need', () => {
    const ex = (id: string, checks: CheckSpec[], requires?: string[]) => ({ id, title: `T ${id}`, checks, ...(requires && { requires }) }) as Pick<Exercise, 'id' | 'title' | 'checks' | 'requires'>;
    const catalog = [
      ex('a', [{ type: 'pytest' }, { type: 'mypy' }], ['numpy']),
      ex('b', [{ type: 'git', assert: [], setup: 'setup_repo.sh' }]),
      ex('c', [{ type: 'command', run: ['bash', 'count.sh'] }, { type: 'command', run: ['{python}', 'train.py'] }]),
      ex('d', [{ type: 'ruff-lint' }, { type: 'workflow', file: 'ci.yml', rules: {} }]),
      ex('e', [{ type: 'tests-catch-bugs', module: 'm.py', reference: 'r.py', bugs: [] }], ['pytest_mock']),
    ];

    it('from check kinds and requires: which exercises need each tool', () => {
      const req = requirementsOf(catalog);
      const needed = Object.fromEntries([...req].map(([id, r]) => [id, r.exercises]));
      assert.deepStrictEqual(needed, { numpy: ['T a'], pytest: ['T a', 'T e'], mypy: ['T a'], git: ['T b'], bash: ['T b', 'T c'], ruff: ['T d'], pytest_mock: ['T e'] });
    });

    it('rows: a missing tool an exercise needs is a gap; Ruff and unneeded tools never are', () => {
      const rows = toolRows(requirementsOf(catalog), { pytest: { found: true, version: '8.3.4', inSystemSite: true }, numpy: { found: false, inSystemSite: false } }, { git: { present: true, version: '2.39.5' }, bash: { present: false } });
      const row = (label: string) => rows.find((r) => r.tool.label === label)!;
      assert.deepStrictEqual([row('pytest').present, row('pytest').version, row('pytest').gap], [true, '8.3.4', false]);
      assert.strictEqual(row('NumPy').gap, true);
      assert.strictEqual(row('Ruff').gap, false, 'the bundled WebAssembly Ruff stands in');
      assert.ok(row('Ruff').tool.optional);
      assert.strictEqual(row('pandas').gap, false, 'no exercise here needs pandas');
      assert.deepStrictEqual(gapsOf(rows), { modules: ['pytest_mock', 'mypy', 'numpy'], programs: ['bash'] });
      assert.deepStrictEqual(rows.map((r) => r.tool.id), ['pytest', 'pytest_mock', 'mypy', 'numpy', 'pandas', 'ruff', 'git', 'bash']);
    });

    it('supported versions start at 3.9', () => {
      assert.deepStrictEqual(['3.8.18', '3.9.0', '3.11.2', '3.13.1', '4.0'].map(versionSupported), [false, true, true, true, true]);
    });
  });

  describe('the probe, run by real interpreters', function () {
    this.timeout(60_000);
    const run = async (python: string, modules: string[]) => {
      const r = await runProcess([python, '-c', ENVIRONMENT_PROBE, probeArgument(modules)], { cwd: os.tmpdir(), timeoutMs: 30_000 });
      assert.strictEqual(r.exitCode, 0, r.stderr);
      return parseProbe(r.stdout);
    };

    it("the system python3 in one process: versions of what it has, the rest missing, nothing imported from the current folder", async () => {
      const a = await run('/usr/bin/python3', ['pytest', 'json', 'upskill_no_such_package']);
      assert.match(a.version, /^3\.\d+\.\d+$/);
      assert.strictEqual(a.prefix, a.basePrefix);
      assert.strictEqual(a.packages.pytest.found, true);
      assert.match(a.packages.pytest.version ?? '', /^\d+\./);
      assert.strictEqual(a.packages.json.found, true);
      assert.deepStrictEqual(a.packages.upskill_no_such_package, { found: false, inSystemSite: false });
      assert.ok(a.sitePaths.length > 0);
    });

    it("a venv made without the system's packages lacks pytest, which its base's site-packages hold: classified, and both fixes offered", async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-venv-'));
      const made = await runProcess(['/usr/bin/python3', '-m', 'venv', '--without-pip', path.join(dir, 'v')], { cwd: dir, timeoutMs: 30_000 });
      assert.strictEqual(made.exitCode, 0, made.stderr);
      const python = path.join(dir, 'v', 'bin', 'python');
      const a = await run(python, ['pytest', 'pytest_mock']);
      assert.strictEqual(a.packages.pytest.found, false);
      assert.strictEqual(a.packages.pytest.inSystemSite, true, 'Debian ships pytest in /usr/lib/python3/dist-packages');
      const env = classify(a);
      assert.deepStrictEqual([env.kind, env.systemSitePackages, env.externallyManaged], ['venv', false, false]);
      const { fix, alternative } = fixForModules(ctx(env, { python, answer: a, venvDir: path.join(dir, 'ex', '.venv') }), ['pytest', 'pytest_mock']);
      assert.deepStrictEqual(fixCommands(fix!), [`${python} -m ensurepip --upgrade`, `${python} -m pip install pytest pytest-mock`]);
      assert.ok(alternative, 'the offline alternative');
      await fs.rm(dir, { recursive: true, force: true });
    });

    it('an answer that is not the probe\'s is an error that quotes it', () => {
      assert.throws(() => parseProbe('Traceback (most recent call last)'), /not JSON: Traceback/);
      assert.throws(() => parseProbe('{"version": "3.11"}'), /lacks "executable"/);
    });
  });
});
