// Assess My Project over fixture projects (test/fixtures/assess): one per kind of gap and one
// that is good on every point, each asserted finding by finding. Fixtures are copied to a
// temporary folder first, outside any repository, and made git repositories where the test
// says so, so that what git sees is what the test set up.

import * as assert from 'assert';
import Ajv from 'ajv';
import { execFileSync, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assessProject, notebookCells, tomlProblems, tomlTable } from '../../../src/checks/assess/assess';
import { ignoreRules, isIgnored, projectFiles } from '../../../src/checks/assess/projectFiles';
import { functionDefs, importedNames, moduleName, signatureAnnotated, testsAssertingNothing } from '../../../src/checks/assess/pythonScan';
import { type Assessment, type RuleId, assessmentTable, compareAssessments, recommendations, RULE_IDS } from '../../../src/core/assessment';
import schema from '../../../resources/schema/assessment.schema.json';
import { mypyConfigFile, withoutPlugins } from '../../../src/checks/assess/projectTools';
import { PYTHON } from './helpers';

const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'assess');
const CLOCK = () => new Date('2026-01-05T10:00:00Z');

async function copyFixture(name: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `upskill-assess-${name}-`));
  await fs.cp(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

async function repo(name: string): Promise<string> {
  const dir = await copyFixture(name);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'start');
  return dir;
}

const rules = (a: Assessment) => a.findings.map((f) => f.rule).sort();
const finding = (a: Assessment, rule: RuleId) => {
  const f = a.findings.find((x) => x.rule === rule);
  assert.ok(f, `expected a ${rule} finding, got ${rules(a).join(', ')}`);
  return f;
};
const score = (a: Assessment, skill: string) => a.skills.find((s) => s.skill === skill)?.score;

