// The pre-commit configuration reader behind the structure check's preCommitHooks assertion.

import * as assert from 'assert';
import { runChecks } from '../../../src/checks/engine';
import { pinnedRev, readPreCommit, sameRepo } from '../../../src/checks/precommit';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder } from './helpers';

const RUFF = 'https://github.com/astral-sh/ruff-pre-commit';
const MYPY = 'https://github.com/pre-commit/mirrors-mypy';
const REQUIRED = [
  { repo: RUFF, ids: ['ruff-check', 'ruff'] },
  { repo: RUFF, ids: ['ruff-format'] },
  { repo: MYPY, ids: ['mypy'] },
];
const GOOD = `repos:
  - repo: ${RUFF}
    rev: v0.12.12
    hooks:
      - id: ruff-check
        args: [--fix]
      - id: ruff-format
  - repo: ${MYPY}
    rev: v1.17.1
    hooks:
      - id: mypy
        additional_dependencies: [types-PyYAML]
`;
const problems = (text: string) => readPreCommit('.pre-commit-config.yaml', text, REQUIRED).problems;

describe('checks: a pre-commit configuration read as pre-commit reads it', () => {
  it('accepts a configuration with the required hooks on pinned revs', () => {
    assert.deepStrictEqual(problems(GOOD), []);
    assert.deepStrictEqual(problems(GOOD.replace('ruff-check', 'ruff')), [], 'the old id of the lint hook counts');
    assert.deepStrictEqual(problems(GOOD.replace(`${RUFF}\n`, 'git@github.com:Astral-SH/ruff-pre-commit.git\n')), [], 'the same repository written another way');
  });

  it("pins a rev the way pre-commit tells a tag or hash from a branch", () => {
    for (const rev of ['v0.12.12', '1.17.1', '2c9f875913ee60ca25ce70243dc24d5b6415598c', 'abc1234']) assert.ok(pinnedRev(rev), rev);
    for (const rev of ['main', 'HEAD', 'latest', '', 1.1]) assert.ok(!pinnedRev(rev), String(rev));
    assert.match(problems(GOOD.replace('rev: v1.17.1', 'rev: main')).join('\n'), /rev of .*mirrors-mypy is "main", a branch or moving tag/);
    assert.match(problems(GOOD.replace('rev: v1.17.1', 'rev: 1.10')).join('\n'), /read as a number \(1\.1\), not a string; quote it/);
  });

  it('reads rule codes such as E501 and E9 as strings, and exponents as PyYAML does', () => {
    const reading = readPreCommit('.pre-commit-config.yaml', GOOD.replace('args: [--fix]', 'args: [--fix, --ignore, E501, --select, E9, 1e5]'), REQUIRED);
    assert.deepStrictEqual(reading.problems, []);
    assert.deepStrictEqual(reading.hooks[0].hook.args, ['--fix', '--ignore', 'E501', '--select', 'E9', '1e5']);
    assert.match(problems(GOOD.replace('args: [--fix]', 'args: [--fix, 1.0e+3]')).join('\n'), /"args" must be a list of strings/, 'a float with a dot and a signed exponent is still a float');
  });

  it('compares repositories loosely but not loosely enough to mistake another one', () => {
    assert.ok(sameRepo('https://github.com/astral-sh/ruff-pre-commit/', 'HTTPS://github.com/astral-sh/ruff-pre-commit.git'));
    assert.ok(!sameRepo('https://github.com/someone/ruff-pre-commit', RUFF));
  });

  for (const [name, text, expected] of [
    ['not YAML', 'repos: [\n', /is not valid YAML/],
    ['a comment only', '# repos:\n#   - repo: x\n', /must be a YAML mapping with a "repos:" list/],
    ['no repos list', 'fail_fast: true\n', /has no "repos:" list/],
    ['a misspelt key', GOOD.replace('        args: [--fix]', '        arg: [--fix]'), /a key pre-commit does not know: arg/],
    ['a missing hook', GOOD.replace('      - id: ruff-format\n', ''), /There is no ruff-format hook yet/],
    ['a local hook with the right id', GOOD.replace(`  - repo: ${MYPY}\n    rev: v1.17.1`, '  - repo: local').replace('        additional_dependencies: [types-PyYAML]', '        name: mypy\n        entry: echo\n        language: system'), /The mypy hook must come from .*mirrors-mypy; the hook "mypy" of local is not that hook/],
    ['args that are not a list', GOOD.replace('[--fix]', '--fix'), /"args" must be a list of strings/],
  ] as const) {
    it(`refuses ${name}`, () => assert.match(problems(text).join('\n'), expected));
  }
});

