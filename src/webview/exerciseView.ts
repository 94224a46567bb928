// Host side of the Exercise view: the current exercise beside the code. It follows
// ActiveExercise (or an exercise shown on purpose: a click in the tree, Show Hint), keeps
// the last two check reports of each exercise to compare them, marks results stale after
// an edit, renders Markdown with VS Code's own renderer and posts one model to the webview
// (core/exercisePanel.ts builds it). Buttons run the same commands as the palette.

import * as path from 'path';
import * as vscode from 'vscode';
import type { CheckReport } from '../checks/types';
import { Commands, Settings, Views } from '../constants';
import { exerciseHeader, filesToChange, resultModel, suggestCheckOnSave } from '../core/exercisePanel';
import type { ExercisePanelModel, FindingLine, ResultModel } from '../core/exercisePanelModel';
import { listFiles } from '../core/exerciseFiles';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import { isInside } from '../core/paths';
import type { ActiveExercise } from '../services/activeExercise';
import type { CheckService } from '../services/checkService';
import type { ContentService } from '../services/contentService';
import type { EnvironmentService } from '../services/environment';
import type { ExerciseService } from '../services/exerciseService';
import type { ProgressStore } from '../state/progressStore';
import { type ExerciseAction, type ToExerciseView, isFromExerciseView } from './exerciseProtocol';
import { setWebviewPage } from './page';

/** The last check of an exercise and what the panel needs to show it. */
interface Checked {
  readonly report: CheckReport;
  /** The interpreter's tool versions when the check ran. */
  readonly versions: readonly string[];
  readonly previous?: CheckReport;
  readonly workDir: string;
  readonly filesToChange: readonly string[];
  readonly provided: readonly string[];
  readonly first: boolean;
  stale: boolean;
}

const ACTION_COMMAND: Record<Exclude<ExerciseAction, 'checkOnSave' | 'pick'>, string> = {
  start: Commands.startExercise,
  check: Commands.checkExercise,
  hint: Commands.showHint,
  solution: Commands.showSolution,
  reset: Commands.resetExercise,
  terminal: Commands.openTerminal,
  next: Commands.nextExercise,
};

