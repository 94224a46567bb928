import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { HELPER, askPython, findSuppressions, readAnswer } from '../../../src/checks/pyhelper';
import { arrayOf, num, objectOf, recordOf, str, unknownValue } from '../../../src/checks/shape';
import type { CommandRun } from '../../../src/checks/types';
import { context, folder } from './helpers';

const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'markdown', source: ['# import features'] },
    { cell_type: 'code', source: ['%matplotlib inline\n', 'from features import scale\n'] },
    { cell_type: 'code', source: 'if True:\n    import features\n\ndef scale(x):\n    return x\n' },
    { cell_type: 'code', source: 'def broken(:\n' },
  ],
});

describe('checks/pyhelper: the Python helper ships as a .py file and its answers are checked', () => {
  it('the helper is the shipped file, inlined by the bundler', () => {
    assert.match(HELPER, /^# Upskill's Python helper/);
    assert.match(HELPER, /COMMANDS = \{/);
  });

  it('suppressions: comments found by the tokenizer, never prose in a string', async () => {
    const dir = await folder({ 'a.py': 'x = "# noqa"  # noqa: E501\ny = 1  # type: ignore\n' });
    const found = await findSuppressions(context(dir, []), [path.join(dir, 'a.py')]);
    assert.deepStrictEqual(
      found.map((s) => [s.line, s.column, s.kind]),
      [
        [1, 15, 'noqa'],
        [2, 8, 'type: ignore'],
      ],
    );
  });

  it('suppressions: unchanged files reuse the last answer without an interpreter; a changed byte asks again', async () => {
    const dir = await folder({ 'a.py': 'y = 1  # type: ignore\n' });
    const file = path.join(dir, 'a.py');
    const runs: CommandRun[] = [];
    const first = await findSuppressions(context(dir, []), [file], runs);
    const again = await findSuppressions(context(dir, []), [file], runs);
    assert.strictEqual(runs.length, 1, 'the repeat started no interpreter');
    assert.deepStrictEqual(again, first);
    await fs.writeFile(file, 'y = 1\n');
    const changed = await findSuppressions(context(dir, []), [file], runs);
    assert.strictEqual(runs.length, 2);
    assert.deepStrictEqual(changed, [], 'the comment is gone from the answer too');
  });

  it('same_ast: the same tree after formatting, a changed tree, a file that is not Python', async () => {
    const dir = await folder({ 'a.py': 'x=[1,2]\n', 'ref/a.py': 'x = [1, 2]\n', 'b.py': 'x = [1, 3]\n', 'c.py': 'x = (\n' });
    const ref = path.join(dir, 'ref', 'a.py');
    const answer = await askPython(context(dir, []), 'same_ast', { pairs: ['a.py', 'b.py', 'c.py'].map((f) => [path.join(dir, f), ref]) });
    assert.deepStrictEqual(
      answer.map((r) => [path.basename(r.file), r.same, r.error !== undefined]),
      [
        ['a.py', true, false],
        ['b.py', false, false],
        ['c.py', false, true],
      ],
    );
  });

  it('notebook: top-level and nested imports, leftovers the module defines, cells that are not Python', async () => {
    const dir = await folder({ 'analysis.ipynb': NOTEBOOK, 'features.py': 'def scale(x):\n    return x * 2\n' });
    const nb = await askPython(context(dir, []), 'notebook', { notebook: path.join(dir, 'analysis.ipynb'), module: 'features', moduleFile: path.join(dir, 'features.py') });
    assert.deepStrictEqual({ ...nb, errors: nb.errors.length }, { imports: [2], nestedImports: [3], leftovers: ['scale'], moduleDefs: ['scale'], errors: 1 });
  });

  it('toml: found and missing keys, an absent optional file, a file that is not TOML', async () => {
    const dir = await folder({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n', 'bad.toml': '[tool\n' });
    const ctx = context(dir, []);
    const toml = await askPython(ctx, 'toml', { file: path.join(dir, 'pyproject.toml'), keys: ['tool.ruff', 'tool.mypy'] });
    assert.deepStrictEqual(toml, { missing: ['tool.mypy'], found: { 'tool.ruff': { 'line-length': 100 } } });
    assert.deepStrictEqual(await askPython(ctx, 'toml', { file: path.join(dir, 'none.toml'), keys: [], optional: true }), { absent: true });
    assert.match((await askPython(ctx, 'toml', { file: path.join(dir, 'bad.toml'), keys: [] })).error ?? '', /not valid TOML/);
  });

  it('an answer of another shape is refused, naming where it differs', () => {
    assert.throws(() => readAnswer('same_ast', '{"result": [{"file": "a.py", "same": "yes"}]}'), /result\[0\]\.same should be true or false, not string/);
    assert.throws(() => readAnswer('notebook', '{"result": {"imports": [1], "nestedImports": [], "leftovers": []}}'), /result\.errors should be an array, not undefined/);
    assert.throws(() => readAnswer('toml', '{"error": "no result"}'), /result should be an object, not undefined/);
    assert.throws(() => readAnswer('suppressions', 'Traceback (most recent call last):'), SyntaxError);
  });

  it('the last line printed is the answer; optional fields stay absent and unknown ones are dropped', () => {
    const answer = readAnswer('same_ast', 'a warning on stdout\n{"result": [{"file": "a.py", "same": true, "extra": 1}]}\n');
    assert.deepStrictEqual(answer, [{ file: 'a.py', same: true }]);
  });
});

describe('checks/shape: JSON from another program, typed or refused', () => {
  const point = objectOf({ x: num, label: str }, { tags: arrayOf(str) });

  it('accepts the shape and returns only its keys', () => {
    assert.deepStrictEqual(point({ x: 1, label: 'a', tags: ['t'], other: true }, 'p'), { x: 1, label: 'a', tags: ['t'] });
    assert.deepStrictEqual(point({ x: 1, label: 'a' }, 'p'), { x: 1, label: 'a' });
  });

  it('refuses a missing key, a null optional one, a wrong item, a non-finite number, an array for an object', () => {
    assert.throws(() => point({ label: 'a' }, 'p'), /p\.x should be a number, not undefined/);
    assert.throws(() => point({ x: 1, label: 'a', tags: null }, 'p'), /p\.tags should be an array, not null/);
    assert.throws(() => point({ x: 1, label: 'a', tags: ['t', 2] }, 'p'), /p\.tags\[1\] should be a string, not number/);
    assert.throws(() => num(Number.NaN, 'n'), /n should be a number/);
    assert.throws(() => point([], 'p'), /p should be an object, not an array/);
  });

  it('a record checks every value and keeps any JSON where asked', () => {
    assert.deepStrictEqual(recordOf(num)({ a: 1, b: 2 }, 'r'), { a: 1, b: 2 });
    assert.throws(() => recordOf(num)({ a: 1, b: 'two' }, 'r'), /r\.b should be a number, not string/);
    assert.deepStrictEqual(recordOf(unknownValue)({ a: [1, { b: null }] }, 'r'), { a: [1, { b: null }] });
  });
});
