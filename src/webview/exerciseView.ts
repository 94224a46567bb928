// Host side of the Exercise view: the current exercise beside the code. It follows
// ActiveExercise (or an exercise shown on purpose: a click in the tree, Show Hint), shows
// the last check compared with the one before as CheckService keeps them (stale after an
// edit), renders Markdown with VS Code's own renderer and posts one model to the webview
// (core/exercisePanel.ts builds it). Buttons lead to the same actions as the palette's commands.

import * as path from 'path';
import * as vscode from 'vscode';
import { Settings, Views } from '../constants';
import { exerciseHeader, filesToChange, resultModel, suggestCheckOnSave } from '../core/exercisePanel';
import type { ExercisePanelModel, FindingLine, ResultModel } from '../core/exercisePanelModel';
import { listFiles } from '../core/exerciseFiles';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import type { ActiveExercise } from '../services/activeExercise';
import type { CheckService } from '../services/checkService';
import type { ContentService } from '../services/contentService';
import type { ExerciseService } from '../services/exerciseService';
import type { ProgressStore } from '../state/progressStore';
import { type ExerciseAction, type ToExerciseView, isFromExerciseView } from './exerciseProtocol';
import { setWebviewPage } from './page';

/** Where the view's buttons lead: the same actions as the commands, reached without command ids. */
export interface ExerciseViewLinks {
  /** A button's action on the exercise on show. */
  act(action: Exclude<ExerciseAction, 'checkOnSave' | 'pick'>, exercise: Exercise): Promise<unknown>;
  /** Lets the learner pick an exercise to start (no exercise on show). */
  pick(): Promise<unknown>;
}

export class ExerciseView extends DisposableBase implements vscode.WebviewViewProvider {
  private view?: vscode.WebviewView;
  /** The exercise on show: the active one, or one shown on purpose since it last changed. */
  private shown?: Exercise;
  /** Each exercise's instructions as HTML, being rendered or done (one render however many ask). */
  private readonly html = new Map<string, Promise<string>>();
  /** The files each exercise provides (its starter), relative to its folder: content, read once per load. */
  private readonly provided = new Map<string, Promise<readonly string[]>>();
  /** The last model made, with the exercise it was made for. */
  private last?: { readonly shown?: Exercise; readonly model?: ExercisePanelModel };
  /** The first render, which readied VS Code's Markdown renderer (see warm). */
  private warmed?: Promise<string>;
  /** Exercises whose start is under way (see setStarting). */
  private readonly starting = new Set<string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly exercises: ExerciseService,
    private readonly checks: CheckService,
    active: ActiveExercise,
    private readonly links: ExerciseViewLinks,
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
        this.provided.clear();
        this.shown = this.shown && catalog.exercises.get(this.shown.id);
        void this.post();
      }),
    );
    this.register(progress.onDidChange(() => void this.post()));
    this.register(checks.onDidChange((id) => this.shown?.id === id && void this.post()));
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
    // Never resolved yet: the view's focus command creates it (and takes the keyboard). The
    // model is made first, so that the page carries it and paints the exercise at once.
    await this.keepModel();
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
      // The last model made for the exercise shown, if any: the page paints it at once, and
      // the host's fresh one follows `ready`.
      ...(this.last?.model && this.last.shown === this.shown && { state: { type: 'state', model: this.last.model } satisfies ToExerciseView }),
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
      await this.links.pick();
    } else if (action === 'checkOnSave') {
      await vscode.workspace.getConfiguration(Settings.section).update(Settings.checkOnSave, true, vscode.ConfigurationTarget.Global);
      vscode.window.setStatusBarMessage('$(check) Upskill checks the exercise each time you save one of its files.', 5000);
    } else if (this.shown) {
      await this.links.act(action, this.shown);
    }
  }

  private async openFinding(key: string): Promise<void> {
    const all = this.last?.model?.result?.checks.flatMap((c) => [...c.findings, ...c.elsewhere]) ?? [];
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

  private async post(): Promise<void> {
    if (!this.view) return;
    const model = await this.keepModel();
    const message: ToExerciseView = { type: 'state', model };
    await this.view?.webview.postMessage(message);
  }

  /** Makes the model of the exercise shown and keeps it, with the exercise it is for. */
  private async keepModel(): Promise<ExercisePanelModel | undefined> {
    const shown = this.shown;
    const model = await this.model();
    this.last = { shown, model };
    return model;
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
    const c = this.checks.result(exercise.id);
    const provided = c && (await this.providedFiles(exercise));
    const result: ResultModel | undefined =
      c &&
      provided &&
      resultModel(c.report, c.previous, { workDir: c.workDir, checks: exercise.checks, filesToChange: filesToChange(exercise, provided), provided, stale: c.stale, first: c.first, versions: c.versions });
    const checkOnSave = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.checkOnSave, false);
    return {
      exercise: exerciseHeader({ exercise, skillTitle: catalog.skills.get(exercise.skillId)?.title ?? exercise.skillId, state: p.state, started, starting: this.starting.has(exercise.id) }),
      instructionsHtml,
      hints: { total: exercise.hints.length, shownHtml: hintsHtml },
      ...(result && { result }),
      checking: this.checks.isRunning(exercise.id),
      suggestCheckOnSave: started && suggestCheckOnSave(p.attempts, checkOnSave),
    };
  }

  private providedFiles(exercise: Exercise): Promise<readonly string[]> {
    let files = this.provided.get(exercise.id);
    if (!files) {
      files = exercise.starter ? listFiles(path.join(exercise.dir, exercise.starter)).catch(() => []) : Promise.resolve([]);
      this.provided.set(exercise.id, files);
    }
    return files;
  }

  /**
   * Starts rendering an exercise's instructions, for a show() that follows: Start Exercise
   * calls it before copying the starter, so the first render (which activates VS Code's
   * Markdown extension) runs meanwhile rather than after.
   */
  prepare(exercise: Exercise): void {
    void this.instructions(exercise);
  }

  /** While an exercise starts, its Start button says so and does nothing. */
  setStarting(exercise: Exercise, starting: boolean): void {
    if (starting === this.starting.has(exercise.id)) return;
    if (starting) this.starting.add(exercise.id);
    else this.starting.delete(exercise.id);
    if (this.shown?.id === exercise.id) void this.post();
  }

  /**
   * Readies the Markdown renderer while the learner picks an exercise: its first use
   * activates VS Code's Markdown extension, about half a second the exercise would
   * otherwise wait for. Once per extension host.
   */
  warm(): void {
    this.warmed ??= this.render('');
  }

  private instructions(exercise: Exercise): Promise<string> {
    let html = this.html.get(exercise.id);
    if (!html) {
      const file = path.join(exercise.dir, exercise.instructions);
      html = Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.file(file))).then(
        (b) => this.render(new TextDecoder().decode(b)),
        () => this.render(`The instructions file ${exercise.instructions} could not be read.`),
      );
      this.html.set(exercise.id, html);
    }
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
