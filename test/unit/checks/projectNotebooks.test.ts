// "Your project" notebook exercises: the learner's notebooks have names of their own, so the
// checks find the ones that import a module of the project, and a test that calls what the
// notebook imports from it.

import * as assert from 'assert';
import { runChecks } from '../../../src/checks/engine';
import { importsOf, projectNotebooks, testCalls } from '../../../src/checks/projectNotebooks';
import type { CheckResult } from '../../../src/checks/types';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder } from './helpers';

const notebook = (...cells: string[]) =>
  JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

const MODULE = '"""Cleaning."""\n\n\ndef clip(values: list[float], limit: float) -> list[float]:\n    """Each value clipped to [-limit, limit]."""\n    return [max(-limit, min(limit, v)) for v in values]\n';
const TEST = 'from cleaning import clip\n\n\ndef test_clip():\n    assert clip([-5.0, 1.0, 9.0], 2.0) == [-2.0, 1.0, 2.0]\n';
const OLD = 'def clip(values, limit):\n    return [max(-limit, min(limit, v)) for v in values]\n';

async function check(files: Record<string, string>, spec: CheckSpec): Promise<CheckResult> {
  const work = await folder(files);
  return (await runChecks(context(work, [spec]))).results[0];
}
const STRUCTURE: CheckSpec = { type: 'structure', assert: [{ notebookModuleTested: true }] };
const text = (r: CheckResult) => `${r.summary}\n${r.details.join('\n')}`;

describe('checks: "your project" notebooks', function () {
  this.timeout(120_000);

  it('reads the imports of a notebook and which names it uses; a test calls a function only through the module', () => {
    const imports = importsOf('import os, cleaning as cl\nfrom features.lags import (\n    add_lags,\n    rolling as roll,\n)\n');
    assert.deepStrictEqual(imports, [
      { module: 'features.lags', names: ['add_lags', 'rolling'] },
      { module: 'os', names: [], alias: 'os' },
      { module: 'cleaning', names: [], alias: 'cl' },
    ]);
    assert.ok(testCalls(TEST, 'cleaning', 'clip'));
    assert.ok(testCalls('import pkg.cleaning as c\n\ndef test_x():\n    assert c.clip([], 1.0) == []\n', 'pkg.cleaning', 'clip'));
    assert.ok(!testCalls('from other import clip\n\ndef test_x():\n    assert clip([], 1.0) == []\n', 'cleaning', 'clip'), 'another module');
    assert.ok(!testCalls(`import cleaning\n\n\n${OLD}\n\ndef test_x():\n    assert clip([], 1.0) == []\n`, 'cleaning', 'clip'), 'a copy of its own');
    assert.ok(!testCalls('from cleaning import clip\n\ndef test_x():\n    # clip([1.0], 1.0)\n    assert True\n', 'cleaning', 'clip'), 'only in a comment');
  });

  it('finds the notebooks that import a module of the project: beside them, at the root or under src/, environments left out', async () => {
    const root = await folder({
      'cleaning.py': MODULE,
      'src/meters/daily.py': 'def kwh(x):\n    return x\n',
      'a.ipynb': notebook('import json\nfrom cleaning import clip\n', 'clip([1.0], 1.0)\n'),
      'notebooks/b.ipynb': notebook('import meters.daily as d\n', 'd.kwh(1)\n'),
      'notebooks/c.ipynb': notebook('import json\n'),
      '.venv/pyvenv.cfg': '',
      '.venv/d.ipynb': notebook('from cleaning import clip\n'),
      'notebooks/.ipynb_checkpoints/b-checkpoint.ipynb': notebook('import meters.daily as d\n'),
    });
    const found = await projectNotebooks(root);
    assert.deepStrictEqual(
      found.map((n) => [n.rel, n.modules.map((m) => [m.name, m.used])]),
      [
        ['a.ipynb', [['cleaning', ['clip']]]],
        ['notebooks/b.ipynb', [['meters.daily', ['kwh']]]],
      ],
    );
  });

  it('notebookModuleTested: passes when a notebook imports the function and a test calls it; names what is missing otherwise', async () => {
    const project = { 'cleaning.py': MODULE, 'tests/test_cleaning.py': TEST, 'eda.ipynb': notebook('from cleaning import clip\n', 'clip([3.0], 1.0)\n') };
    const ok = await check(project, STRUCTURE);
    assert.strictEqual(ok.status, 'passed', text(ok));
    assert.match(text(ok), /eda\.ipynb imports clip from cleaning\.py, and tests\/test_cleaning\.py calls it/);

    const none = await check({ ...project, 'eda.ipynb': notebook(OLD, 'clip([3.0], 1.0)\n') }, STRUCTURE);
    assert.strictEqual(none.status, 'failed');
    assert.match(none.summary, /No notebook of the project imports a module of the project yet/);

    const kept = await check({ ...project, 'eda.ipynb': notebook('from cleaning import clip\n', OLD, 'clip([3.0], 1.0)\n') }, STRUCTURE);
    assert.strictEqual(kept.status, 'failed');
    assert.match(text(kept), /eda\.ipynb still defines clip itself/);

    const renamed = await check({ ...project, 'eda.ipynb': notebook('from cleaning import clip\n', OLD.replace('def clip', 'def clip_kept'), 'clip_kept([3.0], 1.0)\nclip([1.0], 1.0)\n') }, STRUCTURE);
    assert.strictEqual(renamed.status, 'failed');
    assert.match(text(renamed), /eda\.ipynb still holds the code of clip \(100% of its code\) from cleaning, under another name/);

    const untested = await check({ ...project, 'tests/test_cleaning.py': 'import cleaning\n\n\ndef test_doc():\n    assert cleaning.__doc__\n' }, STRUCTURE);
    assert.strictEqual(untested.status, 'failed');
    assert.match(text(untested), /No test file of the project .* imports cleaning and calls clip yet/);
  });

  it('notebook-run with a pattern runs only the notebooks that import a module of the project, and says so when there are none', async () => {
    const spec: CheckSpec = { type: 'notebook-run', notebook: '*.ipynb', timeoutSeconds: 60 };
    const none = await check({ 'cleaning.py': MODULE, 'eda.ipynb': notebook(OLD) }, spec);
    assert.strictEqual(none.status, 'failed');
    assert.match(none.summary, /No notebook of the project \(\*\.ipynb\) imports a module of the project yet/);
    // scratch.ipynb raises, but imports no module of the project: it is not this exercise's notebook.
    const files = { 'cleaning.py': MODULE, 'scratch.ipynb': notebook('raise RuntimeError("old experiment")\n'), 'work/eda.ipynb': notebook('import sys\nsys.path.insert(0, "..")\nfrom cleaning import clip\n', 'print(clip([3.0], 1.0))\n') };
    const ran = await check(files, spec);
    assert.strictEqual(ran.status, 'passed', text(ran));
    assert.match(ran.summary, /work\/eda\.ipynb ran top to bottom/);
    const broken = await check({ ...files, 'work/eda.ipynb': notebook('print(clip([3.0], 1.0))\n', 'import sys\nsys.path.insert(0, "..")\nfrom cleaning import clip\n') }, spec);
    assert.strictEqual(broken.status, 'failed');
    assert.match(broken.summary, /work\/eda\.ipynb stops at cell 1, line 1 with NameError/);
  });
});
