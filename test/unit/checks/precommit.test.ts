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
    ['an entry override', GOOD.replace('      - id: ruff-format', '      - id: ruff-format\n        entry: "true"'), /"ruff-format" .* sets "entry", which replaces what the hook runs/],
    ['a manual stage', GOOD.replace('      - id: ruff-format', '      - id: ruff-format\n        stages: [manual]'), /"ruff-format" .* does not run at commit time/],
    ['default_stages without pre-commit', `default_stages: [pre-push]\n${GOOD}`, /does not run at commit time \(stages \["pre-push"\], from default_stages\)/],
    ['install hook types without pre-commit', `default_install_hook_types: [pre-push]\n${GOOD}`, /"default_install_hook_types" leaves out pre-commit/],
    ['types that leave out Python', GOOD.replace('      - id: ruff-format', '      - id: ruff-format\n        types: [markdown]'), /"types: \["markdown"\]", which no Python file has/],
    ['exclude_types python', GOOD.replace('      - id: ruff-format', '      - id: ruff-format\n        exclude_types: [python]'), /exclude_types.*leaves out Python files/],
    ['--exit-zero', GOOD.replace('[--fix]', '[--fix, --exit-zero]'), /passes --exit-zero, which makes it exit 0 whatever it finds/],
    ['--ignore ALL', GOOD.replace('[--fix]', '[--ignore, ALL]'), /passes --ignore ALL, which switches every rule off/],
  ] as const) {
    it(`refuses ${name}`, () => assert.match(problems(text).join('\n'), expected));
  }

  it('collects the file patterns that decide what a required hook sees', () => {
    const { selections } = readPreCommit('c.yaml', `exclude: ^docs/\n${GOOD.replace('      - id: mypy', '      - id: mypy\n        files: ^src/')}`, REQUIRED);
    assert.deepStrictEqual(selections, [
      { hook: 'ruff-check', files: [], exclude: ['^docs/'] },
      { hook: 'ruff-format', files: [], exclude: ['^docs/'] },
      { hook: 'mypy', files: ['^src/'], exclude: ['^docs/'] },
    ]);
  });

  it("evaluates files and exclude with Python's re, against the folder's own Python files", async () => {
    const spec = (hooks = REQUIRED): CheckSpec => ({ type: 'structure', assert: [{ preCommitHooks: { file: '.pre-commit-config.yaml', hooks } }] });
    const check = async (config: string, files: Record<string, string> = { 'features.py': 'x = 1\n', 'src/model.py': 'y = 2\n' }) =>
      (await runChecks(context(await folder({ '.pre-commit-config.yaml': config, ...files }), [spec()]))).results[0];
    assert.strictEqual((await check(GOOD)).status, 'passed');
    const verbose = await check(`exclude: |\n  (?x)^(\n    docs/.*\n  )$\n${GOOD}`);
    assert.strictEqual(verbose.status, 'passed', `Python's verbose regular expressions work: ${verbose.summary}`);
    const src = await check(GOOD.replace('      - id: mypy', '      - id: mypy\n        files: ^src/'));
    assert.strictEqual(src.status, 'failed');
    assert.match(src.summary, /The mypy hook never sees features\.py/);
    const everything = await check(`exclude: '.*'\n${GOOD}`, {});
    assert.match(everything.details.join('\n'), /The ruff-check hook never sees train\.py, src\/pipeline\/features\.py, tests\/test_features\.py/, 'a folder without Python files is judged on sample paths');
    const broken = await check(GOOD.replace('      - id: mypy', '      - id: mypy\n        exclude: "(unclosed"'));
    assert.match(broken.summary, /The mypy hook's file patterns: '\(unclosed' is not a valid regular expression/);
  });
});