describe('Assess My Project: fixture projects', () => {
  it('a project good on every point scores 100 on every skill, with no findings and no notes', async () => {
    const dir = await repo('good');
    const a = await assessProject(dir, { clock: CLOCK });
    assert.deepStrictEqual(rules(a), []);
    assert.deepStrictEqual(a.notes, []);
    for (const s of a.skills) assert.strictEqual(s.score, 100, s.skill);
    assert.match(a.commit ?? '', /^[0-9a-f]{40}$/);
    assert.strictEqual(a.date, '2026-01-05T10:00:00.000Z');
    assert.deepStrictEqual(a.stats.notebooks, 1);
    assert.deepStrictEqual(recommendations(a), []);
  });

  it('a project without tooling: lint, formatter, typing, tests, CI and dependency findings, each with its evidence', async () => {
    const dir = await repo('no-tooling');
    const a = await assessProject(dir, { clock: CLOCK });
    assert.deepStrictEqual(rules(a), ['ci.lint', 'ci.pre-commit', 'ci.tests', 'ci.workflow', 'deps.declared', 'deps.pinned', 'format.settings', 'lint.clean', 'lint.settings', 'tests.exist', 'tests.modules', 'typing.annotated', 'typing.mypy-configured', 'typing.mypy-strict']);
    const lint = finding(a, 'lint.clean');
    assert.strictEqual(lint.count, 3);
    assert.match(lint.message, /F ×2, E ×1/);
    assert.deepStrictEqual(lint.evidence.map((e) => `${e.file}:${e.line} ${e.detail?.split(' ')[0]}`).sort(), ['features/clean.py:1 F401', 'features/clean.py:2 F401', 'features/clean.py:6 E711']);
    const typing = finding(a, 'typing.annotated');
    assert.strictEqual(typing.count, 3);
    assert.match(typing.message, /^3 functions of 4 without full annotations in features\//);
    assert.deepStrictEqual(typing.evidence.map((e) => `${e.file}:${e.line}`), ['features/clean.py:5', 'features/clean.py:15', 'train.py:4']);
    assert.strictEqual(typing.exercise, 'typing-annotate-metrics');
    assert.strictEqual(typing.competency, 'typing.annotate-signatures');
    assert.strictEqual(score(a, 'ci-cd'), 0);
    assert.strictEqual(score(a, 'notebook-to-module'), undefined, 'no notebooks: nothing to score');
    assert.strictEqual(score(a, 'git'), 100);
  });

  it('weak tests: a test that asserts nothing, a module no test imports, mypy short of strict', async () => {
    const a = await assessProject(await repo('weak-tests'), { clock: CLOCK });
    assert.deepStrictEqual(rules(a), ['ci.lint', 'ci.pre-commit', 'ci.tests', 'ci.workflow', 'tests.assert', 'tests.modules', 'typing.mypy-strict']);
    assert.deepStrictEqual(finding(a, 'tests.assert').evidence, [{ file: 'tests/test_metrics.py', line: 4, detail: 'test_precision_runs' }]);
    assert.deepStrictEqual(finding(a, 'tests.modules').evidence, [{ file: 'pipeline/report.py' }]);
    assert.match(finding(a, 'typing.mypy-strict').message, /not strict/);
    assert.strictEqual(score(a, 'unit-testing'), 70);
  });

  it('notebooks: functions only in notebooks, a cell longer than a screen, and a notebook that is not JSON as a note', async () => {
    const a = await assessProject(await copyFixture('notebooks'), { clock: CLOCK });
    const fns = finding(a, 'notebooks.functions');
    assert.deepStrictEqual(fns.evidence.map((e) => e.detail), ['def clean_prices in code cell 1', 'def plot_prices in code cell 3']);
    assert.deepStrictEqual(finding(a, 'notebooks.cells').evidence, [{ file: 'analysis/prices.ipynb', detail: 'code cell 2: 45 lines' }]);
    assert.strictEqual(a.notes.length, 1);
    assert.match(a.notes[0].message, /^analysis\/broken\.ipynb is not a notebook Jupyter can open \(not valid JSON/);
    assert.strictEqual(a.stats.notebooks, 1);
    // No git here: a finding, not a crash.
    assert.match(finding(a, 'git.repository').message, /not in a git repository/);
    assert.strictEqual(a.commit, undefined);
  });

  it('Docker: an unpinned base, root, a secret in ENV and shell form, each with its line; a secret URL in the code', async () => {
    const a = await assessProject(await copyFixture('docker'), { clock: CLOCK });
    const lines = (r: RuleId) => finding(a, r).evidence.map((e) => `${e.file}:${e.line}`);
    assert.deepStrictEqual(lines('cloud.pinned-base'), ['Dockerfile:1']);
    assert.deepStrictEqual(lines('cloud.non-root'), ['Dockerfile:1']);
    assert.deepStrictEqual(lines('cloud.no-secrets'), ['Dockerfile:2']);
    assert.deepStrictEqual(lines('cloud.exec-form'), ['Dockerfile:4']);
    assert.deepStrictEqual(finding(a, 'cloud.settings-from-env').evidence, [{ file: 'settings.py', line: 1, detail: 'a URL with a password in it' }]);
    assert.strictEqual(finding(a, 'cloud.settings-from-env').exercise, 'cloud-settings-from-env');
  });

  it('git: data, model and secret files tracked, one only in the history, a large file, no .gitignore', async () => {
    const dir = await repo('leaky-git');
    await fs.writeFile(path.join(dir, 'big.bin'), Buffer.alloc(6 * 1024 * 1024, 1));
    git(dir, 'add', 'big.bin');
    git(dir, 'rm', '-q', '--cached', 'data/prices.csv');
    git(dir, 'commit', '-qm', 'stop tracking the data');
    const a = await assessProject(dir, { clock: CLOCK });
    assert.deepStrictEqual(finding(a, 'git.data').evidence, [{ file: 'models/model.pkl' }, { file: 'data/prices.csv', detail: 'in history' }]);
    assert.deepStrictEqual(finding(a, 'git.secrets').evidence, [{ file: '.env' }]);
    assert.deepStrictEqual(finding(a, 'git.large').evidence, [{ file: 'big.bin', detail: '6.0 MB' }]);
    assert.match(finding(a, 'git.gitignore').message, /^No \.gitignore/);
    assert.ok(!a.findings.some((f) => f.rule === 'git.repository'));
    // The large file is read for its size only, never as source.
    assert.ok(!a.notes.some((n) => n.file === 'big.bin'), JSON.stringify(a.notes));
  });

  it('broken input: binary source, a TOML header left open, settings Ruff refuses and invalid YAML are notes with file and line', async () => {
    const a = await assessProject(await copyFixture('broken'), { clock: CLOCK });
    const notes = a.notes.map((n) => `${n.file ?? ''}:${n.line ?? ''}`);
    assert.deepStrictEqual(notes, ['blob.py:', 'pyproject.toml:1', ':', '.github/workflows/ci.yml:2', '.pre-commit-config.yaml:4']);
    assert.match(a.notes[2].message, /Ruff does not accept .*NOPE999.*default rules were used/);
    assert.match(finding(a, 'ci.workflow').message, /not valid YAML/);
    assert.match(finding(a, 'ci.pre-commit').message, /not valid YAML/);
    assert.deepStrictEqual(finding(a, 'deps.pinned').evidence, [{ file: 'requirements.txt', line: 1, detail: 'requests' }, { file: 'requirements.txt', line: 2, detail: 'numpy>=1.0' }]);
    assert.strictEqual(a.stats.pythonFiles, 1, 'the binary .py is left out');
  });

  it('reads nothing that .gitignore or .upskillignore names, nor environments', async () => {
    const dir = await copyFixture('no-tooling');
    await fs.writeFile(path.join(dir, '.upskillignore'), 'features/\n');
    await fs.mkdir(path.join(dir, 'env', 'lib'), { recursive: true });
    await fs.writeFile(path.join(dir, 'env', 'pyvenv.cfg'), 'home = /usr\n');
    await fs.writeFile(path.join(dir, 'env', 'lib', 'site.py'), 'import os\n');
    await fs.mkdir(path.join(dir, '__pycache__'));
    await fs.writeFile(path.join(dir, '__pycache__', 'x.py'), 'import os\n');
    const listed = await projectFiles(dir);
    assert.deepStrictEqual(listed.files, ['.gitignore', '.upskillignore', 'train.py']);
    const a = await assessProject(dir, { clock: CLOCK });
    assert.strictEqual(a.stats.pythonFiles, 1);
    assert.ok(!a.findings.some((f) => f.evidence.some((e) => e.file?.startsWith('features/'))));
  });

  it('cancelling stops the assessment', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(assessProject(await copyFixture('good'), { signal: ac.signal }), /cancelled/);
  });

  it('a folder that does not exist is refused with a sentence that names it', async () => {
    await assert.rejects(assessProject(path.join(os.tmpdir(), 'upskill-no-such-project')), /upskill-no-such-project is not a folder/);
  });
});

describe('Assess My Project: mypy and the tests, with the learner\'s interpreter', function () {
  // mypy's first run over a project has no cache; on a busy two-core machine that takes a while.
  this.timeout(180_000);
  const interpreters = [{ path: PYTHON.path, origin: 'test' }];

  /** Every file under `dir`, relative, to tell that a run wrote nothing there. */
  async function tree(dir: string): Promise<string[]> {
    return (await fs.readdir(dir, { recursive: true })).map(String).sort();
  }

  it('mypy runs at the project\'s own strictness: each error at its file and line, counted by code', async () => {
    const dir = await copyFixture('typed-failing');
    const before = await tree(dir);
    const a = await assessProject(dir, { clock: CLOCK, interpreters });
    const mypy = finding(a, 'typing.mypy-clean');
    assert.deepStrictEqual(mypy.evidence.map((e) => `${e.file}:${e.line} ${e.detail?.split(':')[0]}`), ['scores/stats.py:6 return-value', 'scores/stats.py:9 no-untyped-def']);
    assert.strictEqual(mypy.count, 2);
    // no-untyped-def is an error only because the project asks for strict.
    assert.strictEqual(mypy.message, '2 mypy errors in 1 file (no-untyped-def ×1, return-value ×1), with the settings in pyproject.toml.');
    assert.strictEqual(mypy.skill, 'typing');
    assert.ok(!a.findings.some((f) => f.rule === 'tests.pass'), 'the tests run only when asked');
    assert.ok(!a.skills.flatMap((s) => s.checks).some((c) => c.rule === 'tests.pass'));
    assert.deepStrictEqual(await tree(dir), before, 'mypy wrote nothing in the project');
  });

  it('the tests, when asked: collected, passed and failed, the failing test with its file and line, the project untouched', async () => {
    const dir = await copyFixture('typed-failing');
    const before = await tree(dir);
    const a = await assessProject(dir, { clock: CLOCK, interpreters, runTests: true });
    const tests = finding(a, 'tests.pass');
    assert.strictEqual(tests.message, '2 tests collected: 1 passed, 1 failed.');
    assert.strictEqual(tests.count, 1);
    assert.deepStrictEqual(tests.evidence.map((e) => `${e.file}:${e.line}`), ['tests/test_stats.py:8']);
    assert.match(tests.evidence[0].detail ?? '', /^tests\/test_stats\.py::test_mean_of_one: .*assert 2\.0 == 3\.0/);
    assert.strictEqual(a.skills.find((s) => s.skill === 'unit-testing')?.checks.find((c) => c.rule === 'tests.pass')?.share, 0.5);
    assert.deepStrictEqual(await tree(dir), before, 'the tests ran in a copy: no cache, no __pycache__ in the project');
  });

  it('a project whose mypy and tests pass gets no finding for either', async () => {
    const dir = await copyFixture('typed-failing');
    await fs.writeFile(path.join(dir, 'scores', 'stats.py'), 'def mean(values: list[float]) -> float:\n    return sum(values) / len(values)\n');
    await fs.writeFile(path.join(dir, 'tests', 'test_stats.py'), 'from scores.stats import mean\n\n\ndef test_mean() -> None:\n    assert mean([1.0, 3.0]) == 2.0\n');
    const a = await assessProject(dir, { clock: CLOCK, interpreters, runTests: true });
    const checks = a.skills.flatMap((s) => s.checks);
    assert.strictEqual(checks.find((c) => c.rule === 'typing.mypy-clean')?.share, 1);
    assert.strictEqual(checks.find((c) => c.rule === 'tests.pass')?.share, 1);
    assert.deepStrictEqual(a.notes, []);
  });

  it('the good project stays clean under mypy; tests that cannot be imported are reported as not collected', async () => {
    const a = await assessProject(await repo('good'), { clock: CLOCK, interpreters, runTests: true });
    assert.strictEqual(a.skills.flatMap((s) => s.checks).find((c) => c.rule === 'typing.mypy-clean')?.share, 1);
    // The package is not installed for this interpreter (no pip install -e .), so its tests cannot import it.
    const tests = finding(a, 'tests.pass');
    assert.strictEqual(tests.message, '0 tests collected: 0 passed, 0 failed; 1 test file could not be collected.');
    assert.deepStrictEqual(tests.evidence, [{ file: 'tests/test_features.py', detail: "could not be collected: ModuleNotFoundError: No module named 'churn'" }]);
  });

  it('no interpreter, or one without mypy or pytest: a note naming the interpreter and how to install, not a finding', async () => {
    const dir = await copyFixture('typed-failing');
    const none = await assessProject(dir, { clock: CLOCK, interpreters: [{ path: '/nonexistent/python3', origin: 'test setting' }], runTests: true });
    assert.ok(!none.findings.some((f) => f.rule === 'typing.mypy-clean' || f.rule === 'tests.pass'));
    assert.match(none.notes.map((n) => n.message).join('\n'), /Searched: \/nonexistent\/python3 \(test setting\).*mypy and the tests did not run/);
    // An interpreter that has neither tool: the real one behind a wrapper that refuses to import them.
    const bin = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-python-'));
    const wrapper = path.join(bin, 'python3');
    await fs.writeFile(wrapper, `#!/bin/sh\ncase "$2" in "import mypy"|"import pytest") exit 1;; esac\nexec ${PYTHON.path} "$@"\n`, { mode: 0o755 });
    const bare = await assessProject(dir, { clock: CLOCK, interpreters: [{ path: wrapper, origin: 'test' }], runTests: true });
    assert.ok(!bare.findings.some((f) => f.rule === 'typing.mypy-clean' || f.rule === 'tests.pass'));
    const said = bare.notes.map((n) => n.message);
    assert.ok(said.some((m) => m.includes(`mypy is not installed for ${wrapper}`) && m.includes(`${wrapper} -m pip install mypy`)), said.join('\n'));
    assert.ok(said.some((m) => m.includes(`pytest is not installed for ${wrapper}`) && /the tests are not run/.test(m)), said.join('\n'));
  });

  it('tests that outrun the time limit are a note saying what ran', async () => {
    const dir = await copyFixture('typed-failing');
    await fs.writeFile(path.join(dir, 'tests', 'test_slow.py'), 'import time\n\n\ndef test_slow() -> None:\n    time.sleep(60)\n    assert True\n');
    const a = await assessProject(dir, { clock: CLOCK, interpreters, runTests: true, toolTimeoutMs: 10_000 });
    assert.ok(!a.findings.some((f) => f.rule === 'tests.pass'));
    assert.match(a.notes.map((n) => n.message).join('\n'), /The tests did not finish \(it ran longer than its 10 s limit and was stopped\): ran \S+ .*pytest in a copy of the project/);
  });

  it('mypy\'s settings file is the one mypy would pick, and plugins are left out of it', () => {
    assert.strictEqual(mypyConfigFile(new Map([['pyproject.toml', '[tool.mypy]\nstrict = true\n'], ['setup.cfg', '[mypy]\n']])), 'pyproject.toml');
    assert.strictEqual(mypyConfigFile(new Map([['pyproject.toml', '[tool.ruff]\n'], ['setup.cfg', '[mypy]\nstrict = True\n']])), 'setup.cfg');
    assert.strictEqual(mypyConfigFile(new Map([['mypy.ini', '[mypy]\n'], ['pyproject.toml', '[tool.mypy]\n']])), 'mypy.ini');
    assert.strictEqual(mypyConfigFile(new Map([['setup.cfg', '[flake8]\n']])), undefined);
    assert.deepStrictEqual(withoutPlugins('[tool.mypy]\nstrict = true\nplugins = [\n  "pydantic.mypy",\n]\nwarn_unused_ignores = true\n'), { text: '[tool.mypy]\nstrict = true\nwarn_unused_ignores = true\n', removed: true });
    assert.deepStrictEqual(withoutPlugins('[mypy]\nplugins = a.plugin,\n  b.plugin\nstrict = True\n'), { text: '[mypy]\nstrict = True\n', removed: true });
    assert.deepStrictEqual(withoutPlugins('[mypy]\nstrict = True\n'), { text: '[mypy]\nstrict = True\n', removed: false });
  });
});

describe('Assess My Project: over time', () => {
  it('fixing a finding raises the score and shows "(was N)"; recommendations name the finding that led to them', async () => {
    const dir = await repo('no-tooling');
    const before = await assessProject(dir, { clock: CLOCK });
    const recs = recommendations(before);
    assert.strictEqual(recs.length, 3);
    assert.deepStrictEqual(recs.map((r) => r.skill), ['formatting', 'unit-testing', 'ci-cd']);
    assert.strictEqual(recs[1].finding.rule, 'tests.exist');
    await fs.writeFile(path.join(dir, 'features', 'clean.py'), (await fs.readFile(path.join(dir, 'features', 'clean.py'), 'utf8')).replace('import os\nimport sys\n', ''));
    const after = await assessProject(dir, { clock: CLOCK });
    const change = compareAssessments(after, before);
    assert.strictEqual(finding(after, 'lint.clean').count, 1);
    assert.deepStrictEqual(change.findings, { 'lint.clean': 3 });
    assert.deepStrictEqual(change.skills, {});
    assert.match(assessmentTable(after, before), /1 Ruff finding in 1 file .*\(was 3\)/);
    await fs.writeFile(path.join(dir, 'features', 'clean.py'), 'def count_rows(rows: list[str]) -> int:\n    return len(rows)\n');
    const fixed = await assessProject(dir, { clock: CLOCK });
    const c2 = compareAssessments(fixed, before);
    assert.ok(c2.fixed.includes('lint.clean'));
    assert.ok((score(fixed, 'linting') ?? 0) > (score(before, 'linting') ?? 0));
    assert.strictEqual(c2.skills.linting, score(before, 'linting'));
    assert.match(assessmentTable(fixed, before), /linting\s+\d+ \(was \d+\)/);
  });
});

describe('Assess My Project: the command line', function () {
  // Each case starts a Node with the Ruff WebAssembly build, which on a busy two-core machine takes tens of seconds.
  this.timeout(180_000);
  const cli = path.join(process.cwd(), 'out', 'assess', 'assess.js');
  const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);

  it('prints JSON that validates against resources/schema/assessment.schema.json', async () => {
    const run = spawnSync(process.execPath, [cli, await copyFixture('broken'), '--json'], { encoding: 'utf8', env: { ...process.env, UPSKILL_PYTHON: PYTHON.path } });
    assert.strictEqual(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as Assessment;
    assert.ok(validate(json), JSON.stringify(validate.errors));
    assert.strictEqual(json.notes.length, 5);
  });

  it('the assessment of every fixture, as JSON, validates against the schema', async () => {
    for (const name of ['good', 'no-tooling', 'weak-tests', 'notebooks', 'docker', 'leaky-git', 'typed-failing']) {
      const json: unknown = JSON.parse(JSON.stringify(await assessProject(name === 'good' ? await repo(name) : await copyFixture(name))));
      assert.ok(validate(json), `${name}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('runs the tests only with --run-tests, with the interpreter $UPSKILL_PYTHON names', async () => {
    const dir = await copyFixture('typed-failing');
    const env = { ...process.env, UPSKILL_PYTHON: PYTHON.path };
    const assessed = (...args: string[]) => {
      const run = spawnSync(process.execPath, [cli, dir, '--json', ...args], { encoding: 'utf8', env });
      assert.strictEqual(run.status, 0, run.stderr);
      return JSON.parse(run.stdout) as Assessment;
    };
    const without = assessed();
    assert.deepStrictEqual(without.findings.filter((f) => f.rule === 'typing.mypy-clean' || f.rule === 'tests.pass').map((f) => f.rule), ['typing.mypy-clean']);
    const withTests = assessed('--run-tests');
    assert.ok(validate(withTests), JSON.stringify(validate.errors));
    assert.strictEqual(finding(withTests, 'tests.pass').message, '2 tests collected: 1 passed, 1 failed.');
  });

  it('the schema names every rule the assessment has', () => {
    assert.deepStrictEqual((schema.definitions.rule.enum as string[]).slice().sort(), [...RULE_IDS].sort());
  });

  it('exits 0 however poor the project, 2 for a folder it cannot read or a usage error', async () => {
    const poor = spawnSync(process.execPath, [cli, await copyFixture('docker')], { encoding: 'utf8', env: { ...process.env, UPSKILL_PYTHON: PYTHON.path } });
    assert.strictEqual(poor.status, 0, poor.stderr);
    assert.match(poor.stdout, /^Upskill assessment of /);
    assert.match(poor.stdout, /Practise next\n- formatting \(0\)/);
    const missing = spawnSync(process.execPath, [cli, '/nonexistent/project'], { encoding: 'utf8' });
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /\/nonexistent\/project is not a folder/);
    const usage = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    assert.strictEqual(usage.status, 2);
    assert.match(usage.stderr, /usage: npm run assess -- PATH/);
  });
});

describe('Assess My Project: reading Python, notebooks, TOML and ignore files', () => {
  it('a signature is annotated only when every parameter and the return are; self and cls, * and / need none', () => {
    assert.strictEqual(signatureAnnotated('(a: int, b: str = "x") -> None:', false), true);
    assert.strictEqual(signatureAnnotated('(a: int, b=1) -> None:', false), false);
    assert.strictEqual(signatureAnnotated('(a: int):', false), false);
    assert.strictEqual(signatureAnnotated('(self, x: dict[str, int] = {"a": 1}, *, y: int, **kw: str) -> int:', true), true);
    assert.strictEqual(signatureAnnotated('(self) -> None:', false), false, 'self outside a class is a parameter like any other');
    assert.strictEqual(signatureAnnotated('(*args: int, /) -> None:', false), true);
  });

  it('finds functions whose signature spans lines, and methods by their class', () => {
    const defs = functionDefs(['class A:', '    def m(self, x: int) -> int:', '        return x', '', 'def f(', '    a: int,', '    b: int,', ') -> int:', '    return a + b', 'async def g(x): pass']);
    assert.deepStrictEqual(defs.map((d) => [d.name, d.line, d.annotated]), [['m', 2, true], ['f', 5, true], ['g', 10, false]]);
  });

  it('a test asserts through assert, pytest.raises or a mock; one that only calls asserts nothing', () => {
    const empty = testsAssertingNothing(['def test_a():', '    f()', '', 'def test_b():', '    with pytest.raises(ValueError):', '        f()', 'def test_c(m):', '    m.assert_called_once()', 'def test_d():', '    f()  # assert later']);
    assert.deepStrictEqual(empty.map((t) => t.name), ['test_a', 'test_d']);
  });

  it('imports and module names', () => {
    assert.deepStrictEqual([...importedNames(['import a.b as c, d', 'from e.f import (', '    g,', '    h as i,', ')', 'from . import x'])].sort(), ['a.b', 'd', 'e.f', 'e.f.g', 'e.f.h']);
    assert.strictEqual(moduleName('src/pkg/mod.py'), 'pkg.mod');
    assert.strictEqual(moduleName('pkg/__init__.py'), 'pkg');
    assert.strictEqual(moduleName('my-scripts/run.py'), undefined);
  });

  it('notebooks: code cells as lines, or why the file is not a notebook', () => {
    assert.deepStrictEqual(notebookCells('{"cells": [{"cell_type": "code", "source": "a\\nb"}, {"cell_type": "markdown", "source": []}]}'), [['a', 'b']]);
    assert.match(String(notebookCells('{"cells": 3}')), /no list of cells/);
    assert.match(String(notebookCells('nope')), /^not valid JSON/);
  });

  it('TOML: tables with their sub-tables, and the problems a reader would stop at', () => {
    const text = '[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nselect = [\n  "E",\n]\n[tool.mypy]\nstrict = true\n';
    assert.match(tomlTable(text, 'tool.ruff') ?? '', /line-length = 100[\s\S]*select/);
    assert.doesNotMatch(tomlTable(text, 'tool.ruff', false) ?? '', /select/);
    assert.strictEqual(tomlTable(text, 'tool.black'), undefined);
    assert.deepStrictEqual(tomlProblems(text), []);
    assert.deepStrictEqual(tomlProblems('[tool.x\na = \nb\nc = """\nfree text\n"""\n'), [
      { line: 1, message: 'the table header "[tool.x" is not closed' },
      { line: 2, message: 'a has no value' },
      { line: 3, message: '"b" is not a key = value line' },
    ]);
  });

  it('ignore files: anchored and unanchored patterns, folders only, negation, ** and a nested file\'s base', () => {
    const rules = [...ignoreRules('*.csv\n!keep.csv\n/build\nlogs/\ndocs/**/*.tmp\n'), ...ignoreRules('secret.txt\n', 'sub')];
    const cases: [string, boolean, boolean][] = [
      ['a/b.csv', false, true],
      ['keep.csv', false, false],
      ['build', true, true],
      ['x/build', true, false],
      ['logs', false, false],
      ['x/logs', true, true],
      ['docs/a/b/c.tmp', false, true],
      ['docs/c.tmp', false, true],
      ['sub/secret.txt', false, true],
      ['secret.txt', false, false],
    ];
    for (const [rel, dir, want] of cases) assert.strictEqual(isIgnored(rules, rel, dir), want, rel);
  });
});
