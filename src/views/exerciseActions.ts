// The exercise commands as the learner sees them: which exercise a command is about, the
// questions (a folder, "Reset?", "Show the solution anyway?"), the editors that open and
// the messages that follow. The work itself is ExerciseService's.

import * as path from 'path';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { listFiles } from '../core/exerciseFiles';
import type { Catalog, Exercise } from '../core/model';
import type { ContentService } from '../services/contentService';
import { activeFile } from '../services/activeExercise';
import type { ExerciseService, StartResult } from '../services/exerciseService';
import type { ProgressStore } from '../state/progressStore';
import { pickExercise } from './exercisePicker';

/** The Markdown extension's read-only preview editor (a custom editor). */
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

/** Whether the learner asked for the instructions in an editor beside the code as well. */
const beside = () => vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.instructionsBesideCode, false);

/** Opens an exercise's main file in the first editor group, with the keyboard; false when it has none. */
async function openCode(dir: string, main: string | undefined): Promise<boolean> {
  if (!main) return false;
  const uri = vscode.Uri.file(path.join(dir, main));
  const options = { viewColumn: vscode.ViewColumn.One, preview: false };
  if (main.endsWith('.ipynb')) {
    // In the notebook editor (built in), where checks put their findings on the cells.
    const notebook = await vscode.workspace.openNotebookDocument(uri);
    await onceMore(
      () => vscode.window.showNotebookDocument(notebook, options),
      () => vscode.window.visibleNotebookEditors.some((e) => e.notebook === notebook),
    );
  } else {
    const doc = await vscode.workspace.openTextDocument(uri);
    await onceMore(
      () => vscode.window.showTextDocument(doc, options),
      () => vscode.window.visibleTextEditors.some((e) => e.document === doc),
    );
  }
  return true;
}

/**
 * VS Code opens one editor at a time in a group, and of two opens at once the faster wins
 * while the other's API call fails (microsoft/vscode#155778). With the walkthrough open in
 * the group, showing a notebook failed that way in two runs of three, though it showed (the
 * view shown beside it completes a walkthrough step). The open is asked for once more, but
 * only when the editor is not on screen: asking again for one that did show would bring it
 * forward over whatever the learner opened since (the likely reason the notebook covered
 * the walkthrough in about one e2e run in ten).
 */
async function onceMore(open: () => Thenable<unknown>, shown: () => boolean): Promise<void> {
  try {
    await open();
  } catch (e) {
    if (shown()) return;
    try {
      await open();
    } catch {
      // The first failure says why the editor did not open; the second is the same race again.
      throw e;
    }
  }
}

/** The Exercise view, as the commands here need it (a surface of its own, wired in extension.ts). */
export interface ExercisePanel {
  show(exercise: Exercise, options: { preserveFocus: boolean }): Promise<void>;
  /** Starts making what showing `exercise` needs, for a show() soon after. */
  prepare(exercise: Exercise): void;
  /** Says whether `exercise` is being started (its files copied), which its Start button shows. */
  setStarting(exercise: Exercise, starting: boolean): void;
  /** Readies what showing any exercise needs, while the learner picks one. */
  warm(): void;
}

export class ExerciseActions {
  constructor(
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly exercises: ExerciseService,
    private readonly panel: ExercisePanel,
  ) {}

  /** Starts (or reopens) an exercise; true when it is open for work. */
  async start(exercise: Exercise): Promise<boolean> {
    this.panel.prepare(exercise);
    // The view shows the exercise while its files are copied, so the instructions come
    // first; unless starting asks where exercises live, whose dialog a view taking focus
    // would close: then the view follows the start.
    let shown: Promise<void> | undefined;
    if (this.exercises.startsWithoutAsking(exercise)) {
      this.panel.setStarting(exercise, true);
      shown = this.panel.show(exercise, { preserveFocus: true });
      // Awaited below; this only keeps a failure from going unheard if starting throws first.
      shown.catch(() => undefined);
    }
    let started: StartResult;
    try {
      started = await this.exercises.start(exercise, askForExercisesRoot);
    } finally {
      this.panel.setStarting(exercise, false);
    }
    if (started.status === 'needsWorkspace') {
      void vscode.window.showWarningMessage(`"${exercise.title}" works on your own project: open its folder first, then start the exercise again.`);
    } else if (started.status === 'started') {
      if (exercise.kind === 'project') await this.showInstructions(exercise, vscode.ViewColumn.Active, false, shown);
      else await this.openWorkspaceFiles(exercise, started.dir, shown);
      return true;
    }
    await shown;
    return false;
  }

