// Hidden tests that call a notebook's functions, as testbook does, across the same process
// boundary as every other hidden test: `from analysis import fn` runs analysis.ipynb's code
// cells in the worker, behind the audit hook (upskill_notebook.py); the judge compares.

import * as assert from 'assert';
import { runChecks } from '../../../src/checks/engine';
import type { CheckResult } from '../../../src/checks/types';
import { context, folder } from './helpers';

/** An .ipynb file's text: strings are code cells, `{ md }` a Markdown cell. */
function notebook(cells: ReadonlyArray<string | { md: string }>): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c) =>
      typeof c === 'string'
        ? { cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: c.split(/(?<=\n)/) }
        : { cell_type: 'markdown', metadata: {}, source: c.md },
    ),
  });
}

async function judged(learner: Record<string, string>, hidden: Record<string, string>): Promise<CheckResult> {
  const exDir = await folder(Object.fromEntries(Object.entries(hidden).map(([k, v]) => [`hidden/${k}`, v])));
  const work = await folder(learner);
  const report = await runChecks(context(work, [{ type: 'pytest', hiddenTests: 'hidden' }], {}, exDir));
  return report.results[0];
}

const text = (r: CheckResult): string => `${r.summary}\n${r.details.join('\n')}\n${r.tests.map((t) => `${t.message ?? ''}\n${t.detail ?? ''}`).join('\n')}`;

const ANALYSIS = notebook([
  { md: '# Sensor readings\nWe standardise each reading.' },
  'import statistics\n%matplotlib inline\n!pip install nothing-at-all\n',
  '%%bash\necho this cell is shell, not Python\nexit 3\n',
  'def zscores(values):\n    mean = statistics.fmean(values)\n    spread = statistics.pstdev(values)\n    return [(v - mean) / spread for v in values]\n',
  '%%time\nreadings = [1.0, 2.0, 3.0]\nzscores(readings)\n',
]);

const ZSCORE_TEST = [
  'import pytest',
  'from analysis import readings, zscores',
  '',
  '',
  'def test_zscores():',
  '    assert zscores([2.0, 4.0, 6.0]) == pytest.approx([-1.224744871, 0.0, 1.224744871])',
  '    assert readings == [1.0, 2.0, 3.0]',
  '',
].join('\n');

describe("checks: hidden tests that call a notebook's functions", function () {
  this.timeout(120_000);

  it('a function defined in a notebook is called in the worker and compared in the judge; a wrong one fails the test', async () => {
    const passed = await judged({ 'analysis.ipynb': ANALYSIS }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(passed.status, 'passed', text(passed));
    const wrong = await judged({ 'analysis.ipynb': ANALYSIS.replace('(v - mean) / spread', 'v - mean') }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(wrong.status, 'failed', text(wrong));
    assert.match(wrong.summary, /1 of 1 test failed: test_zscores/);
  });

  it('a module of the same name wins over the notebook, as for Python', async () => {
    const result = await judged({ 'analysis.ipynb': ANALYSIS, 'analysis.py': 'readings = [1.0, 2.0, 3.0]\n\n\ndef zscores(values):\n    return [0.0 for _ in values]\n' }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(result.status, 'failed', text(result));
    assert.match(result.summary, /test_zscores/);
  });

  it('a cell that raises at import, or does not parse, is reported with the notebook, its cell and line', async () => {
    const broken = notebook([{ md: '# Load' }, 'import statistics\n', 'rows = []\nfirst = rows[0]\n', 'def zscores(values):\n    return values\n']);
    const raised = await judged({ 'analysis.ipynb': broken }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(raised.status, 'failed', text(raised));
    assert.match(text(raised), /analysis\.ipynb: cell 3, line 2 raised IndexError: list index out of range/);
    const syntax = await judged({ 'analysis.ipynb': notebook(['x = 1\n', 'def zscores(values)\n    return values\n']) }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(syntax.status, 'failed', text(syntax));
    assert.match(text(syntax), /analysis\.ipynb: cell 2, line 1 does not parse/);
  });

  it('notebook cells that patch pytest, json and sys in their own process change no verdict', async () => {
    const cheat = notebook([
      'import json, sys\nimport _pytest.runner, _pytest.reports, pytest\n',
      '_pytest.reports.TestReport.outcome = "passed"\n_pytest.runner.call_and_report = lambda *a, **k: None\npytest.fail = lambda *a, **k: None\npytest.approx = lambda *a, **k: True\n',
      'json.dumps = lambda *a, **k: "{}"\nsys.exit = lambda *a: None\nsys.modules["pytest"] = None\n',
      'readings = [1.0, 2.0, 3.0]\n\n\nclass Anything:\n    def __eq__(self, other):\n        return True\n\n\ndef zscores(values):\n    return Anything()\n',
    ]);
    const result = await judged({ 'analysis.ipynb': cheat }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(result.status, 'failed', text(result));
    assert.match(result.summary, /test_zscores/);
  });

  it('notebook code cannot read the hidden tests, and a notebook written at run time never runs', async () => {
    const snoop = notebook([
      'import glob, os\nreadings = [1.0, 2.0, 3.0]\n',
      'def zscores(values):\n    found = glob.glob(os.path.join(os.path.dirname(os.getcwd()), "**", "test_analysis.py"), recursive=True)\n    return [open(found[0]).read()] if found else [0.0]\n',
    ]);
    const refused = await judged({ 'analysis.ipynb': snoop }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(refused.status, 'failed', text(refused));
    // A notebook the learner's code writes, then imports: its cell is not one the hook saw at the start.
    const writer = notebook([
      'import importlib, json\nreadings = [1.0, 2.0, 3.0]\n',
      [
        'def zscores(values):',
        '    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "def zscores(v):\\n    return [-1.224744871, 0.0, 1.224744871]\\n"}',
        '    with open("later.ipynb", "w") as f:',
        '        json.dump({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}, f)',
        '    return importlib.import_module("later").zscores(values)',
        '',
      ].join('\n'),
    ]);
    const rewritten = await judged({ 'analysis.ipynb': writer }, { 'test_analysis.py': ZSCORE_TEST });
    assert.strictEqual(rewritten.status, 'failed', text(rewritten));
    assert.match(text(rewritten), /later\.ipynb, cell 1: only the \.py files and notebook cells of the exercise folder as they were when the check started may run/);
  });
});
