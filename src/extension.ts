// Composition root: what the first paint needs (the study timer's status-bar item, the
// stores behind it and behind the palette's when-clauses), every command and view
// registered, nothing else. What stands behind the views and most commands (the catalog,
// exercises, checks, the tree's model, the webviews' hosts) is src/workbench.ts, a bundle
// of its own (dist/workbench.js) loaded the first time a view or a command needs it.

import * as path from 'path';
import * as vscode from 'vscode';
import { registerCommands } from './commands/boundary';
import { timerCommands } from './commands/timer';
import { ContextKeys, Panels, StorageKeys, Views, WALKTHROUGH } from './constants';
import { OnFirstUse } from './core/onFirstUse';
import type { ProgressMap } from './core/progress';
import { MINUTE_MS, TEST_MINUTE_ENV, timerMinuteMs } from './core/study';
import type { KeyValueStore } from './core/versionedStore';
import { ProgressFollower } from './services/progressFollower';
import { AttributionOnFirstUse, StudyTimer } from './services/studyTimer';
import { PROGRESS_KEY, ProgressStore } from './state/progressStore';
import { FileCell } from './state/sharedCell';
import { STUDY_KEY, StudyStore } from './state/studyStore';
import { StudyTimerItem } from './statusBar/studyTimerItem';
import type { SkillsNode } from './views/nodes';
import { TreeOnFirstUse, serializerOnFirstUse, webviewViewOnFirstUse } from './views/onFirstUse';
import type { Shell, Workbench } from './workbench';

/** What activate() returns: read-only views for other extensions and the in-host tests. */
export interface UpskillApi {
  progressSnapshot(): ProgressMap;
  resetExercise(id: string, options: { confirm: boolean }): Promise<void>;
  /** The id of the exercise being worked on (see ActiveExercise), if any. */
  activeExerciseId(): string | undefined;
  /** Timeouts the study timer has scheduled (none while it is stopped). */
  pendingTimers(): number;
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
  // Progress and study time follow the learner to other machines; the timer's running state does not.
  context.globalState.setKeysForSync([PROGRESS_KEY, STUDY_KEY]);

  // Progress: the palette's Check, Reset and the rest show once an exercise was started.
  const progress = new ProgressStore(mementoStore(context.globalState));
  subs.push(progress);
  void progress.load().then(() => {
    if (progress.problem) {
      log.error(`Stored progress could not be read: ${progress.problem}`);
      void vscode.window.showWarningMessage(`Upskill could not read your stored progress, so it kept a copy and started afresh. ${progress.problem}`);
    }
  });

  // Everything else, the first time a view or a command needs it (never during activate():
  // VS Code calls views and commands after it returns, so `shell` below is made by then).
  const workbench = new OnFirstUse<Workbench>(async () => {
    const started = performance.now();
    try {
      const made = (await import('./workbench')).createWorkbench(shell);
      log.info(`Loaded the views and services in ${(performance.now() - started).toFixed(0)} ms.`);
      return made;
    } catch (e) {
      log.error(`Upskill could not load its views and services: ${(e as Error).stack ?? e}`);
      throw e;
    }
  });

  // The study timer: its store, the lease-holding service and the status-bar item. It is
  // also where the Checklist, the dashboard and the learning log read study time.
  const studyStore = new StudyStore(mementoStore(context.globalState), Date.now, new FileCell(path.join(context.globalStorageUri.fsPath, 'study-state.json')));
  subs.push(studyStore);
  // TEST ONLY: the e2e tests shorten the timer's minute through an environment variable,
  // read here once; for a learner it is unset and a minute is 60 s (see timerMinuteMs).
  const minuteEnv = process.env[TEST_MINUTE_ENV];
  const minuteMs = timerMinuteMs(minuteEnv);
  if (minuteMs === undefined) log.warn(`${TEST_MINUTE_ENV}=${JSON.stringify(minuteEnv)} is not a whole number of milliseconds from 100 to 60000: the study timer keeps its 60-second minute.`);
  else if (minuteMs !== MINUTE_MS) log.warn(`${TEST_MINUTE_ENV} is set: the study timer's minute lasts ${minuteMs} ms (a test-only setting).`);
  const attribution = new AttributionOnFirstUse();
  subs.push(attribution);
  const timer = new StudyTimer(studyStore, attribution, Date.now, minuteMs ?? MINUTE_MS);
  subs.push(timer);
  const timerItem = new StudyTimerItem(timer, {
    titleOf: (id) => workbench.value?.content.loaded?.skills.get(id)?.title,
    load: async () => (await workbench.get()).content.get(),
  });
  subs.push(timerItem);
  // Reads the stored timer (a window reloaded while it held the timer picks it up again);
  // the item shows with what it read.
  void (vscode.window.state.focused ? timer.onFocus() : timer.sync())
    .catch((e) => log.error(`Reading the stored study timer failed: ${(e as Error).stack ?? e}`))
    .finally(() => timerItem.show());

