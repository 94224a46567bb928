// Upskill: Assess My Project. Asks which folder (trusted workspaces only), runs the
// assessment with a cancellable progress notification, and shows the result in a panel:
// per skill "your project" beside "exercises passed", "(was N)" against the assessment
// before, the three weakest skills with an exercise and the finding behind it, then every
// finding with its evidence. The page is static HTML (no script): everything from the
// project is escaped, and its only actions are command links limited to two commands.

import * as vscode from 'vscode';
import { Commands, Panels } from '../constants';
import { assessmentHtml, projectView } from '../core/assessmentModel';
import type { AssessOutcome, AssessService } from '../services/assessService';
import type { ContentService } from '../services/contentService';
import type { ProgressStore } from '../state/progressStore';


export class AssessmentPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private shown?: { folder: string; outcome: AssessOutcome };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: AssessService,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
  ) {}

  async run(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Upskill: Assess My Project runs only in a trusted workspace, since it reads the whole project. Trust the workspace, then run it again.');
      return;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Assess which project folder?' }) : folders[0];
    if (!folders.length) {
      void vscode.window.showInformationMessage('Upskill: open the folder of your project first, then run Assess My Project.');
      return;
    }
    if (!folder || folder.uri.scheme !== 'file') return;
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Upskill: assessing ${folder.name}`, cancellable: true }, async (report, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await this.service.assess(folder.uri.fsPath, abort.signal, (message) => report.report({ message }));
      } finally {
        sub.dispose();
      }
    });
    if (!outcome) {
      void vscode.window.showInformationMessage('Upskill: the assessment was cancelled; nothing was stored.');
      return;
    }
    this.shown = { folder: folder.uri.fsPath, outcome };
    await this.show();
  }

  private async show(): Promise<void> {
    if (!this.shown) return;
    const catalog = await this.content.get().catch(() => undefined);
    const view = projectView(this.shown.outcome.assessment, this.shown.outcome.before, catalog, this.progress.snapshot.exercises);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(Panels.assessment, 'Project assessment', vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: [Commands.assessProject, Commands.startExercise],
        localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal(undefined, true);
    const webview = this.panel.webview;
    const css = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'assessment.css'));
    webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource};">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><link href="${css}" rel="stylesheet"><title>Project assessment</title></head>
<body>${assessmentHtml(view, { assess: Commands.assessProject, start: Commands.startExercise })}</body></html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
