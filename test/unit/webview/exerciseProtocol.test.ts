import * as assert from 'assert';
import { EXERCISE_ACTIONS, isFromExerciseView } from '../../../src/webview/exerciseProtocol';

describe('webview/exerciseProtocol: messages from the Exercise view', () => {
  it('accepts each message in its shape: ready, every action, a finding key, an http(s) link', () => {
    const ok: unknown[] = [{ type: 'ready' }, ...EXERCISE_ACTIONS.map((action) => ({ type: 'action', action })), { type: 'openFinding', key: 'r0:f3' }, { type: 'openLink', href: 'https://docs.pytest.org/en/stable/' }, { type: 'openLink', href: 'HTTP://example.org/x' }];
    for (const m of ok) assert.ok(isFromExerciseView(m), JSON.stringify(m));
  });

  it('refuses what openExternal must never get, and anything else', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      [],
      42,
      { type: 'run', command: 'rm -rf ~' },
      { type: 'action' },
      { type: 'action', action: 'delete' },
      { type: 'action', action: ['check'] },
      { type: 'openFinding' },
      { type: 'openFinding', key: 7 },
      { type: 'openFinding', key: 'k'.repeat(100) },
      { type: 'openLink', href: 'javascript:alert(1)' },
      { type: 'openLink', href: 'file:///etc/passwd' },
      { type: 'openLink', href: 'command:workbench.action.terminal.sendSequence' },
      { type: 'openLink', href: 'vscode://settings' },
      { type: 'openLink', href: ' https://example.org' },
      { type: 'openLink', href: `https://example.org/${'a'.repeat(2000)}` },
      { type: 'openLink', href: { toString: () => 'https://example.org' } },
    ];
    for (const m of bad) assert.ok(!isFromExerciseView(m), JSON.stringify(m) ?? String(m));
  });
});
