// Ruff checks that use the learner's own settings (`config: pyproject.toml`): what is taken
// from the file, what is left out, and how it reaches Ruff (the bundled WebAssembly build,
// or an installed ruff through --isolated and --config overrides).

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { cliOverrides, tomlValue, withoutLeftOut } from '../../../src/checks/ruffConfig';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

// 96 characters: too long for Ruff's default 88, fine at 100.
const LONG = `THRESHOLDS = {"churn": 0.35, "upsell": 0.6, "fraud": 0.92, "support_escalation": 0.41, "vip": 1}\n`;
const FORMAT: CheckSpec = { type: 'ruff-format', config: 'pyproject.toml' };
const LINT: CheckSpec = { type: 'ruff-lint', select: ['E', 'F'], config: 'pyproject.toml' };

async function check(files: Record<string, string>, spec: CheckSpec, extra = {}) {
  const work = await folder(files);
  const ctx = context(work, [spec], extra);
  const report = await runChecks(ctx);
  return { result: report.results[0], lines: ctx.lines };
}

describe('checks: Ruff with the settings of the learner\'s pyproject.toml', () => {
  it('leaves out the settings that choose files or change how Ruff runs, and says which', () => {
    const { settings, leftOut } = withoutLeftOut({
      'line-length': 100,
      exclude: ['*.py'],
      extend: '../shared/ruff.toml',
      fix: true,
      lint: { select: ['E'], 'per-file-ignores': { '*.py': ['E501'] }, isort: { 'known-first-party': ['churn'] } },
      format: { 'quote-style': 'single', exclude: ['legacy/*'] },
    });
    assert.deepStrictEqual(settings, { 'line-length': 100, lint: { select: ['E'], isort: { 'known-first-party': ['churn'] } }, format: { 'quote-style': 'single' } });
    assert.deepStrictEqual(leftOut.sort(), ['exclude', 'extend', 'fix', 'format.exclude', 'lint.per-file-ignores']);
  });

  it('turns settings into one --config override per leaf, with TOML values and quoted keys', () => {
    assert.deepStrictEqual(cliOverrides({ 'line-length': 100, lint: { select: ['E', 'I'], isort: { 'known-first-party': ['churn'] }, 'flake8-quotes': { 'inline-quotes': 'double' } }, 'a key': true }), [
      '--config', 'line-length = 100',
      '--config', 'lint.select = ["E", "I"]',
      '--config', 'lint.isort.known-first-party = ["churn"]',
      '--config', 'lint.flake8-quotes.inline-quotes = "double"',
      '--config', '"a key" = true',
    ]);
    assert.strictEqual(tomlValue({ a: [1, 'x"y'], 'b.c': false }), '{ a = [1, "x\\"y"], "b.c" = false }');
  });

  it('refuses ignore = ["ALL"]: a finding is fixed, or its rule ignored by name', async () => {
    for (const toml of ['[tool.ruff.lint]\nignore = ["ALL"]\n', '[tool.ruff]\nignore = ["E501", "ALL"]\n']) {
      const all = await check({ 'pyproject.toml': toml, 'm.py': 'import os\n' }, LINT);
      assert.strictEqual(all.result.status, 'failed', toml);
      assert.match(all.result.summary, /switches every rule off/);
    }
    const named = await check({ 'pyproject.toml': '[tool.ruff.lint]\nignore = ["F401"]\n', 'm.py': 'import os\n' }, LINT);
    assert.strictEqual(named.result.status, 'passed', named.result.summary);
  });

  it('formats at the line length the learner configured', async () => {
    const at100 = await check({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n', 'm.py': LONG }, FORMAT);
    assert.strictEqual(at100.result.status, 'passed', at100.result.summary);
    assert.ok(at100.result.details.includes('Ruff ran with the settings of [tool.ruff] in pyproject.toml.'), at100.result.details.join('\n'));
    const defaults = await check({ 'pyproject.toml': '[project]\nname = "churn"\n', 'm.py': LONG }, FORMAT);
    assert.strictEqual(defaults.result.status, 'failed', 'at the default 88 the line is too long for one line');
    assert.match(defaults.result.details.join('\n'), /has no \[tool\.ruff\] table, so Ruff ran with its defaults/);
    const none = await check({ 'm.py': LONG }, { ...FORMAT, lineLength: 100 });
    assert.strictEqual(none.result.status, 'passed', 'no file: the exercise\'s own line length');
    assert.match(none.result.details.join('\n'), /pyproject\.toml does not exist/);
  });

  it('reads the format options too, and the whole of a ruff.toml', async () => {
    const single = await check({ 'ruff.toml': '[format]\nquote-style = "single"\n', 'm.py': "x = 'a'\n" }, { ...FORMAT, config: 'ruff.toml' });
    assert.strictEqual(single.result.status, 'passed', single.result.summary);
    const double = await check({ 'ruff.toml': 'line-length = 90\n', 'm.py': "x = 'a'\n" }, { ...FORMAT, config: 'ruff.toml' });
    assert.strictEqual(double.result.status, 'failed');
  });

  it('an exclude that would skip every file is left out, and the check says so', async () => {
    const { result } = await check({ 'pyproject.toml': '[tool.ruff]\nexclude = ["*.py"]\nextend-exclude = ["m.py"]\n', 'm.py': 'x = {  "a":1 }\n' }, FORMAT);
    assert.strictEqual(result.status, 'failed');
    assert.match(result.details.join('\n'), /Left out of the check: exclude \(the check decides which files it reads\), extend-exclude/);
  });

  it('lints with the learner\'s line length and rule options; per-file-ignores do not hide a finding', async () => {
    const pyproject = '[tool.ruff]\nline-length = 100\n';
    const clean = await check({ 'pyproject.toml': pyproject, 'm.py': LONG }, LINT);
    assert.strictEqual(clean.result.status, 'passed', clean.result.summary);
    const conflict = await check({ 'pyproject.toml': `${pyproject}\n[tool.ruff.lint.pycodestyle]\nmax-line-length = 79\n`, 'm.py': LONG }, LINT);
    assert.strictEqual(conflict.result.status, 'failed');
    assert.match(conflict.result.summary, /E501/);
    const hidden = await check({ 'pyproject.toml': `[tool.ruff.lint]\nselect = ["E501"]\n\n[tool.ruff.lint.per-file-ignores]\n"*.py" = ["E501"]\n`, 'm.py': LONG }, LINT);
    assert.strictEqual(hidden.result.status, 'failed', 'per-file-ignores are left out');
    assert.match(hidden.result.summary, /E501/);
  });

  it('the exercise\'s select applies only when the learner chose no rules', async () => {
    const unused = 'import os\n';
    const own = await check({ 'pyproject.toml': '[tool.ruff.lint]\nselect = ["E"]\n', 'm.py': unused }, LINT);
    assert.strictEqual(own.result.status, 'passed', 'the learner selected E only, so F401 is not reported');
    const theirs = await check({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n', 'm.py': unused }, LINT);
    assert.strictEqual(theirs.result.status, 'failed');
    assert.match(theirs.result.summary, /F401/);
  });

  for (const [name, toml, expected] of [
    ['a file that is not TOML', '[tool.ruff\nline-length = 100\n', /pyproject\.toml: it is not valid TOML/],
    ['a setting Ruff does not know', '[tool.ruff]\nline-lenght = 100\n', /Ruff does not accept the settings in pyproject\.toml: .*line-lenght/],
    ['[tool.ruff] that is not a table', '[tool]\nruff = 3\n', /\[tool\.ruff\] must be a table/],
  ] as const) {
    it(`fails on ${name}, saying why`, async () => {
      for (const spec of [FORMAT, LINT]) {
        const { result } = await check({ 'pyproject.toml': toml, 'm.py': 'x = 1\n' }, spec);
        assert.strictEqual(result.status, 'failed', `${spec.type}: ${result.summary}`);
        assert.match(result.summary, expected);
      }
    });
  }

  // A stand-in interpreter: the real Python for everything except `-m ruff`, which records its
  // arguments and answers as an installed ruff with nothing to report would.
  async function recordingPython(): Promise<{ python: typeof PYTHON; argv: () => Promise<string[][]> }> {
    const bin = await folder({});
    const log = path.join(bin, 'argv.jsonl');
    const script = `#!/bin/bash
if [ "$1" = "-c" ] && [ "$2" = "import ruff" ]; then exit 0; fi
if [ "$1" = "-P" ] && [ "$2" = "-m" ] && [ "$3" = "ruff" ]; then
  ${PYTHON.path} -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@" >> ${log}
  if [ "$4" = "check" ]; then echo "[]"; fi
  exit 0
fi
exec ${PYTHON.path} "$@"
`;
    await fs.writeFile(path.join(bin, 'python'), script, { mode: 0o755 });
    return {
      python: { ...PYTHON, path: path.join(bin, 'python'), version: '3.11.0' },
      argv: async () => (await fs.readFile(log, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as string[]),
    };
  }

  it('with an installed ruff: --isolated, the settings as --config overrides, the exercise\'s defaults only where the file says nothing', async () => {
    const { python, argv } = await recordingPython();
    const pyproject = '[tool.ruff]\nline-length = 100\nexclude = ["*.py"]\n\n[tool.ruff.lint]\nselect = ["E", "I"]\n';
    const format = await check({ 'pyproject.toml': pyproject, 'm.py': 'x = 1\n' }, FORMAT, { python });
    assert.strictEqual(format.result.status, 'passed', format.result.summary);
    const lint = await check({ 'pyproject.toml': pyproject, 'm.py': 'x = 1\n' }, LINT, { python });
    assert.strictEqual(lint.result.status, 'passed', lint.result.summary);
    const [formatArgs, lintArgs] = await argv();
    // Every file by name, never a folder for Ruff to crawl (it would skip some).
    assert.deepStrictEqual(formatArgs.slice(3), ['format', '--check', '--no-cache', '--isolated', '--config', 'line-length = 100', '--config', 'lint.select = ["E", "I"]', '--', 'm.py']);
    assert.deepStrictEqual(lintArgs.slice(3), ['check', '--output-format', 'json', '--no-cache', '--isolated', '--config', 'line-length = 100', '--config', 'lint.select = ["E", "I"]', '--', 'm.py']);
  });

  it('with an installed ruff that stops on the settings (exit 2), the check fails instead of finding nothing', async () => {
    const bin = await folder({
      python: `#!/bin/bash\nif [ "$1" = "-c" ] && [ "$2" = "import ruff" ]; then exit 0; fi\nif [ "$3" = "ruff" ]; then echo "ruff failed" >&2; echo "  Cause: unknown field \\\`line-lenght\\\`" >&2; exit 2; fi\nexec ${PYTHON.path} "$@"\n`,
    });
    await fs.chmod(path.join(bin, 'python'), 0o755);
    const python = { ...PYTHON, path: path.join(bin, 'python'), version: '3.11.0' };
    for (const spec of [LINT, { type: 'ruff-lint', select: ['F'] } as CheckSpec, FORMAT]) {
      const { result } = await check({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n', 'm.py': 'x = 1\n' }, spec, { python });
      assert.strictEqual(result.status, 'failed', `${spec.type}: ${result.summary}`);
      assert.match(result.summary, /Ruff stopped with exit code 2: unknown field `line-lenght`/);
    }
  });
});
