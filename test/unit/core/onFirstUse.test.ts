// OnFirstUse: made once on first ask, shared by concurrent askers, a failure kept.

import * as assert from 'assert';
import { OnFirstUse } from '../../../src/core/onFirstUse';

describe('OnFirstUse', () => {
  it('makes nothing until asked, then makes the value once for every asker', async () => {
    let made = 0;
    const late = new OnFirstUse(async () => ({ n: ++made }));
    assert.strictEqual(made, 0);
    assert.strictEqual(late.value, undefined);
    const [a, b] = await Promise.all([late.get(), late.get()]);
    assert.strictEqual(made, 1);
    assert.strictEqual(a, b);
    assert.strictEqual(await late.get(), a);
    assert.strictEqual(late.value, a);
  });

  it('keeps a failure: every later ask gets the same error, and it is not made again', async () => {
    let tries = 0;
    const late = new OnFirstUse<number>(async () => {
      tries++;
      throw new Error('bundle missing');
    });
    await assert.rejects(late.get(), /bundle missing/);
    await assert.rejects(late.get(), /bundle missing/);
    assert.strictEqual(tries, 1);
    assert.strictEqual(late.value, undefined);
  });
});
