import * as assert from 'assert';
import { isFromEnvironmentView } from '../../../src/webview/environmentProtocol';

describe('webview/environmentProtocol: messages from the Check Environment panel', () => {
  it('accepts each message in its exact shape', () => {
    for (const m of [{ type: 'ready' }, { type: 'recheck' }, { type: 'choosePython' }, { type: 'fix', which: 'fix' }, { type: 'fix', which: 'alternative' }]) {
      assert.ok(isFromEnvironmentView(m), JSON.stringify(m));
    }
  });

  it('refuses anything else: a fix it did not offer, a command to run, other types', () => {
    for (const m of [undefined, null, 'fix', {}, { type: 'fix' }, { type: 'fix', which: 'rm -rf /' }, { type: 'run', argv: ['sh'] }, { type: 'fix', which: 0 }]) {
      assert.ok(!isFromEnvironmentView(m), JSON.stringify(m));
    }
  });
});
