// globalState has no change event, so another window's passes reach this one by reading
// the store again: when this window comes to the front, when the Skills view is shown, and
// when the learner opens a skill or track in it (looking for an exercise's state).
//
// One read at focus is not enough. The window the learner just left may still be saving
// (its extension host → its workbench → the shared storage → this workbench), so a pass
// made a moment before switching could arrive after the focus read and sit unseen until
// the next switch. Two follow-up reads after focus close that gap; they are one-shot
// timeouts, replaced on the next focus and cancelled on dispose: no polling. On a machine
// busy enough, the other window's save can come later still (a cold CI run saw it miss both
// follow-ups); opening a skill in the tree reads again, so what the learner looks at is current.

import * as vscode from 'vscode';
import { Scheduler } from '../core/scheduler';
import type { ProgressStore } from '../state/progressStore';

/** Milliseconds after a focus at which the store is read again. */
export const FOLLOW_UP_READS_MS = [1_500, 6_000] as const;

export class ProgressFollower implements vscode.Disposable {
  private readonly scheduler = new Scheduler();
  private readonly subs: vscode.Disposable[] = [this.scheduler];
  private followUps: vscode.Disposable[] = [];

  constructor(
    private readonly progress: ProgressStore,
    shown: vscode.Event<vscode.TreeViewVisibilityChangeEvent>,
    opened: vscode.Event<unknown>,
    private readonly onError: (e: unknown) => void,
  ) {
    this.subs.push(
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused || state.active) this.followFocus();
      }),
      shown((e) => {
        if (e.visible) this.read();
      }),
      opened(() => this.read()),
    );
  }

  private followFocus(): void {
    for (const d of this.followUps) d.dispose();
    this.read();
    this.followUps = FOLLOW_UP_READS_MS.map((ms) => this.scheduler.after(ms, () => this.read()));
  }

  private read(): void {
    this.progress.reloadFromStore().catch(this.onError);
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
  }
}
