import * as assert from 'assert';
import { isFromWebview } from '../../../src/webview/protocol';

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
