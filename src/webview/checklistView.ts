// Host side of the Checklist view. Until the checklist itself lands it shows a welcome
// with overall progress, built on the same protocol, CSP and ready handshake it will use;
// it already posts the whole view model (core/checklistModel.ts).

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { checklistModel } from '../core/checklistModel';
import { DisposableBase } from '../core/lifecycle';
import type { ContentService } from '../services/contentService';
import type { ProgressStore } from '../state/progressStore';
import { type ToWebview, isFromWebview } from './protocol';

export class ChecklistView extends DisposableBase implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
  ) {
    super();
    this.register(content.onDidChange(() => void this.post()));
    this.register(progress.onDidChange(() => void this.post()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
    view.webview.html = this.html(view.webview, media, dist);
    // The view is resolved again each time it is shown after being hidden or moved: these
    // listeners belong to this one webview and go with it.
    const onMessage = view.webview.onDidReceiveMessage((m: unknown) => {
      if (!isFromWebview(m)) return;
      if (m.type === 'ready') void this.post();
      else if (m.type === 'startExercise') void vscode.commands.executeCommand(Commands.startExercise);
    });
    const onDispose = view.onDidDispose(() => {
      onMessage.dispose();
      onDispose.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  private async post(): Promise<void> {
    if (!this.view) return;
    const catalog = await this.content.get();
    await this.progress.load();
    const message: ToWebview = { type: 'state', model: checklistModel(catalog, this.progress.all) };
    await this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, media: vscode.Uri, dist: vscode.Uri): string {
    const nonce = randomBytes(16).toString('hex');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'checklist.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'checklist.js'));
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${css}" rel="stylesheet">
<title>Checklist</title>
</head>
<body>
<main id="root">
  <h2>Your checklist is on its way</h2>
  <p>Each skill will list the competencies it builds, ticked off as you pass exercises, with your study time per week and a learning log you can share.</p>
  <p id="summary" aria-live="polite"></p>
  <button id="start" type="button">Start an exercise</button>
</main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }
}
