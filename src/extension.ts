// Composition root: build the services and surfaces, register them, nothing else. Content
// loads when the Skills view or a command first asks for it, not here.

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ContextKeys, Views } from './constants';
import type { ProgressMap } from './core/progress';
import type { KeyValueStore } from './core/versionedStore';
import { ActiveExercise } from './services/activeExercise';
import { CheckService } from './services/checkService';
import { ContentService } from './services/contentService';
import { ExerciseService } from './services/exerciseService';
import { PROGRESS_KEY, ProgressStore } from './state/progressStore';
import { CheckResults } from './views/checkResults';
import { ExerciseActions } from './views/exerciseActions';
import { SkillsTree } from './views/skillsTree';
import type { StudyTimeSource } from './services/studyTime';
import { ChecklistView } from './webview/checklistView';
import { DashboardPanel } from './webview/dashboardPanel';

/** What activate() returns: read-only views for other extensions and the in-host tests. */
export interface UpskillApi {
  progressSnapshot(): ProgressMap;
  resetExercise(id: string, options: { confirm: boolean }): Promise<void>;
  /** The id of the exercise being worked on (see ActiveExercise), if any. */
  activeExerciseId(): string | undefined;
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
      if (state.focused || state.active) void progress.reloadFromStore();
    }),
  );

  const content = new ContentService(context.extensionPath, log);
  subs.push(content);
  const exercises = new ExerciseService(content, progress, log);
  subs.push(exercises);
  const checks = new CheckService(exercises, progress, log);
  subs.push(checks);
  const active = new ActiveExercise(content, progress, exercises);
  subs.push(active);
  // The editor-title Check button shows on files of a started exercise.
  subs.push(active.onDidChangeEditor((e) => void vscode.commands.executeCommand('setContext', ContextKeys.inExercise, e !== undefined)));

  const tree = new SkillsTree(content, progress, context.workspaceState);
  subs.push(tree);
  // The study timer plugs in here once it exists; until then the Checklist shows no study time.
  const study: StudyTimeSource | undefined = undefined;
  const checklistDeps = { extensionUri: context.extensionUri, content, progress, log, study };
  const checklist = new ChecklistView(checklistDeps);
  subs.push(checklist, vscode.window.registerWebviewViewProvider(Views.checklist, checklist));
  const dashboard = new DashboardPanel(checklistDeps);
  subs.push(dashboard);
  const exerciseActions = new ExerciseActions(content, progress, exercises);
  const checkResults = new CheckResults(checks, exercises, log);
  subs.push(checkResults);

  subs.push(...registerCommands({ log, content, progress, exercises: exerciseActions, checks: checkResults, dashboard, study }));

  return {
    progressSnapshot: () => progress.all,
    resetExercise: async (id, options) => {
      const exercise = (await content.get()).exercises.get(id);
      if (!exercise) throw new Error(`No exercise "${id}".`);
      await exerciseActions.reset(exercise, options);
    },
    activeExerciseId: () => active.current?.id,
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
