// Composition root: build the services, register them, nothing else. Content loads when
// the Skills view first asks for it, not here.

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ContextKeys, Settings, Views } from './constants';
import type { ProgressMap } from './core/progress';
import type { KeyValueStore } from './core/versionedStore';
import { CheckService } from './services/checkService';
import { ContentService } from './services/contentService';
import { ExerciseService } from './services/exerciseService';
import { PROGRESS_KEY, ProgressStore } from './state/progressStore';
import { SkillsTree } from './views/skillsTree';
import { ChecklistView } from './webview/checklistView';

/** What activate() returns: read-only views for other extensions and the in-host tests. */
export interface UpskillApi {
  progressSnapshot(): ProgressMap;
  resetExercise(id: string, options: { confirm: boolean }): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): UpskillApi | undefined {
  const log = vscode.window.createOutputChannel('Upskill', { log: true });
  context.subscriptions.push(log);
  try {
    return activateInner(context, log);
  } catch (e) {
    log.error(`Upskill could not start: ${(e as Error).stack ?? e}`);
    void vscode.window.showErrorMessage(`Upskill could not start: ${(e as Error).message}`, 'Show Output').then((a) => a && log.show());
    return undefined;
  }
}

function activateInner(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): UpskillApi {
  const subs = context.subscriptions;
  context.globalState.setKeysForSync([PROGRESS_KEY]);

  const progress = new ProgressStore(mementoStore(context.globalState));
  subs.push(progress);
  void progress.load().then(() => {
    if (progress.problem) {
      log.error(`Stored progress could not be read: ${progress.problem}`);
      void vscode.window.showWarningMessage(`Upskill could not read your stored progress, so it kept a copy and started afresh. ${progress.problem}`);
    }
  });

  // globalState has no change event: another window's writes are picked up when this
  // window gains focus (and before every write, inside the store).
  subs.push(
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) void progress.reloadFromStore();
    }),
  );

  const content = new ContentService(context.extensionPath, log);
  subs.push(content);
  const tree = new SkillsTree(content, progress, context.workspaceState);
  subs.push(tree);
  const checklist = new ChecklistView(context.extensionUri, content, progress);
  subs.push(checklist, vscode.window.registerWebviewViewProvider(Views.checklist, checklist));

  const exercises = new ExerciseService(content, progress, log);
  subs.push(exercises);
  const checks = new CheckService(exercises, progress, log, Date.now, context.globalStorageUri.fsPath);
  subs.push(checks);

  subs.push(...registerCommands({ log, content, progress, exercises, checks }));

  const updateInExercise = async (editor?: vscode.TextEditor) => {
    const uri = editor?.document.uri;
    const exercise = uri?.scheme === 'file' ? await exercises.exerciseForFile(uri.fsPath) : undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.inExercise, exercise !== undefined);
  };
  subs.push(vscode.window.onDidChangeActiveTextEditor((e) => void updateInExercise(e)));
  subs.push(progress.onDidChange(() => void updateInExercise(vscode.window.activeTextEditor)));
  subs.push(
    vscode.workspace.onDidSaveTextDocument(async (doc) => {
      if (doc.uri.scheme !== 'file' || !vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.checkOnSave, false)) return;
      const exercise = await exercises.exerciseForFile(doc.uri.fsPath);
      if (exercise && !checks.isRunning(exercise.id)) void checks.check(exercise);
    }),
  );

  return {
    progressSnapshot: () => progress.all,
    resetExercise: async (id, options) => {
      const exercise = (await content.get()).exercises.get(id);
      if (!exercise) throw new Error(`No exercise "${id}".`);
      await exercises.reset(exercise, options);
      checks.clear(id);
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function mementoStore(memento: vscode.Memento): KeyValueStore {
  return {
    get: (key) => memento.get(key),
    update: (key, value) => memento.update(key, value),
    keys: () => memento.keys(),
  };
}
