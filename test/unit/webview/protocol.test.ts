import * as assert from 'assert';
import { isFromWebview, scriptJson } from '../../../src/webview/protocol';

describe('webview/protocol: messages from the Checklist webviews', () => {
  it('accepts each message in its exact shape', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'openDashboard' },
      { type: 'exportLog' },
      { type: 'assessProject' },
      { type: 'startExercise', exerciseId: 'typing-annotate-metrics' },
      { type: 'setCompetency', key: 'typing.run-mypy-strict', ticked: true },
      { type: 'setCompetency', key: 'git.squash', ticked: false },
    ]) {
      assert.ok(isFromWebview(m), JSON.stringify(m));
    }
  });

  it('refuses anything else: unknown types, missing or extra fields, wrong types, ids that are not ids', () => {
    for (const m of [
      undefined,
      null,
      'ready',
      [],
      { type: 'deleteEverything' },
      { type: 'ready', extra: 1 },
      { type: 'assessProject', folder: '/' },
      { type: 'startExercise' },
      { type: 'startExercise', exerciseId: 42 },
      { type: 'startExercise', exerciseId: '../../etc/passwd' },
      { type: 'startExercise', exerciseId: 'x'.repeat(500) },
      { type: 'setCompetency', key: 'typing.run-mypy-strict' },
      { type: 'setCompetency', key: 'typing.run-mypy-strict', ticked: 'yes' },
      { type: 'setCompetency', key: 'typing', ticked: true },
      { type: 'setCompetency', key: '__proto__.x', ticked: true },
      { type: 'setCompetency', key: 'a.b', ticked: true, at: 0 },
    ]) {
      assert.ok(!isFromWebview(m), JSON.stringify(m));
    }
  });
});

describe('webview/protocol: the state a page carries', () => {
  it('is JSON that no content can break out of its script element with, and parses back to the value', () => {
    const value = { type: 'state', title: '</script><script>alert(1)</script>', note: '<!-- a comment', also: '</SCRIPT >', line: 'a\u2028b\u2029c', quote: '"\\' };
    const text = scriptJson(value);
    assert.ok(!text.includes('<'), text);
    assert.deepStrictEqual(JSON.parse(text), value);
  });
});
