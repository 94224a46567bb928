// Assess My Project with `runWorkflows`: each workflow that runs on push and pull request is
// run here by the ci-cd exercises' judge, on a seeded lint finding and a seeded failing test,
// in a scratch copy. Real bash, Ruff and pytest. The project's files, .git included, are
// byte for byte what they were before.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assessProject } from '../../../src/checks/assess/assess';
import type { CommandRun } from '../../../src/checks/types';
import { PYTHON } from './helpers';

const WORKFLOW = (name: string, steps: string[]) =>
  [`name: ${name}`, 'on:', '  push:', '    branches: [main]', '  pull_request:', 'jobs:', '  check:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-python@v5', '        with:', '          python-version: "3.11"', ...steps.map((s) => `      - run: ${s}`), ''].join('\n');

const PROJECT: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "calc"\nversion = "0.1"\n\n[tool.ruff]\nline-length = 100\n\n[tool.pytest.ini_options]\npythonpath = ["src"]\n',
  'src/calc/__init__.py': '',
  'src/calc/ops.py': '"""Arithmetic."""\n\n\ndef add(a: int, b: int) -> int:\n    """Add."""\n    return a + b\n',
  'tests/test_ops.py': 'from calc.ops import add\n\n\ndef test_add() -> None:\n    assert add(1, 2) == 3\n',
  '.gitignore': '.venv/\n__pycache__/\n.env\n',
  // Runs the tests, and Ruff without letting it fail: catches the failing test, not the lint finding.
  '.github/workflows/ci.yml': WORKFLOW('CI', ['ruff check . --exit-zero', 'python -m pytest -q']),
};

/** Every file under `dir` (.git included) with its SHA-256, and every folder. */
async function digests(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string) => {
    for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) {
        out.set(`${r}/`, 'folder');
        await walk(r);
      } else out.set(r, createHash('sha256').update(await fs.readFile(path.join(dir, r))).digest('hex'));
    }
  };
  await walk('');
  return out;
}

describe('Assess My Project: running the workflows (opt-in)', function () {
  this.timeout(600_000);
  let root: string;
  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-assess-workflows-'));
    for (const [rel, text] of Object.entries(PROJECT)) {
      await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
      await fs.writeFile(path.join(root, rel), text);
    }
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: root });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'start');
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  // One run (each workflow is run six times: three changes, two events), so CI pays for it once.
  it('says per workflow what it catches, a finding for what no workflow catches, and writes nothing into the project', async () => {
    const before = await digests(root);
    const runs: CommandRun[] = [];
    const a = await assessProject(root, { interpreters: [{ path: PYTHON.path, origin: 'test' }], runWorkflows: true, toolTimeoutMs: 240_000, onRun: (r) => runs.push(r) });
    assert.deepStrictEqual(await digests(root), before, 'the project tree is unchanged, file by file');
    // mypy reads the project in place; everything else (git, the workflow's steps) ran in copies outside it.
    const elsewhere = runs.filter((r) => path.resolve(r.cwd) !== path.resolve(root));
    assert.ok(elsewhere.length >= 6, `3 changes × 2 events ran, got ${elsewhere.length} runs outside the project`);
    for (const r of elsewhere) assert.ok(path.relative(root, r.cwd).startsWith('..'), `${r.argv.join(' ')} ran in ${r.cwd}, inside the project`);
    const f = a.findings.find((x) => x.rule === 'ci.catches');
    assert.ok(f, `a ci.catches finding; notes: ${a.notes.map((n) => n.message).join(' | ')}`);
    assert.strictEqual(f.skill, 'ci-cd');
    assert.match(f.message, /^Run here on changes with a seeded problem, no workflow fails on a seeded lint finding \(1 workflow run\)/);
    assert.deepStrictEqual(f.evidence.map((e) => e.file), ['.github/workflows/ci.yml']);
    assert.match(f.evidence[0].detail ?? '', /^misses a seeded lint finding, catches a seeded failing test: /);
    // The static judgement still sees a linter in a step: only running it shows that it cannot fail.
    assert.strictEqual(a.findings.some((x) => x.rule === 'ci.lint'), false);
  });

  it('is off unless asked: no workflow runs and no ci.catches check', async () => {
    const runs: CommandRun[] = [];
    const a = await assessProject(root, { interpreters: [{ path: PYTHON.path, origin: 'test' }], onRun: (r) => runs.push(r) });
    assert.deepStrictEqual(runs.map((r) => path.resolve(r.cwd)), [path.resolve(root)], 'mypy alone ran');
    assert.strictEqual(a.skills.find((s) => s.skill === 'ci-cd')?.checks.some((c) => c.rule === 'ci.catches'), false);
  });
});
