// Upskill: Check Environment, as an editor panel: the interpreter checks will use and why,
// its kind, each tool with its version and the exercises that need it, and one button per
// fix. The report comes from EnvironmentService; a fix runs in a terminal (the callback) and
// the panel shows the report made when it ends.

import * as vscode from 'vscode';
import { Panels, Settings } from '../constants';
import { describeKind, fixCommands, type Fix } from '../core/environment';
import type { EnvironmentFixLine, EnvironmentModel } from '../core/environmentModel';
import { DisposableBase } from '../core/lifecycle';
import type { EnvironmentReport, EnvironmentService } from '../services/environment';
import { type FromEnvironmentView, type ToEnvironmentView, isFromEnvironmentView } from './environmentProtocol';
import { setWebviewPage } from './page';

export class EnvironmentPanel extends DisposableBase {
  private panel?: vscode.WebviewPanel;
  private ready = false;
  private checking = false;
  private last?: EnvironmentReport;
  private fixing?: string;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly environment: EnvironmentService,
    /** Runs a fix in a terminal; resolves when it ended (the environment is reported again by then). */
    private readonly runFix: (fix: Fix) => Promise<boolean>,
  ) {
    super();
    this.register({ dispose: () => this.panel?.dispose() });
    this.register(
      environment.onDidReport((r) => {
        this.last = r;
        void this.post();
      }),
    );
  }

  /** Opens (or reveals) the report and makes a fresh one; resolves with it. */
  async open(): Promise<EnvironmentReport> {
    if (this.panel) this.panel.reveal();
    else this.create();
    // From the cache when nothing changed; "Check Again" asks afresh.
    return this.refresh(false);
  }

  private create(): void {
    const panel = vscode.window.createWebviewPanel(Panels.environment, vscode.l10n.t('Upskill: Environment'), vscode.ViewColumn.Active, { retainContextWhenHidden: false });
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'upskill.svg');
    setWebviewPage(panel.webview, this.extensionUri, {
      css: 'environment.css',
      script: 'environment.js',
      title: vscode.l10n.t('Upskill: Environment'),
      surface: 'environment',
      body: `<main id="root" aria-label="${vscode.l10n.t('Python environment for Upskill')}" aria-busy="true"><p>${vscode.l10n.t('Checking your Python…')}</p></main>`,
    });
    const onMessage = panel.webview.onDidReceiveMessage((m: unknown) => {
      if (isFromEnvironmentView(m)) void this.handle(m);
    });
    const onDispose = panel.onDidDispose(() => {
      onMessage.dispose();
      onDispose.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  private async handle(m: FromEnvironmentView): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        return this.post();
      case 'recheck':
        await this.refresh(true);
        return;
      case 'choosePython':
        await vscode.commands.executeCommand('workbench.action.openSettings', `${Settings.section}.${Settings.pythonPath}`);
        return;
      case 'fix': {
        const fix = m.which === 'fix' ? this.last?.fixes.fix : this.last?.fixes.alternative;
        if (!fix || this.fixing) return;
        this.fixing = fix.title;
        await this.post();
        try {
          await this.runFix(fix);
        } finally {
          this.fixing = undefined;
          await this.post();
        }
        return;
      }
    }
  }

  private async refresh(force: boolean): Promise<EnvironmentReport> {
    this.checking = true;
    await this.post();
    try {
      // The report fires onDidReport, which posts it.
      return await this.environment.report({ force });
    } finally {
      this.checking = false;
      await this.post();
    }
  }

  private async post(): Promise<void> {
    if (!this.panel || !this.ready) return;
    const message: ToEnvironmentView = { type: 'state', checking: this.checking, ...(this.last && { model: environmentModel(this.last, this.fixing) }) };
    await this.panel.webview.postMessage(message);
  }
}

function fixLine(fix: Fix | undefined): EnvironmentFixLine | undefined {
  return fix && { title: fix.title, detail: fix.detail, commands: fixCommands(fix) };
}

export function environmentModel(r: EnvironmentReport, fixing?: string): EnvironmentModel {
  const p = r.python;
  const fix = fixLine(r.fixes.fix);
  const alternative = fixLine(r.fixes.alternative);
  return {
    ...(p && { interpreter: { path: p.path, version: p.version, origin: p.origin, kind: describeKind(p.env), prefix: p.env.prefix } }),
    tried: r.tried.map((c) => `${c.path}, from ${c.origin}`),
    ...(r.interpreterProblem && { problem: r.interpreterProblem }),
    tools: r.rows.map((row) => ({
      label: row.tool.label,
      kind: row.tool.kind,
      present: row.present,
      ...(row.version && { version: row.version }),
      neededBy: row.neededBy,
      gap: row.gap,
      ...(row.tool.optional && { optional: row.tool.optional }),
    })),
    ...(fix && { fix }),
    ...(alternative && { alternative }),
    manual: r.fixes.manual,
    ready: r.ready,
    timing: r.probeMs ? vscode.l10n.t('asked in {0} ms', r.probeMs) : vscode.l10n.t('from the cache (nothing changed since the last look)'),
    ...(fixing && { fixing }),
  };
}
