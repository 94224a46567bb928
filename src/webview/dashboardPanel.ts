// Upskill: Open Dashboard: the Checklist as an editor panel, with the study-time charts and
// the weeks left per track. It is the serializer that brings it back after a window reload
// (registered at activation, see extension.ts).

import * as vscode from 'vscode';
import { Panels } from '../constants';
import { DisposableBase } from '../core/lifecycle';
import { type ChecklistDeps, ChecklistHost } from './checklistHost';

export class DashboardPanel extends DisposableBase implements vscode.WebviewPanelSerializer {
  private panel?: vscode.WebviewPanel;

  constructor(private readonly deps: ChecklistDeps) {
    super();
    this.register({ dispose: () => this.panel?.dispose() });
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(Panels.dashboard, 'Upskill Dashboard', vscode.ViewColumn.Active));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    // Another restored panel would be a second dashboard: keep the one already open.
    if (this.panel) panel.dispose();
    else this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'upskill.svg');
    const host = new ChecklistHost(panel.webview, 'dashboard', this.deps);
    const onDispose = panel.onDidDispose(() => {
      onDispose.dispose();
      host.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }
}