  // The views, registered now and made on first use.
  const skills = new TreeOnFirstUse<SkillsNode>(async () => (await workbench.get()).tree);
  const skillsView = vscode.window.createTreeView(Views.skills, { treeDataProvider: skills, showCollapseAll: true });
  subs.push(skills, skillsView);
  subs.push(vscode.window.registerWebviewViewProvider(Views.exercise, webviewViewOnFirstUse(async () => (await workbench.get()).exerciseView)));
  subs.push(vscode.window.registerWebviewViewProvider(Views.checklist, webviewViewOnFirstUse(async () => (await workbench.get()).checklist)));
  subs.push(vscode.window.registerWebviewPanelSerializer(Panels.dashboard, serializerOnFirstUse(async () => (await workbench.get()).dashboard)));
  // Other windows' passes: read again on focus, when the Skills view is shown and when a
  // skill is opened in it (the store also merges before every write).
  subs.push(new ProgressFollower(progress, skillsView.onDidChangeVisibility, skillsView.onDidExpandElement, (e) => log.error(`Reading progress stored by another window failed: ${String(e)}`)));

  const shell: Shell = { context, log, progress, studyStore, timer, timerItem, attribution, skillsView };

  subs.push(...registerCommands(log, timerCommands({ timer, timerItem }), async () => (await workbench.get()).commands));
  subs.push(...contextKeys(progress, timer));
  openWalkthroughOnce(context.globalState);

  return {
    progressSnapshot: () => progress.all,
    resetExercise: async (id, options) => (await workbench.get()).resetExercise(id, options),
    // Before the workbench is made, no catalog is loaded, so no exercise is active.
    activeExerciseId: () => workbench.value?.active.current?.id,
    pendingTimers: () => timer.scheduler.pending,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/**
 * Context keys for the palette's when-clauses and the walkthrough's completion events. Each
 * is set from state the extension already holds (no probing): the walkthrough's steps
 * complete only after the action really happened. (`inExercise` and `startedAnExercise`
 * follow exercises, which the workbench sets.)
 */
function contextKeys(progress: ProgressStore, timer: StudyTimer): vscode.Disposable[] {
  const set = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
  const started = () => set(ContextKeys.hasStartedExercise, Object.values(progress.all).some((p) => p.state !== 'todo'));
  const timing = () => {
    set(ContextKeys.studyTimerRunning, timer.timer.status === 'running');
    set(ContextKeys.studyTimerActive, timer.timer.status !== 'stopped');
  };
  void progress.load().then(started);
  timing();
  return [progress.onDidChange(started), timer.onDidChange(timing)];
}

/**
 * The walkthrough opens by itself once, on the first start, unless the learner turned off
 * walkthroughs opening on install (VS Code's own setting for this).
 */
function openWalkthroughOnce(state: vscode.Memento): void {
  if (state.get<boolean>(StorageKeys.walkthroughShown)) return;
  void state.update(StorageKeys.walkthroughShown, true);
  if (!vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall', true)) return;
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
}

function mementoStore(memento: vscode.Memento): KeyValueStore {
  return {
    get: (key) => memento.get(key),
    update: (key, value) => memento.update(key, value),
    keys: () => memento.keys(),
  };
}