describe('checks: pre-commit hooks judged by running them on commits', function () {
  this.timeout(120_000);
  const spec: CheckSpec = { type: 'structure', assert: [{ preCommitHooks: { file: '.pre-commit-config.yaml', hooks: REQUIRED } }] };
  const PROJECT = {
    'features.py': '"""Features."""\n\n\ndef double(x: int) -> int:\n    """Twice x."""\n    return 2 * x\n',
    'pyproject.toml': '[tool.ruff.lint]\nselect = ["E", "F", "I", "B", "UP"]\n\n[tool.mypy]\nstrict = true\n',
  };
  const check = async (config: string, files: Record<string, string> = {}, stopAtFirstFailure = false) => {
    const ctx = context(await folder({ ...PROJECT, ...files, '.pre-commit-config.yaml': config }), [spec], { timeoutMs: 90_000, stopAtFirstFailure });
    const r = (await runChecks(ctx)).results[0];
    return { r, text: `${r.summary}\n${r.details.join('\n')}`, log: ctx.lines.join('\n') };
  };

  it('passes hooks that refuse a commit with a lint finding, a formatting slip or a type error, and let a clean one through', async () => {
    const { r, log } = await check(`repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace\n      - id: end-of-file-fixer\n      - id: check-yaml\n${GOOD.replace('repos:\n', '')}`);
    assert.strictEqual(r.status, 'passed', `${r.summary}\n${log}`);
    assert.match(log, /═ A commit that adds an unused (import \(F401\)|local variable \(F841\)) in upskill_check_\w+\.py\n[\s\S]*?ruff-check \(https:\/\/github\.com\/astral-sh\/ruff-pre-commit\): failed · ruff check --force-exclude --fix upskill_check_\w+\.py test_upskill_check_\w+\.py · exit 1/);
    assert.match(log, /mypy \(https:\/\/github\.com\/pre-commit\/mirrors-mypy\): failed · mypy --ignore-missing-imports upskill_check_\w+\.py test_upskill_check_\w+\.py · exit 1/);
    assert.match(log, /check-yaml \(.*\): skipped · no files to check/);
  });

  for (const [name, edit, expected] of [
    ['ruff-check with --exit-zero', (t: string) => t.replace('[--fix]', '[--fix, --exit-zero]'), /A commit that adds an unused local variable \(F841\) .* is not refused: ruff-check passed \(ruff check --force-exclude --fix --exit-zero /],
    ['ruff-check told to ignore what it finds', (t: string) => t.replace('[--fix]', '[--extend-ignore=F]'), /A commit that adds an unused local variable \(F841\) .* is not refused: ruff-check passed/],
    ['mypy with --ignore-errors... spelt as a config override', (t: string) => t.replace('        additional_dependencies: [types-PyYAML]', '        args: [--ignore-missing-imports, --disable-error-code=return-value]'), /a str where its annotation says int .* is not refused: .*mypy passed/],
    ['mypy with pass_filenames: false and an entry that checks nothing', (t: string) => t.replace('        additional_dependencies: [types-PyYAML]', '        pass_filenames: false\n        args: [--version]'), /is not refused: .*mypy passed \(mypy --version, exit 0\)/],
    ['a files: filter that covers only the files of today', (t: string) => t.replace('      - id: ruff-check\n', '      - id: ruff-check\n        files: ^features\\.py$\n'), /is not refused: ruff-check skipped: no files to check/],
    ['a hook moved to the manual stage', (t: string) => t.replace('      - id: ruff-format\n', '      - id: ruff-format\n        stages: [manual]\n'), /split over three lines .* is not refused: .*ruff-format skipped: not at commit time \(stages: \["manual"\]\)/],
    ['an entry replaced by true', (t: string) => t.replace('        additional_dependencies: [types-PyYAML]', '        entry: "true"'), /a str where its annotation says int .* is not refused: .*mypy passed \(true /],
    ['a top-level exclude of every Python file', (t: string) => `exclude: \\.py$\n${t}`, /is not refused: ruff-check skipped: no files to check/],
  ] as const) {
    it(`refuses ${name}, by what the hooks do`, async () => {
      const { r, text } = await check(edit(GOOD));
      assert.strictEqual(r.status, 'failed', text);
      assert.match(text, expected);
    });
  }

  it('stops at the first commit that gets through for the validator (stopAtFirstFailure), never for a learner', async () => {
    const neutered = GOOD.replace('[--fix]', '[--fix, --exit-zero]');
    const stopped = await check(neutered, {}, true);
    assert.strictEqual(stopped.r.status, 'failed', stopped.text);
    assert.match(stopped.text, /unused local variable \(F841\) .* is not refused/);
    assert.doesNotMatch(stopped.log, /═ A commit that adds a function of/, 'the type-error commit is not run');
    const all = await check(neutered);
    assert.match(all.log, /═ A commit that adds a function of [\s\S]*refused, as it should be: mypy failed/, 'a learner gets every commit run');
  });

  it('refuses hooks that block a clean commit, naming the hook', async () => {
    const { r } = await check(GOOD.replace('      - id: ruff-format\n', '      - id: ruff-format\n        args: [--line-length=10]\n'));
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /The hooks refuse a commit of a new module .* ruff-format \(ruff format --force-exclude --line-length=10 .*\) exited 0: it changed (test_)?upskill_check_\w+\.py.*\. A hook that fails on good code blocks every commit/);
  });

  it('runs local system and pygrep hooks; a hook it cannot run never refuses a commit', async () => {
    const local = GOOD.replace('repos:\n', `repos:\n  - repo: local\n    hooks:\n      - id: no-print\n        name: no print\n        entry: '\\bprint\\('\n        language: pygrep\n        types: [python]\n      - id: node-thing\n        name: a node hook\n        entry: eslint\n        language: node\n`);
    const { r, log } = await check(local);
    assert.strictEqual(r.status, 'passed', r.summary);
    assert.match(log, /no-print \(local\): passed · pre-commit-standin:pygrep/);
    assert.match(log, /node-thing \(local\): not run · language node is not run here/);
  });
});
