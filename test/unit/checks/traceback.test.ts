// A seeded bug caught by an exception raised below the module under test: an autospec mock
// refusing a call with the wrong signature raises TypeError in the standard library, on
// the module's behalf.

import * as assert from 'assert';
import { runChecks } from '../../../src/checks/engine';
import { catches } from '../../../src/checks/catchBugs';
import { raisedUnder, tracebackFiles } from '../../../src/checks/traceback';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder } from './helpers';

// The shape of pytest 7.2's --tb=long output for an autospec mock refusing a keyword.
const AUTOSPEC = `def test_it():
        s = create_autospec(Store, instance=True)
>       publish(s)

test_up.py:5: 
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ 

    def publish(store):
>       store.put("b", "k", b"d", contentType="y")

up.py:6: 
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ 

/usr/lib/python3.11/unittest/mock.py:1116: 
    self._mock_check_sig(*args, **kwargs)
E               TypeError: got an unexpected keyword argument 'contentType'

/usr/lib/python3.11/inspect.py:3200: TypeError`;

describe('checks: reading where a test failure was raised', () => {
  const failure = (detail: string) => ({ id: 'test_up.py::test_it', outcome: 'failed' as const, detail });

  it('lists the files of the last traceback, outermost first, and skips source and message lines', () => {
    assert.deepStrictEqual(tracebackFiles(AUTOSPEC), ['test_up.py', 'up.py', '/usr/lib/python3.11/unittest/mock.py', '/usr/lib/python3.11/inspect.py']);
    assert.deepStrictEqual(tracebackFiles('E       ValueError: see a/up.py:6: \n\ntest_up.py:9: ValueError'), ['test_up.py']);
  });

  it('reads only the last exception of a chain', () => {
    const chained = `up.py:3: \n\nup.py:4: KeyError\n\nThe above exception was the direct cause of the following exception:\n\ntest_up.py:9: RuntimeError`;
    assert.deepStrictEqual(tracebackFiles(chained), ['test_up.py']);
    assert.strictEqual(raisedUnder(chained, 'up.py'), false);
  });

  it('counts an exception raised in something the module under test called', () => {
    assert.strictEqual(raisedUnder(AUTOSPEC, 'up.py'), true);
    assert.strictEqual(catches(failure(AUTOSPEC), 'up.py'), true);
    assert.strictEqual(catches(failure(AUTOSPEC), 'other.py'), false, 'the module under test was not running');
    assert.strictEqual(catches(failure(AUTOSPEC.replace(/TypeError/g, 'SystemExit')), 'up.py'), false);
  });

  it('an autospec mock refusing a seeded wrong keyword catches the bug, with the real tools', async () => {
    const store = 'class Store:\n    def put(self, key: str, data: bytes, *, content_type: str = "x") -> None:\n        raise RuntimeError("network")\n';
    const ref = 'def publish(store):\n    store.put("k", b"d", content_type="y")\n';
    const bug = 'def publish(store):\n    store.put("k", b"d", contentType="y")\n';
    const test = (how: string) => `from unittest.mock import ${how}\nfrom store import Store\nfrom up import publish\n\n\ndef test_publish():\n    s = ${how}(Store${how === 'create_autospec' ? ', instance=True' : '()'})\n    publish(s)\n    assert s.put.call_count == 1\n`;
    const exDir = await folder({ 'ref.py': ref, 'bug.py': bug });
    const spec: CheckSpec = { type: 'tests-catch-bugs', module: 'up.py', reference: 'ref.py', bugs: [{ file: 'bug.py', description: 'a keyword put does not take' }] };
    const autospec = await runChecks(context(await folder({ 'store.py': store, 'up.py': ref, 'test_up.py': test('create_autospec') }), [spec], {}, exDir));
    assert.strictEqual(autospec.results[0].status, 'passed', autospec.results[0].summary);
    const plain = await runChecks(context(await folder({ 'store.py': store, 'up.py': ref, 'test_up.py': test('MagicMock').replace('MagicMock(Store()', 'MagicMock(') }), [spec], {}, exDir));
    assert.strictEqual(plain.results[0].status, 'failed', 'a plain MagicMock accepts the wrong keyword');
    assert.match(plain.results[0].summary, /caught 0 of 1 bugs/);
  });
});