  /**
   * The code full width, the instructions in the Exercise view (or beside it, by setting).
   * `shown`: the view's showing of the exercise, when it began before the start.
   */
  private async openWorkspaceFiles(exercise: Exercise, dir: string, shown: Promise<void> | undefined): Promise<void> {
    const files = await listFiles(dir);
    const main = exercise.main && files.includes(path.normalize(exercise.main)) ? exercise.main : files.find((f) => f.endsWith('.py')) ?? files[0];
    // The view is shown while the code opens (a notebook's editor takes a second or more),
    // so the instructions do not wait for it.
    const [opened] = await Promise.all([openCode(dir, main), shown ?? this.panel.show(exercise, { preserveFocus: true })]);
    // The learner's next move is typing code, so the keyboard stays there.
    if (beside()) await this.openInstructions(exercise, vscode.ViewColumn.Beside, opened);
  }

  /** `shown` as for openWorkspaceFiles: the view is not asked twice. */
  private async showInstructions(exercise: Exercise, column: vscode.ViewColumn, preserveFocus: boolean, shown: Promise<void> | undefined): Promise<void> {
    if (beside()) await this.openInstructions(exercise, column, preserveFocus);
    await (shown ?? this.panel.show(exercise, { preserveFocus: true }));
  }

  /**
   * Opens the instructions as a read-only Markdown preview, through the built-in preview
   * editor so that `preserveFocus` holds (the preview commands focus their webview when
   * it loads, which would take the keyboard from the code). Plain text if Markdown is off.
   */
  async openInstructions(exercise: Exercise, column: vscode.ViewColumn = vscode.ViewColumn.Active, preserveFocus = false): Promise<void> {
    const uri = vscode.Uri.file(path.join(exercise.dir, exercise.instructions));
    try {
      await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW_EDITOR, { viewColumn: column, preserveFocus, preview: false });
    } catch {
      await vscode.window.showTextDocument(uri, { preview: true, viewColumn: column, preserveFocus });
    }
  }

  /** `confirm: false` is for callers that asked already (and for the in-host tests). */
  async reset(exercise: Exercise, options: { confirm: boolean } = { confirm: true }): Promise<void> {
    const confirm = async (backups: string) =>
      'Reset' ===
      (await vscode.window.showWarningMessage(
        `Reset "${exercise.title}" to its starter files?`,
        { modal: true, detail: `Your current files are copied to ${backups} first and are never deleted by Upskill.` },
        'Reset',
      ));
    const done = await this.exercises.reset(exercise, options.confirm ? confirm : undefined);
    if (done.status === 'project') {
      void vscode.window.showInformationMessage(`"${exercise.title}" works on your own project, so there is nothing to reset.`);
    } else if (done.status === 'notStarted') {
      void vscode.window.showInformationMessage(`"${exercise.title}" has not been started, so there is nothing to reset.`);
    } else if (done.status === 'reset') {
      void vscode.window.showInformationMessage(`"${exercise.title}" is back to its starter files. Your previous files are in ${done.backup}.`, 'Reveal Backup').then((action) => {
        if (action === 'Reveal Backup') void revealBackup(done.backup);
      });
    }
  }

  async showHint(exercise: Exercise): Promise<void> {
    const total = exercise.hints.length;
    if (!total) {
      void vscode.window.showInformationMessage(`"${exercise.title}" has no hints.`);
      return;
    }
    // Hints go to the Exercise view, each under the last, rendered; no notifications.
    if (this.progress.get(exercise.id).hintsUsed >= total) {
      vscode.window.setStatusBarMessage(`$(lightbulb) All ${total} hints of "${exercise.title}" are in the Exercise view; Show Solution compares your file with the reference.`, 8000);
    } else {
      await this.exercises.revealHint(exercise);
    }
    await this.panel.show(exercise, { preserveFocus: true });
  }

  async showSolution(exercise: Exercise): Promise<void> {
    if (!exercise.solution) {
      void vscode.window.showInformationMessage(`"${exercise.title}" has no reference solution.`);
      return;
    }
    const p = this.progress.get(exercise.id);
    if (p.failedAttempts === 0 && p.state !== 'passed' && !p.solutionViewed) {
      const ok = await vscode.window.showWarningMessage(
        `You have not checked "${exercise.title}" yet. Show the reference solution anyway?`,
        { modal: true, detail: 'Trying a check first, then a hint, teaches more. Viewing the solution is recorded in your progress.' },
        'Show Solution',
      );
      if (ok !== 'Show Solution') return;
    }
    const files = await this.exercises.solutionFiles(exercise);
    let file = exercise.main && files.includes(path.normalize(exercise.main)) ? exercise.main : files[0];
    if (files.length > 1) {
      const picked = await vscode.window.showQuickPick(
        files.map((f) => ({ label: f, picked: f === file })),
        { title: `${exercise.title}: compare which file with the reference?` },
      );
      if (!picked) return;
      file = picked.label;
    }
    if (!file) return;
    const { reference, mine } = await this.exercises.viewSolution(exercise, file);
    if (mine) {
      await vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(mine), vscode.Uri.file(reference), `${path.basename(file)}: yours ↔ reference solution`, { preview: true });
    } else {
      await vscode.window.showTextDocument(vscode.Uri.file(reference), { preview: true });
    }
  }

  /** Starts the exercise recommended after `arg` (an exercise id) or after the active editor's exercise. */
  async next(arg?: unknown): Promise<void> {
    const active = activeFile();
    const current = typeof arg === 'string' ? (await this.content.get()).exercises.get(arg) : active && (await this.exercises.exerciseForFile(active.fsPath));
    const next = await this.exercises.nextAfter(current);
    if (!next) {
      void vscode.window.showInformationMessage('Every exercise is passed. Well done! Add your own tracks under .upskill/ to keep going.');
      return;
    }
    if (!(await this.start(next))) return;
    const left = current && current.id !== next.id && this.progress.get(current.id).state === 'started' ? ` "${current.title}" is still in progress.` : '';
    void vscode.window.showInformationMessage(`Started "${next.title}".${left}`);
  }

  /**
   * The exercise a command is about: its argument, the active editor's, or one the learner
   * picks. `alwaysPick` skips the editor (Start Exercise… from the palette means "another one").
   */
  async resolve(arg: unknown, placeHolder: string, { onlyStarted = false, alwaysPick = false } = {}): Promise<Exercise | undefined> {
    const catalog = await this.content.get();
    const fromArg = exerciseFromArg(arg, catalog.exercises);
    if (fromArg) return fromArg;
    if (alwaysPick) return this.pick(catalog, placeHolder, onlyStarted);
    const active = activeFile();
    if (active) {
      const fromEditor = this.exercises.exerciseIn(catalog, active.fsPath);
      if (fromEditor) return fromEditor;
    }
    // The instructions preview (a webview) may have focus, with the code beside it: when
    // every visible file belongs to one exercise, that is the one.
    if (!vscode.window.activeTextEditor && !vscode.window.activeNotebookEditor) {
      const visible = new Set<Exercise>();
      for (const e of vscode.window.visibleTextEditors) {
        if (e.document.uri.scheme !== 'file') continue;
        const ex = this.exercises.exerciseIn(catalog, e.document.uri.fsPath);
        if (ex) visible.add(ex);
      }
      if (visible.size === 1) return [...visible][0];
    }
    return this.pick(catalog, placeHolder, onlyStarted);
  }

  /** The learner picks; the view readies its renderer meanwhile, for the exercise picked. */
  private pick(catalog: Catalog, placeHolder: string, onlyStarted: boolean): Promise<Exercise | undefined> {
    this.panel.warm();
    return pickExercise(catalog, this.progress.all, { placeHolder, onlyStarted });
  }
}