export class ExerciseView extends DisposableBase implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;
  /** The exercise on show: the active one, or one shown on purpose since it last changed. */
  private shown?: Exercise;
  private readonly checked = new Map<string, Checked>();
  private readonly html = new Map<string, string>();
  private lastModel?: ExercisePanelModel;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly exercises: ExerciseService,
    private readonly checks: CheckService,
    active: ActiveExercise,
    /** Tool versions for "how was this checked?", from its cache. */
    private readonly environment?: EnvironmentService,
  ) {
    super();
    this.shown = active.current;
    this.register(
      active.onDidChange((e) => {
        if (!e) return;
        this.shown = e;
        void this.post();
      }),
    );
    this.register(
      content.onDidChange((catalog) => {
        this.html.clear();
        this.shown = this.shown && catalog.exercises.get(this.shown.id);
        void this.post();
      }),
    );
    this.register(progress.onDidChange(() => void this.post()));
    this.register(checks.onDidChangeRunning((e) => this.postIfShown(e)));
    this.register(checks.onDidCheck(({ exercise, report }) => void this.record(exercise, report)));
    this.register(
      exercises.onDidReset((e) => {
        this.checked.delete(e.id);
        this.postIfShown(e);
      }),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.markStale(e.document.uri)));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${Settings.section}.${Settings.checkOnSave}`) && void this.post()));
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Shows an exercise in the view and reveals it; with `preserveFocus` the keyboard stays where it is. */
  async show(exercise: Exercise, options: { preserveFocus: boolean }): Promise<void> {
    this.shown = exercise;
    if (this.view) {
      this.view.show(options.preserveFocus);
      await this.post();
      return;
    }
    // Never resolved yet: the view's focus command creates it (and takes the keyboard).
    await vscode.commands.executeCommand(`${Views.exercise}.focus`);
    if (options.preserveFocus) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    setWebviewPage(view.webview, this.extensionUri, {
      css: 'exercise.css',
      script: 'exercise.js',
      title: 'Exercise',
      body: '<main id="root" aria-label="Current exercise"><p>Loading the exercise…</p></main>',
    });
    // Resolved again each time the view is shown after being disposed: these go with this webview.
    const onMessage = view.webview.onDidReceiveMessage((m: unknown) => {
      if (!isFromExerciseView(m)) return;
      switch (m.type) {
        case 'ready':
          void this.post();
          break;
        case 'action':
          void this.run(m.action);
          break;
        case 'openFinding':
          void this.openFinding(m.key);
          break;
        case 'openLink':
          void vscode.env.openExternal(vscode.Uri.parse(m.href));
          break;
      }
    });
    const onDispose = view.onDidDispose(() => {
      onMessage.dispose();
      onDispose.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  private async run(action: ExerciseAction): Promise<void> {
    if (action === 'pick') {
      await vscode.commands.executeCommand(Commands.startExercise);
    } else if (action === 'checkOnSave') {
      await vscode.workspace.getConfiguration(Settings.section).update(Settings.checkOnSave, true, vscode.ConfigurationTarget.Global);
      vscode.window.setStatusBarMessage('$(check) Upskill checks the exercise each time you save one of its files.', 5000);
    } else if (this.shown) {
      await vscode.commands.executeCommand(ACTION_COMMAND[action], this.shown.id);
    }
  }

  private async openFinding(key: string): Promise<void> {
    const all = this.lastModel?.result?.checks.flatMap((c) => [...c.findings, ...c.elsewhere]) ?? [];
    const f: FindingLine | undefined = all.find((x) => x.key === key);
    if (!f?.file) return;
    const pos = new vscode.Position(Math.max(0, f.line - 1), Math.max(0, f.column - 1));
    if (f.file.endsWith('.ipynb')) {
      // The notebook editor, not its JSON; its cells carry the findings.
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(f.file), { viewColumn: vscode.ViewColumn.One, preview: false });
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(f.file), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One, preview: false });
  }

  private async record(exercise: Exercise, report: CheckReport): Promise<void> {
    const workDir = this.exercises.workDir(exercise);
    if (!workDir) return;
    const provided = exercise.starter ? await listFiles(path.join(exercise.dir, exercise.starter)).catch(() => []) : [];
    this.checked.set(exercise.id, {
      report,
      versions: report.python ? (this.environment?.knownVersions(report.python.path) ?? []) : [],
      previous: this.checked.get(exercise.id)?.report,
      workDir,
      provided,
      filesToChange: filesToChange(exercise, provided),
      first: this.progress.get(exercise.id).attempts <= 1,
      stale: false,
    });
    this.postIfShown(exercise);
  }

  private markStale(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') return;
    for (const [id, c] of this.checked) {
      if (c.stale || !isInside(c.workDir, uri.fsPath)) continue;
      c.stale = true;
      if (this.shown?.id === id) void this.post();
    }
  }

  private postIfShown(exercise: Exercise): void {
    if (this.shown?.id === exercise.id) void this.post();
  }

  private async post(): Promise<void> {
    if (!this.view) return;
    const model = await this.model();
    this.lastModel = model;
    const message: ToExerciseView = { type: 'state', model };
    await this.view?.webview.postMessage(message);
  }

  private async model(): Promise<ExercisePanelModel | undefined> {
    const exercise = this.shown;
    if (!exercise) return undefined;
    const catalog = await this.content.get();
    await this.progress.load();
    const p = this.progress.get(exercise.id);
    const started = p.state !== 'todo' && (await this.exercises.startedDir(exercise)) !== undefined;
    const shownHints = exercise.hints.slice(0, p.hintsUsed);
    const [instructionsHtml, ...hintsHtml] = await Promise.all([this.instructions(exercise), ...shownHints.map((h) => this.render(h))]);
    const c = this.checked.get(exercise.id);
    const result: ResultModel | undefined =
      c &&
      resultModel(c.report, c.previous, { workDir: c.workDir, checks: exercise.checks, filesToChange: c.filesToChange, provided: c.provided, stale: c.stale, first: c.first, versions: c.versions });
    const checkOnSave = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.checkOnSave, false);
    return {
      exercise: exerciseHeader({ exercise, skillTitle: catalog.skills.get(exercise.skillId)?.title ?? exercise.skillId, state: p.state, started }),
      instructionsHtml,
      hints: { total: exercise.hints.length, shownHtml: hintsHtml },
      ...(result && { result }),
      checking: this.checks.isRunning(exercise.id),
      suggestCheckOnSave: started && suggestCheckOnSave(p.attempts, checkOnSave),
    };
  }

  private async instructions(exercise: Exercise): Promise<string> {
    const cached = this.html.get(exercise.id);
    if (cached !== undefined) return cached;
    const file = path.join(exercise.dir, exercise.instructions);
    const text = await vscode.workspace.fs.readFile(vscode.Uri.file(file)).then(
      (b) => new TextDecoder().decode(b),
      () => `The instructions file ${exercise.instructions} could not be read.`,
    );
    const html = await this.render(text);
    this.html.set(exercise.id, html);
    return html;
  }

  /** VS Code's own Markdown renderer; the text itself when it is not available. */
  private async render(markdown: string): Promise<string> {
    try {
      const html = await vscode.commands.executeCommand<string>('markdown.api.render', markdown);
      if (typeof html === 'string') return html;
    } catch {
      // The Markdown extension is disabled: fall through.
    }
    return `<pre>${markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`;
  }
}
