// The Checklist view in the Upskill container: a webview view over ChecklistHost. The view
// is resolved again each time it is shown after being hidden or moved (no
// retainContextWhenHidden): its host belongs to that one webview and goes with it.

import type * as vscode from 'vscode';
import { DisposableBase } from '../core/lifecycle';
import { type ChecklistDeps, ChecklistHost } from './checklistHost';

export class ChecklistView extends DisposableBase implements vscode.WebviewViewProvider {
  private host?: ChecklistHost;

  constructor(private readonly deps: ChecklistDeps) {
    super();
    this.register({ dispose: () => this.host?.dispose() });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const host = new ChecklistHost(view.webview, 'view', this.deps);
    this.host = host;
    const onDispose = view.onDidDispose(() => {
      onDispose.dispose();
      host.dispose();
      if (this.host === host) this.host = undefined;
    });
  }
}
