import * as assert from 'assert';
import * as path from 'path';
import { CheckLedger, type NewCheck } from '../../../src/core/checkLedger';

const DIR = path.resolve('/work/exercises/typing-basics');
const check = (report: string): NewCheck<string> => ({ report, workDir: DIR, versions: ['pytest 8.3.4'], first: false });

/** A check the test finishes when it likes, and the ledger's `record` it was given. */
function pending(): { work: (record: (c: NewCheck<string>) => void) => Promise<string>; finish: (report?: string) => void; started: () => boolean } {
  let resolve: ((v: string) => void) | undefined;
  let record: ((c: NewCheck<string>) => void) | undefined;
  return {
    work: (r) => {
      record = r;
      return new Promise<string>((res) => (resolve = res));
    },
    finish: (report) => {
      if (report !== undefined) record?.(check(report));
      resolve?.(report ?? 'not recorded');
    },
    started: () => record !== undefined,
  };
}

/** Lets the ledger's work start (it begins on the next tick). */
const tick = () => new Promise<void>((r) => setImmediate(r));

function counting(ledger: CheckLedger<string>): string[] {
  const fired: string[] = [];
  ledger.onDidChange((id) => fired.push(id));
  return fired;
}

describe('core/checkLedger: one owner of check results', () => {
  it('fires once when a check starts and once when it ends, with its result already in place', async () => {
    const ledger = new CheckLedger<string>();
    const seen: { running: boolean; report?: string }[] = [];
    ledger.onDidChange((id) => seen.push({ running: ledger.isRunning(id), report: ledger.get(id)?.report }));
    const run = pending();
    const done = ledger.run('a', run.work);
    assert.deepStrictEqual(seen, [{ running: true, report: undefined }]);
    await tick();
    run.finish('report 1');
    assert.strictEqual(await done, 'report 1');
    assert.deepStrictEqual(seen, [
      { running: true, report: undefined },
      { running: false, report: 'report 1' },
    ]);
    assert.deepStrictEqual(ledger.get('a'), { report: 'report 1', workDir: DIR, versions: ['pytest 8.3.4'], first: false, previous: undefined, stale: false });
  });

  it('a second request while a check runs joins it: the work runs once and both get its answer', async () => {
    const ledger = new CheckLedger<string>();
    const fired = counting(ledger);
    let runs = 0;
    const run = pending();
    const work = (record: (c: NewCheck<string>) => void) => {
      runs++;
      return run.work(record);
    };
    const first = ledger.run('a', work);
    const second = ledger.run('a', work);
    assert.strictEqual(second, first);
    await tick();
    run.finish('report 1');
    assert.deepStrictEqual(await Promise.all([first, second]), ['report 1', 'report 1']);
    assert.strictEqual(runs, 1);
    assert.deepStrictEqual(fired, ['a', 'a']);
  });

  it('after a check ends, the next request runs a new one and keeps the report before it to compare', async () => {
    const ledger = new CheckLedger<string>();
    await ledger.run('a', async (record) => record(check('report 1')));
    await ledger.run('a', async (record) => record(check('report 2')));
    assert.strictEqual(ledger.get('a')?.report, 'report 2');
    assert.strictEqual(ledger.get('a')?.previous, 'report 1');
  });

  it('a check that records nothing (cancelled, a setup problem) leaves the last result as it was', async () => {
    const ledger = new CheckLedger<string>();
    await ledger.run('a', async (record) => record(check('report 1')));
    await ledger.run('a', async () => 'cancelled');
    assert.strictEqual(ledger.get('a')?.report, 'report 1');
    assert.strictEqual(ledger.get('a')?.previous, undefined);
  });

  it('a check that throws still ends: not running, one event, and the next request runs', async () => {
    const ledger = new CheckLedger<string>();
    const fired = counting(ledger);
    await assert.rejects(
      ledger.run('a', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.strictEqual(ledger.isRunning('a'), false);
    assert.deepStrictEqual(fired, ['a', 'a']);
    assert.strictEqual(await ledger.run('a', async () => 'again'), 'again');
  });

  it('an edit inside the checked folder makes the result stale, announced once however many edits follow', async () => {
    const ledger = new CheckLedger<string>();
    await ledger.run('a', async (record) => record(check('report 1')));
    const fired = counting(ledger);
    ledger.edited(path.join(DIR, 'src', 'model.py'));
    ledger.edited(path.join(DIR, 'tests', 'test_model.py'));
    assert.strictEqual(ledger.get('a')?.stale, true);
    assert.deepStrictEqual(fired, ['a']);
  });

  it('an edit outside the folder (or in a folder that only starts with its name) changes nothing', async () => {
    const ledger = new CheckLedger<string>();
    await ledger.run('a', async (record) => record(check('report 1')));
    const fired = counting(ledger);
    ledger.edited(path.resolve('/work/exercises/other/model.py'));
    ledger.edited(`${DIR}-copy${path.sep}model.py`);
    assert.strictEqual(ledger.get('a')?.stale, false);
    assert.deepStrictEqual(fired, []);
  });

  it('the next check is fresh again, and only the exercise whose folder holds the file goes stale', async () => {
    const ledger = new CheckLedger<string>();
    const other = path.resolve('/work/exercises/testing-mocks');
    await ledger.run('a', async (record) => record(check('report 1')));
    await ledger.run('b', async (record) => record({ ...check('report b'), workDir: other }));
    ledger.edited(path.join(DIR, 'model.py'));
    assert.deepStrictEqual([ledger.get('a')?.stale, ledger.get('b')?.stale], [true, false]);
    await ledger.run('a', async (record) => record(check('report 2')));
    assert.strictEqual(ledger.get('a')?.stale, false);
  });

  it('clearing forgets the result (the next check has nothing to compare with) and fires only when there was one', async () => {
    const ledger = new CheckLedger<string>();
    await ledger.run('a', async (record) => record(check('report 1')));
    const fired = counting(ledger);
    ledger.clear('a');
    ledger.clear('a');
    ledger.clear('never-checked');
    assert.strictEqual(ledger.get('a'), undefined);
    assert.deepStrictEqual(fired, ['a']);
    await ledger.run('a', async (record) => record(check('report 2')));
    assert.strictEqual(ledger.get('a')?.previous, undefined);
  });

  it('checks of different exercises run side by side', async () => {
    const ledger = new CheckLedger<string>();
    const a = pending();
    const b = pending();
    const doneA = ledger.run('a', a.work);
    const doneB = ledger.run('b', b.work);
    await tick();
    assert.ok(a.started() && b.started());
    b.finish('report b');
    await doneB;
    assert.deepStrictEqual([ledger.isRunning('a'), ledger.isRunning('b')], [true, false]);
    a.finish('report a');
    await doneA;
    assert.strictEqual(ledger.get('a')?.report, 'report a');
  });

  it('disposed, it stops announcing', async () => {
    const ledger = new CheckLedger<string>();
    const fired = counting(ledger);
    ledger.dispose();
    await ledger.run('a', async (record) => record(check('report 1')));
    assert.deepStrictEqual(fired, []);
  });
});