/** The OS file manager on the desktop; in a browser VS Code (which has none), the Explorer. */
async function revealBackup(folder: string): Promise<void> {
  const uri = vscode.Uri.file(folder);
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  if (vscode.env.uiKind === vscode.UIKind.Desktop) {
    try {
      await vscode.commands.executeCommand('revealFileInOS', uri);
      return;
    } catch {
      // Fall through to the Explorer.
    }
  }
  if (inWorkspace) await vscode.commands.executeCommand('revealInExplorer', uri);
  else void vscode.window.showInformationMessage(`Your previous files are in ${folder}.`);
}

/** Asked when there is no workspace folder and no `upskill.exercisesFolder` yet. */
async function askForExercisesRoot(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Use for exercises',
    title: 'Upskill: where should your exercises live?',
  });
  return picked?.[0]?.fsPath;
}

/** Accepts a tree node, an exercise id (palette, keybindings, tests) or nothing. */
function exerciseFromArg(arg: unknown, exercises: ReadonlyMap<string, Exercise>): Exercise | undefined {
  if (typeof arg === 'string') return exercises.get(arg);
  if (arg && typeof arg === 'object' && 'exercise' in arg) {
    const id = (arg as { exercise: { id?: unknown } }).exercise?.id;
    return typeof id === 'string' ? exercises.get(id) : undefined;
  }
  return undefined;
}
