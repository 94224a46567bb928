// Parsers on output captured from the real tools (test/fixtures/tool-output).

import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parseJUnit } from '../../../src/checks/junit';
import { parseMypy } from '../../../src/checks/mypy';
import { firstDifference, parseRuffJson, wasmFindings } from '../../../src/checks/ruff';
import { notebookImports } from '../../../src/checks/structure';
import { evaluateWorkflow } from '../../../src/checks/workflow';
import { FIXTURES } from './helpers';

const read = (f: string) => readFileSync(path.join(FIXTURES, f), 'utf8');

describe('checks: parsers on real tool output', () => {
  it('reads mypy 1.0 text output into findings with positions and codes', () => {
    const f = parseMypy(read('mypy-1.0-strict.txt'), '/work');
    assert.deepStrictEqual(
      f.map((x) => [path.basename(x.file), x.line, x.column, x.code, x.severity]),
      [
        ['stats.py', 1, 1, 'no-untyped-def', 'error'],
        ['stats.py', 6, 12, 'return-value', 'error'],
      ],
    );
    assert.strictEqual(f[1].message, 'Incompatible return value type (got "int", expected "str")');
    assert.strictEqual(f[0].file, path.resolve('/work', 'stats.py'));
  });

  it('reads pytest 7.2 JUnit XML: outcomes, messages, files and 1-based lines', () => {
    const t = parseJUnit(read('pytest-7.2-junit-xunit1.xml'));
    assert.deepStrictEqual(
      t.map((x) => [x.id, x.outcome, x.line]),
      [
        ['test_stats.py::test_mean', 'passed', 5],
        ['test_stats.py::test_mean_empty', 'failed', 9],
        ['test_stats.py::test_wrong', 'failed', 13],
        ['test_stats.py::test_later', 'skipped', 17],
      ],
    );
    assert.strictEqual(t[1].message, 'ZeroDivisionError: division by zero');
    assert.strictEqual(t[2].message, 'assert 1.0 == 3\n +  where 1.0 = mean([1, 1])');
  });

  it('a collection error names its real cause, not just "collection failure"', () => {
    const [t] = parseJUnit(read('pytest-7.2-junit-collection-error.xml'));
    assert.strictEqual(t.outcome, 'error');
    assert.strictEqual(t.message, "collection failure: ModuleNotFoundError: No module named 'missing_module'");
  });

  it('reads the Ruff WebAssembly diagnostics', () => {
    const { diagnostics } = JSON.parse(read('ruff-wasm-0.17.4-check.json'));
    const f = wasmFindings('/w/a.py', diagnostics);
    assert.deepStrictEqual(f.map((x) => x.code).sort(), ['B006', 'E722', 'F401', 'F401', 'I001']);
    const b006 = f.find((x) => x.code === 'B006')!;
    assert.deepStrictEqual([b006.line, b006.column], [4, 9]);
  });

  it('reads ruff check --output-format json', () => {
    const json = JSON.stringify([{ code: 'F401', message: '`os` imported but unused', filename: 'a.py', location: { row: 1, column: 8 }, end_location: { row: 1, column: 10 } }]);
    const [f] = parseRuffJson(json);
    assert.deepStrictEqual([f.file, f.line, f.column, f.endColumn, f.code], ['a.py', 1, 8, 10, 'F401']);
  });

  it('finds the first differing line', () => {
    assert.strictEqual(firstDifference('a\nb\nc', 'a\nB\nc'), 2);
  });

  it('reads the modules a notebook imports', () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['import fake'] }, { cell_type: 'code', source: ['import pandas as pd, numpy\n', 'from cleaning import clean_column_names\n'] }] });
    assert.deepStrictEqual([...notebookImports(nb)].sort(), ['cleaning', 'numpy', 'pandas']);
  });

  it('checks a workflow and points at the lines', () => {
    const wf = `name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python-version: ["3.11", 3.10]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
      - run: pytest
`;
    const f = evaluateWorkflow('/w/ci.yml', wf, { triggers: ['push', 'pull_request'], runs: ['ruff', 'pytest'], pythonMatrix: ['3.10', '3.11'], requireCache: true });
    assert.deepStrictEqual(
      f.map((x) => [x.line, x.message.split(' ').slice(0, 5).join(' ')]),
      [
        [2, 'The workflow is not triggered'],
        [8, 'The matrix declares "python-version" but'],
        [5, 'No job runs actions/setup-python over'],
        [11, 'Dependencies are not cached; add'],
      ],
    );
    // The matrix is judged by what setup-python is given: an unquoted 3.10 is the float 3.1.
    const unquoted = wf.replace('setup-python@v5', 'setup-python@v5\n        with:\n          python-version: ${{ matrix.python-version }}');
    const versions = evaluateWorkflow('/w/ci.yml', unquoted, { triggers: ['push'], runs: ['pytest'], pythonMatrix: ['3.10', '3.11'] });
    assert.deepStrictEqual(
      versions.map((x) => x.message).filter((m) => m.startsWith('The Python versions')),
      ['The Python versions this job sets up (3.11, 3.1) lack 3.10. Quote versions ("3.10"), or YAML reads 3.10 as 3.1.'],
    );
    const ok = wf.replace('[push]', '[push, pull_request]').replace('3.10]', '"3.10"]').replace('- run: pytest', '- run: ruff check .\n      - run: pytest').replace('setup-python@v5', 'setup-python@v5\n        with:\n          python-version: ${{ matrix.python-version }}\n          cache: pip');
    assert.deepStrictEqual(evaluateWorkflow('/w/ci.yml', ok, { triggers: ['push', 'pull_request'], runs: ['ruff', 'pytest'], pythonMatrix: ['3.10', '3.11'], requireCache: true }), []);
  });

  it('reports invalid workflow YAML at its line', () => {
    const [f] = evaluateWorkflow('/w/ci.yml', 'on: [push\njobs: {}\n', { triggers: ['push'] });
    assert.match(f.message, /not valid YAML/);
    assert.ok(f.line >= 1);
  });
});
