// Starting, opening, resetting and helping with exercises: everything but checking.

import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BACKUPS_DIR, EXERCISES_DIR, Settings } from '../constants';
import { DisposableBase } from '../core/lifecycle';
import { backupFolder, copyMissing, exists, listFiles, restoreStarter } from '../core/exerciseFiles';
import type { Exercise } from '../core/model';
import { isInside } from '../core/paths';
import { markStarted, recommendNext, recordHint, recordSolutionViewed } from '../core/progress';
import type { ProgressStore } from '../state/progressStore';
import type { ContentService } from './contentService';
import { pickExercise } from './exercisePicker';

/** The Markdown extension's read-only preview editor (a custom editor). */
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

export class ExerciseService extends DisposableBase {
  constructor(
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  /** The folder that holds started exercises, or undefined if none can be chosen without asking. */
  exercisesRoot(): string | undefined {
    const ws = vscode.workspace.workspaceFolders?.[0];
    if (ws) return path.join(ws.uri.fsPath, EXERCISES_DIR);
    const configured = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.exercisesFolder, '').trim();
    return configured || undefined;
  }

  /** Asks for a folder when no workspace is open, and remembers it in `upskill.exercisesFolder`. */
  private async exercisesRootOrAsk(): Promise<string | undefined> {
    const known = this.exercisesRoot();
    if (known) return known;
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      openLabel: 'Use for exercises',
      title: 'Upskill: where should your exercises live?',
    });
    const folder = picked?.[0]?.fsPath;
    if (!folder) return undefined;
    await vscode.workspace.getConfiguration(Settings.section).update(Settings.exercisesFolder, folder, vscode.ConfigurationTarget.Global);
    return folder;
  }

  /** Where the learner works on this exercise: their copy, or the workspace for project exercises. */
  workDir(exercise: Exercise): string | undefined {
    if (exercise.kind === 'project') return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const recorded = this.progress.get(exercise.id).folder;
    if (recorded) return recorded;
    const root = this.exercisesRoot();
    return root && path.join(root, exercise.id);
  }

  /** The started exercise a file belongs to, if any. */
  async exerciseForFile(file: string): Promise<Exercise | undefined> {
    const catalog = await this.content.get();
    for (const exercise of catalog.exercises.values()) {
      if (exercise.kind === 'project' || this.progress.get(exercise.id).state === 'todo') continue;
      const dir = this.workDir(exercise);
      if (dir && isInside(dir, file)) return exercise;
    }
    return undefined;
  }

  async start(exercise: Exercise): Promise<void> {
    if (exercise.kind === 'project') return this.startProject(exercise);
    if (!exercise.starter) throw new Error(`Exercise "${exercise.id}" has no starter folder.`);
    const recorded = this.progress.get(exercise.id).folder;
    let dir = recorded && (await exists(recorded)) ? recorded : undefined;
    if (!dir) {
      const root = await this.exercisesRootOrAsk();
      if (!root) return;
      dir = path.join(root, exercise.id);
      if (await exists(dir)) {
        this.log.info(`Reopening ${exercise.id} in ${dir}: the folder exists, so nothing was copied.`);
      } else {
        const copied = await copyMissing(path.join(exercise.dir, exercise.starter), dir);
        this.log.info(`Started ${exercise.id}: copied ${copied.length} starter file(s) to ${dir}.`);
      }
    }
    await this.progress.update(exercise.id, (p) => markStarted(p, this.clock(), dir));
    await this.openWorkspaceFiles(exercise, dir);
  }

  private async startProject(exercise: Exercise): Promise<void> {
    const ws = vscode.workspace.workspaceFolders?.[0];
    if (!ws) {
      void vscode.window.showWarningMessage(`"${exercise.title}" works on your own project: open its folder first, then start the exercise again.`);
      return;
    }
    await this.progress.update(exercise.id, (p) => markStarted(p, this.clock(), ws.uri.fsPath));
    await this.openInstructions(exercise, vscode.ViewColumn.Active);
  }

  private async openWorkspaceFiles(exercise: Exercise, dir: string): Promise<void> {
    const files = await listFiles(dir);
    const main = exercise.main && files.includes(path.normalize(exercise.main)) ? exercise.main : files.find((f) => f.endsWith('.py')) ?? files[0];
    const doc = main ? await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, main))) : undefined;
    if (doc) await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    // The learner's next move is typing code, so the keyboard stays there.
    await this.openInstructions(exercise, vscode.ViewColumn.Beside, doc !== undefined);
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
    if (exercise.kind === 'project' || !exercise.starter) {
      void vscode.window.showInformationMessage(`"${exercise.title}" works on your own project, so there is nothing to reset.`);
      return;
    }
    const dir = this.workDir(exercise);
    if (!dir || !(await exists(dir))) {
      void vscode.window.showInformationMessage(`"${exercise.title}" has not been started, so there is nothing to reset.`);
      return;
    }
    const backups = path.join(path.dirname(dir), BACKUPS_DIR);
    if (options.confirm) {
      const choice = await vscode.window.showWarningMessage(
        `Reset "${exercise.title}" to its starter files?`,
        { modal: true, detail: `Your current files are copied to ${backups} first and are never deleted by Upskill.` },
        'Reset',
      );
      if (choice !== 'Reset') return;
    }
    // Unsaved edits are the learner's work too: saved first, they go into the backup.
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file' && isInside(dir, d.uri.fsPath));
    for (const doc of open) {
      if (doc.isDirty && !(await doc.save())) this.log.warn(`Reset of ${exercise.id}: could not save ${doc.uri.fsPath}, so it keeps its unsaved edits and is not reset.`);
    }
    const backup = await backupFolder(dir, backups, exercise.id, new Date(this.clock()));
    const starter = path.join(exercise.dir, exercise.starter);
    // Files open in VS Code are reset through their editors: written behind an editor's back,
    // a file can keep showing its old text until a file watcher notices, and saving it then
    // would be a conflict.
    await restoreStarter(dir, starter, new Set(open.map((d) => path.relative(dir, d.uri.fsPath))));
    await this.restoreOpenDocuments(open, dir, starter);
    this.log.info(`Reset ${exercise.id}: previous files kept in ${backup}.`);
    void vscode.window.showInformationMessage(`"${exercise.title}" is back to its starter files. Your previous files are in ${backup}.`, 'Reveal Backup').then((action) => {
      if (action === 'Reveal Backup') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(backup));
    });
  }

  private async restoreOpenDocuments(docs: readonly vscode.TextDocument[], dir: string, starter: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    const changed: { doc: vscode.TextDocument; text: string }[] = [];
    for (const doc of docs) {
      if (doc.isDirty) continue; // could not be saved above; left as it is
      const original = path.join(starter, path.relative(dir, doc.uri.fsPath));
      const text = await fs.readFile(original, 'utf8').catch(() => undefined);
      if (text === undefined) {
        edit.deleteFile(doc.uri, { ignoreIfNotExists: true });
      } else if (doc.getText() !== text) {
        edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
        changed.push({ doc, text });
      } else if ((await fs.readFile(doc.uri.fsPath, 'utf8').catch(() => undefined)) !== text) {
        // The editor already shows the starter but the disk does not (changed outside VS Code).
        await fs.writeFile(doc.uri.fsPath, text);
      }
    }
    if (!(await vscode.workspace.applyEdit(edit))) this.log.warn('Reset: VS Code refused to update the open editors; reopen them to see the starter.');
    for (const { doc, text } of changed) {
      if (await doc.save()) continue;
      // A save conflict (the file changed outside VS Code): the disk still gets the starter.
      await fs.writeFile(doc.uri.fsPath, text);
      this.log.warn(`Reset: ${doc.uri.fsPath} was written directly; if its editor shows a conflict, choose "Revert".`);
    }
  }

  async showHint(exercise: Exercise): Promise<void> {
    if (!exercise.hints.length) {
      void vscode.window.showInformationMessage(`"${exercise.title}" has no hints.`);
      return;
    }
    const used = this.progress.get(exercise.id).hintsUsed;
    if (used >= exercise.hints.length) {
      await vscode.window.showQuickPick(
        exercise.hints.map((h, i) => ({ label: `Hint ${i + 1}`, detail: h })),
        { title: `${exercise.title}: all ${exercise.hints.length} hints`, placeHolder: 'Every hint is revealed. Show Solution compares your file with the reference.' },
      );
      return;
    }
    const p = await this.progress.update(exercise.id, (q) => recordHint(q, exercise.hints.length));
    const n = p.hintsUsed;
    this.log.info(`Hint ${n}/${exercise.hints.length} for ${exercise.id}: ${exercise.hints[n - 1]}`);
    const more = n < exercise.hints.length ? ['Next Hint'] : [];
    const action = await vscode.window.showInformationMessage(`Hint ${n} of ${exercise.hints.length}: ${exercise.hints[n - 1]}`, ...more);
    if (action === 'Next Hint') await this.showHint(exercise);
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
    const solutionDir = path.join(exercise.dir, exercise.solution);
    const files = await listFiles(solutionDir);
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
    await this.progress.update(exercise.id, recordSolutionViewed);
    const reference = vscode.Uri.file(path.join(solutionDir, file));
    const dir = this.workDir(exercise);
    const mine = dir && vscode.Uri.file(path.join(dir, file));
    if (mine && (await exists(mine.fsPath))) {
      await vscode.commands.executeCommand('vscode.diff', mine, reference, `${path.basename(file)}: yours ↔ reference solution`, { preview: true });
    } else {
      await vscode.window.showTextDocument(reference, { preview: true });
    }
  }

  /** Moves on to the recommended exercise after `current` (or the next one overall). */
  async next(current?: Exercise): Promise<Exercise | undefined> {
    const catalog = await this.content.get();
    const next = recommendNext(catalog, this.progress.all, current?.id);
    if (!next) {
      void vscode.window.showInformationMessage('Every exercise is passed. Well done! Add your own tracks under .upskill/ to keep going.');
      return undefined;
    }
    await this.start(next);
    return next;
  }

  /** The exercise a command is about: its argument, the active editor's, or one the learner picks. */
  async resolve(arg: unknown, placeHolder: string, onlyStarted = false): Promise<Exercise | undefined> {
    const catalog = await this.content.get();
    const fromArg = exerciseFromArg(arg, catalog.exercises);
    if (fromArg) return fromArg;
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file') {
      const fromEditor = await this.exerciseForFile(active.fsPath);
      if (fromEditor) return fromEditor;
    }
    // The instructions preview (a webview) may have focus, with the code beside it: when
    // every visible file belongs to one exercise, that is the one.
    if (!vscode.window.activeTextEditor) {
      const visible = new Set<Exercise>();
      for (const e of vscode.window.visibleTextEditors) {
        if (e.document.uri.scheme !== 'file') continue;
        const ex = await this.exerciseForFile(e.document.uri.fsPath);
        if (ex) visible.add(ex);
      }
      if (visible.size === 1) return [...visible][0];
    }
    return pickExercise(catalog, this.progress.all, { placeHolder, onlyStarted });
  }
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
