// In-host: the study timer schedules nothing while it is stopped. Every timeout the timer
// and its status-bar item set goes through one Scheduler (core/scheduler.ts), which counts
// the pending ones; the extension's API reports that count.

import * as assert from 'assert';
import * as vscode from 'vscode';

interface Api {
  pendingTimers(): number;
}

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>('upskill.upskill');
  assert.ok(ext);
  return ext.activate();
}

describe('study timer (in-host)', () => {
  it('has no timers scheduled while stopped; running schedules its heartbeat; stopping clears everything', async () => {
    const upskill = await api();
    await vscode.commands.executeCommand('upskill.stopStudyTimer');
    assert.strictEqual(upskill.pendingTimers(), 0, 'stopped: nothing scheduled');
    await vscode.commands.executeCommand('upskill.startStudyTimer');
    assert.ok(upskill.pendingTimers() >= 2, `running: heartbeat and idle check scheduled (${upskill.pendingTimers()})`);
    await vscode.commands.executeCommand('upskill.pauseStudyTimer');
    assert.strictEqual(upskill.pendingTimers(), 0, 'paused by the learner: nothing scheduled');
    await vscode.commands.executeCommand('upskill.startStudyTimer');
    await vscode.commands.executeCommand('upskill.stopStudyTimer');
    assert.strictEqual(upskill.pendingTimers(), 0, 'stopped again: nothing scheduled');
  });
});
