// Notebook checks with the real tools: Ruff and mypy findings land on the cell and line, and
// the notebook runs top to bottom in a fresh kernel (a failing cell, a timeout, a kernel that
// dies, a missing nbclient told as setup).

import * as assert from 'assert';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { judgeRuns, readVerdict } from '../../../src/checks/notebookRun';
import { MissingToolError } from '../../../src/checks/types';
import { requirementsOf } from '../../../src/core/environment';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

const notebook = (...cells: [string, string][]) => JSON.stringify({ cells: cells.map(([cell_type, source]) => ({ cell_type, source, metadata: {}, ...(cell_type === 'code' && { outputs: [], execution_count: null }) })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

async function check(files: Record<string, string>, checks: CheckSpec[], extra = {}) {
  const work = await folder(files);
  const report = await runChecks(context(work, checks, extra));
  return { report, work };
}

describe('checks: notebooks', function () {
  this.timeout(120_000);

  it('Ruff and mypy: each finding lands on its cell and line of the notebook, not on the joined source', async () => {
    const nb = notebook(['markdown', '# Churn'], ['code', 'import os\nimport json\n'], ['markdown', 'Load'], ['code', 'def rate(n: int) -> str:\n    return n\n'], ['code', 'print(json.dumps({}))']);
    const { report, work } = await check({ 'analysis.ipynb': nb }, [{ type: 'ruff-lint', select: ['F'] }, { type: 'mypy', args: ['--strict'] }]);
    const [lint, mypy] = report.results;
    const file = path.join(work, 'analysis.ipynb');
    assert.deepStrictEqual(lint.findings.map((f) => [f.file, f.cell, f.line, f.code]), [[file, 1, 1, 'F401']]);
    assert.match(lint.details.join('\n'), /analysis\.ipynb cell 2, line 1, column 8 F401/);
    assert.deepStrictEqual(mypy.findings.map((f) => [f.file, f.cell, f.line, f.code]), [[file, 3, 2, 'return-value']]);
    assert.doesNotMatch(mypy.summary, /_upskill_nb_/, 'the stand-in file is never named to the learner');
    assert.ok(!existsSync(path.join(work, '_upskill_nb_analysis.py')), 'the stand-in is never written in the learner folder');
  });

  it('a syntax error is reported on its cell and line by Ruff, mypy and Ruff format, never on the joined source\'s line', async () => {
    const nb = notebook(['markdown', '# x'], ['code', 'import json\n\nx = json.dumps(1)\n'], ['code', 'y = 2\ndef f(:\n    pass\n'], ['code', '%%time\nz = 1\nw = (\n']);
    const { report, work } = await check({ 'a.ipynb': nb }, [{ type: 'ruff-lint', select: ['F'] }, { type: 'mypy', args: ['--strict'] }, { type: 'ruff-format' }]);
    const [lint, mypy, format] = report.results;
    const file = path.join(work, 'a.ipynb');
    assert.ok(lint.findings.length > 0 && lint.findings.every((f) => f.file === file && f.code === 'invalid-syntax'), JSON.stringify(lint.findings));
    assert.deepStrictEqual(lint.findings.filter((f) => f.cell === 2).map((f) => f.line), [2, 2]);
    assert.deepStrictEqual(mypy.findings.map((f) => [f.file, f.cell, f.line, f.code]), [[file, 2, 2, 'syntax']]);
    // The joined source has the error on its line 6: the summary names the cell and its line instead.
    assert.strictEqual(mypy.summary, 'a.ipynb cell 3, line 2 is not valid Python (invalid syntax), so mypy could not check it; fix the syntax first.');
    assert.deepStrictEqual(format.findings.map((f) => [f.file, f.cell, f.line]), [[file, 2, 2], [file, 3, 3]]);
    assert.match(format.findings[0].message, /^Ruff could not format this cell: it is not valid Python at line 2 \(Expected a parameter or the end of the parameter list\)\.$/);
    assert.doesNotMatch(format.findings.map((f) => f.message).join('\n'), /byte range/);
  });

  it('Ruff: imports atop a later cell and a cell ending in an expression are fine in a notebook; "# ruff: noqa" in a cell is refused', async () => {
    const clean = notebook(['code', 'x = [3, 1]\n'], ['code', 'import json\n\njson.dumps(x)\n']);
    const { report } = await check({ 'a.ipynb': clean }, [{ type: 'ruff-lint', select: ['E', 'F', 'B'] }]);
    assert.strictEqual(report.results[0].status, 'passed', report.results[0].details.join('\n'));
    const silenced = notebook(['code', '# ruff: noqa\nimport os\n']);
    const { report: r2 } = await check({ 'a.ipynb': silenced }, [{ type: 'ruff-lint', select: ['F'] }]);
    assert.strictEqual(r2.results[0].status, 'failed');
    assert.ok(r2.results[0].findings.some((f) => f.code === 'no-ruff-noqa' && f.cell === 0 && f.line === 1), JSON.stringify(r2.results[0].findings));
  });

  it('Ruff format: names the cell that would be reformatted', async () => {
    const nb = notebook(['code', 'x = 1\n'], ['markdown', 'm'], ['code', 'y=[1,2]']);
    const { report } = await check({ 'a.ipynb': nb }, [{ type: 'ruff-format' }]);
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.deepStrictEqual(r.findings.map((f) => [f.cell, f.line]), [[2, 1]]);
    assert.strictEqual(r.summary, '1 notebook cell would be reformatted: a.ipynb.');
  });

  it('Ruff format: a cell with IPython lines is still formatted around them, and so is the body of %%capture; %%bash is not Python', async () => {
    const magic = notebook(['code', '%load_ext autoreload\nx=[1,2]\n!ls data\n'], ['code', '%%capture\ny={"a":1}\n'], ['code', '%%bash\necho   "not python"\n']);
    const { report } = await check({ 'a.ipynb': magic }, [{ type: 'ruff-format' }]);
    assert.strictEqual(report.results[0].status, 'failed');
    assert.deepStrictEqual(report.results[0].findings.map((f) => [f.cell, f.line]), [[0, 2], [1, 2]]);
    const tidy = notebook(['code', '%load_ext autoreload\nx = [1, 2]\n!ls data\nfor v in x:\n    %time print(v)\n'], ['code', '%%capture\ny = {"a": 1}\n'], ['code', '%%bash\necho   "not python"\n']);
    const { report: r2 } = await check({ 'a.ipynb': tidy }, [{ type: 'ruff-format' }]);
    assert.strictEqual(r2.results[0].status, 'passed', r2.results[0].details.join('\n'));
  });

  it('Ruff format: a notebook the starter ships keeps its code (cells joined in order); rewritten or emptied it is refused, unless sameCode is false', async () => {
    const shipped = notebook(['markdown', '# Sensors'], ['code', 'import re\nPATTERN="\\\\d+"   # digits\n'], ['code', "def count(text):\n  # old: return len(text)\n  return len(re.findall(PATTERN,text))\n"]);
    const exDir = await folder({ 'starter/a.ipynb': shipped });
    const run = async (learner: string, spec: CheckSpec = { type: 'ruff-format' }) => {
      const work = await folder({ 'a.ipynb': learner });
      const ctx = context(work, [spec], {}, exDir);
      return (await runChecks({ ...ctx, exercise: { ...ctx.exercise, starter: 'starter' } })).results[0];
    };
    // Formatted, the two code cells merged, a comment dropped, the pattern a raw string: the same code.
    const formatted = notebook(['code', 'import re\n\nPATTERN = r"\\d+"  # digits\n\n\ndef count(text):\n    return len(re.findall(PATTERN, text))\n']);
    const same = await run(formatted);
    assert.strictEqual(same.status, 'passed', same.details.join('\n'));
    assert.match(same.summary, /with the same code as the starter/);
    const rewritten = await run(notebook(['code', 'def count(text):\n    return 0\n']));
    assert.strictEqual(rewritten.status, 'failed');
    assert.deepStrictEqual(rewritten.findings.map((f) => f.code), ['same-code']);
    assert.match(rewritten.summary, /^a\.ipynb: This notebook's code no longer does what the starter's did/);
    const emptied = await run(notebook());
    assert.strictEqual(emptied.status, 'failed');
    const free = await run(notebook(), { type: 'ruff-format', sameCode: false });
    assert.strictEqual(free.status, 'passed', free.details.join('\n'));
  });

  it('runs top to bottom: a failing cell is named with its line and error', async () => {
    const nb = notebook(['code', 'rows = [1, 2]\n'], ['markdown', 'then'], ['code', 'total = sum(rows)\nmean = total / (len(rows) - 2)\n']);
    const { report, work } = await check({ 'a.ipynb': nb }, [{ type: 'notebook-run', notebook: 'a.ipynb' }]);
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^a\.ipynb stops at cell 3, line 2 with ZeroDivisionError: division by zero/);
    assert.deepStrictEqual(r.findings.map((f) => [f.file, f.cell, f.line]), [[path.join(work, 'a.ipynb'), 2, 2]]);
  });

  it('runs top to bottom: reads data beside the notebook, and passes', async () => {
    const nb = notebook(['code', 'from pathlib import Path\nn = len(Path("data.csv").read_text().splitlines())\nassert n == 3\n']);
    const { report } = await check({ 'a.ipynb': nb, 'data.csv': 'a\n1\n2\n' }, [{ type: 'notebook-run', notebook: 'a.ipynb' }]);
    assert.strictEqual(report.results[0].status, 'passed', report.results[0].summary);
  });

  it('runs top to bottom: a notebook over its time limit is stopped, and the slow cell named', async () => {
    const nb = notebook(['code', 'x = 1\n'], ['code', 'import time\ntime.sleep(60)\n']);
    const { report } = await check({ 'a.ipynb': nb }, [{ type: 'notebook-run', notebook: 'a.ipynb', timeoutSeconds: 2 }]);
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /did not finish within 2 s: it was still running in cell 2/);
  });

  it('runs top to bottom: a kernel that dies is a failure naming the cell, not a pass', async () => {
    const nb = notebook(['code', 'x = 1\n'], ['code', 'import os\nos._exit(0)\n'], ['code', 'y = 2\n']);
    const { report } = await check({ 'a.ipynb': nb }, [{ type: 'notebook-run', notebook: 'a.ipynb' }]);
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^The kernel died in cell 2 of a\.ipynb/);
  });

  it('same outputs on two runs: an unseeded random number is not reproducible, a seeded one is', async () => {
    const spec: CheckSpec = { type: 'notebook-run', notebook: 'a.ipynb', sameOutputs: true };
    const { report } = await check({ 'a.ipynb': notebook(['code', 'import random\n'], ['code', 'print(random.random())\n']) }, [spec]);
    assert.strictEqual(report.results[0].status, 'failed');
    assert.match(report.results[0].summary, /not reproducible: cell 2 showed different outputs/);
    const { report: seeded } = await check({ 'a.ipynb': notebook(['code', 'import random\nrandom.seed(7)\n'], ['code', 'print(random.random())\n']) }, [spec]);
    assert.strictEqual(seeded.results[0].status, 'passed', seeded.results[0].summary);
  });

  it('same outputs on two runs: a set of strings printed in its own order is not reproducible, every time; sorted it is', async () => {
    // Each run's kernel has its own hash seed, so the order differs on every check, not only when chance says so.
    const spec: CheckSpec = { type: 'notebook-run', notebook: 'a.ipynb', sameOutputs: true };
    const regions = "regions = ['north', 'south', 'east', 'west', 'central']\n";
    const { report } = await check({ 'a.ipynb': notebook(['code', regions], ['code', 'for r in set(regions):\n    print(r)\n']) }, [spec]);
    assert.strictEqual(report.results[0].status, 'failed');
    assert.match(report.results[0].summary, /not reproducible: cell 2 showed different outputs/);
    const { report: sorted } = await check({ 'a.ipynb': notebook(['code', regions], ['code', 'for r in sorted(set(regions)):\n    print(r)\n']) }, [spec]);
    assert.strictEqual(sorted.results[0].status, 'passed', sorted.results[0].summary);
  });

  it('a Python without nbclient is a setup problem with the install to run, not a failed check', async () => {
    // The test interpreter without its site-packages (-S), where nbclient lives.
    const bin = await folder({ 'python': `#!/bin/sh\nexec ${PYTHON.path} -S "$@"\n` });
    await fs.chmod(path.join(bin, 'python'), 0o755);
    const python = { ...PYTHON, path: path.join(bin, 'python') };
    const work = await folder({ 'a.ipynb': notebook(['code', 'x = 1\n']) });
    await assert.rejects(runChecks(context(work, [{ type: 'notebook-run', notebook: 'a.ipynb' }], { python })), (e: Error) => e instanceof MissingToolError && /nbclient is not installed .* -m pip install nbclient/.test(e.message));
  });

  it('an exercise that runs a notebook needs nbclient and ipykernel, which the environment report lists', () => {
    const needs = requirementsOf([{ id: 'e', title: 'E', checks: [{ type: 'notebook-run', notebook: 'a.ipynb' }] }]);
    assert.deepStrictEqual([...needs.keys()], ['nbclient', 'ipykernel']);
  });

  it('only the line behind the secret is the verdict; a forged one without it is ignored', () => {
    assert.strictEqual(readVerdict('{"status": "done", "runs": [{"status": "ok", "outputs": []}]}\n', 'S:'), undefined);
    assert.deepStrictEqual(readVerdict('noise\nS:{"status":"missing","module":"ipykernel"}\n', 'S:'), { status: 'missing', module: 'ipykernel' });
    assert.strictEqual(judgeRuns([{ status: 'ok', outputs: [[0, []]] }], 'a.ipynb', 60, true).passed, false, 'one run cannot prove the same outputs');
  });
});
