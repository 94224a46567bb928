// Exercises on disk and in progress: where they live, which exercise a file belongs to,
// starting, resetting, hints and the reference solution. It returns what happened and
// fires events; asking and telling the learner is src/views/exerciseActions.ts's job.

import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BACKUPS_DIR, EXERCISES_DIR, Settings } from '../constants';
import { Emitter } from '../core/events';
import { backupFolder, copyMissing, exists, listFiles, restoreStarter } from '../core/exerciseFiles';
import { DisposableBase } from '../core/lifecycle';
import type { Catalog, Exercise } from '../core/model';
import { isInside } from '../core/paths';
import { markStarted, recommendNext, recordHint, recordSolutionViewed } from '../core/progress';
import type { ProgressStore } from '../state/progressStore';
import type { ContentService } from './contentService';

export type StartResult =
  /** Started or reopened in `dir`. */
  | { readonly status: 'started'; readonly dir: string }
  /** A project exercise, and no folder is open to work on. */
  | { readonly status: 'needsWorkspace' }
  /** No folder for exercises was chosen. */
  | { readonly status: 'noFolder' };

export type ResetResult =
  | { readonly status: 'reset'; readonly backup: string }
  | { readonly status: 'project' | 'notStarted' | 'declined' };

export class ExerciseService extends DisposableBase {
  private readonly started = this.register(new Emitter<Exercise>());
  /** Fires when an exercise is started or reopened. */
  readonly onDidStart = this.started.event;
  private readonly wasReset = this.register(new Emitter<Exercise>());
  /** Fires when an exercise's folder is back to its starter files. */
  readonly onDidReset = this.wasReset.event;

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

  /** Whether start() goes ahead at once: no question (where exercises live), and for a project exercise, a folder open. */
  startsWithoutAsking(exercise: Exercise): boolean {
    return exercise.kind === 'project' ? vscode.workspace.workspaceFolders?.[0] !== undefined : this.exercisesRoot() !== undefined;
  }

  /** Where the learner works on this exercise: their copy, or the workspace for project exercises. */
  workDir(exercise: Exercise): string | undefined {
    if (exercise.kind === 'project') return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const recorded = this.progress.get(exercise.id).folder;
    if (recorded) return recorded;
    const root = this.exercisesRoot();
    return root && path.join(root, exercise.id);
  }

  /** The work folder if it exists, that is, once the exercise has been started. */
  async startedDir(exercise: Exercise): Promise<string | undefined> {
    const dir = this.workDir(exercise);
    return dir && (await exists(dir)) ? dir : undefined;
  }

  /** The started exercise a file belongs to, if any. */
  async exerciseForFile(file: string): Promise<Exercise | undefined> {
    return this.exerciseIn(await this.content.get(), file);
  }

  /** The same lookup in a catalog already at hand. */
  exerciseIn(catalog: Catalog, file: string): Exercise | undefined {
    for (const exercise of catalog.exercises.values()) {
      if (exercise.kind === 'project' || this.progress.get(exercise.id).state === 'todo') continue;
      const dir = this.workDir(exercise);
      if (dir && isInside(dir, file)) return exercise;
    }
    return undefined;
  }

  /**
   * Copies the starter into a new folder (or reopens the folder it has) and records the
   * start. `askForRoot` is called only when there is no workspace folder and no
   * `upskill.exercisesFolder`; what it returns is remembered in that setting.
   */
  async start(exercise: Exercise, askForRoot: () => Promise<string | undefined>): Promise<StartResult> {
    if (exercise.kind === 'project') {
      const ws = vscode.workspace.workspaceFolders?.[0];
      if (!ws) return { status: 'needsWorkspace' };
      return this.recordStart(exercise, ws.uri.fsPath);
    }
    if (!exercise.starter) throw new Error(`Exercise "${exercise.id}" has no starter folder.`);
    const recorded = this.progress.get(exercise.id).folder;
    if (recorded && (await exists(recorded))) return this.recordStart(exercise, recorded);
    const root = this.exercisesRoot() ?? (await this.rememberRoot(await askForRoot()));
    if (!root) return { status: 'noFolder' };
    const dir = path.join(root, exercise.id);
    if (await exists(dir)) {
      this.log.info(`Reopening ${exercise.id} in ${dir}: the folder exists, so nothing was copied.`);
    } else {
      const copied = await copyMissing(path.join(exercise.dir, exercise.starter), dir);
      this.log.info(`Started ${exercise.id}: copied ${copied.length} starter file(s) to ${dir}.`);
    }
    return this.recordStart(exercise, dir);
  }

  private async rememberRoot(folder: string | undefined): Promise<string | undefined> {
    if (folder) await vscode.workspace.getConfiguration(Settings.section).update(Settings.exercisesFolder, folder, vscode.ConfigurationTarget.Global);
    return folder;
  }

  private async recordStart(exercise: Exercise, dir: string): Promise<StartResult> {
    await this.progress.update(exercise.id, (p) => markStarted(p, this.clock(), dir));
    this.started.fire(exercise);
    return { status: 'started', dir };
  }

  /**
   * Puts the starter files back after keeping the learner's in a timestamped backup.
   * `confirm` is asked with the backups folder first; `undefined` means the caller asked already.
   */
  async reset(exercise: Exercise, confirm?: (backups: string) => Promise<boolean>): Promise<ResetResult> {
    if (exercise.kind === 'project' || !exercise.starter) return { status: 'project' };
    const dir = await this.startedDir(exercise);
    if (!dir) return { status: 'notStarted' };
    const backups = path.join(path.dirname(dir), BACKUPS_DIR);
    if (confirm && !(await confirm(backups))) return { status: 'declined' };
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
    this.wasReset.fire(exercise);
    return { status: 'reset', backup };
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

  /** Records one more hint as revealed and returns how many are revealed now (hints are shown in order). */
  async revealHint(exercise: Exercise): Promise<number> {
    const n = (await this.progress.update(exercise.id, (q) => recordHint(q, exercise.hints.length))).hintsUsed;
    this.log.info(`Hint ${n}/${exercise.hints.length} for ${exercise.id}: ${exercise.hints[n - 1]}`);
    return n;
  }

  /** Files of the reference solution, relative to its folder; [] when there is none. */
  async solutionFiles(exercise: Exercise): Promise<string[]> {
    return exercise.solution ? listFiles(path.join(exercise.dir, exercise.solution)) : [];
  }

  /** Records that the solution was viewed; returns the reference file and the learner's copy of it, if there is one. */
  async viewSolution(exercise: Exercise, file: string): Promise<{ readonly reference: string; readonly mine?: string }> {
    if (!exercise.solution) throw new Error(`Exercise "${exercise.id}" has no reference solution.`);
    await this.progress.update(exercise.id, (p) => recordSolutionViewed(p, this.clock()));
    const reference = path.join(exercise.dir, exercise.solution, file);
    const dir = this.workDir(exercise);
    const mine = dir && path.join(dir, file);
    return mine && (await exists(mine)) ? { reference, mine } : { reference };
  }

  /** The recommended exercise after `current` (or the next one overall); undefined when every one is passed. */
  async nextAfter(current?: Exercise): Promise<Exercise | undefined> {
    return recommendNext(await this.content.get(), this.progress.all, current?.id);
  }
}
