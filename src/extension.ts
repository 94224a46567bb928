// Composition root: build the services and surfaces, register them, nothing else. Content
// loads when the Skills view or a command first asks for it, not here.

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { guarded } from './commands/boundary';
import { type ExerciseLinks, exerciseLinks } from './commands/exercise';
import { checklistLinks } from './commands/progress';
import { Commands, ContextKeys, StorageKeys, Views, WALKTHROUGH } from './constants';
import type { Fix } from './core/environment';
import type { ProgressMap } from './core/progress';
import { MINUTE_MS, TEST_MINUTE_ENV, timerMinuteMs } from './core/study';
import type { KeyValueStore } from './core/versionedStore';
import { ActiveExercise } from './services/activeExercise';
import { CheckService } from './services/checkService';
import { ContentService } from './services/contentService';
import { EnvironmentService } from './services/environment';
import { ExerciseService } from './services/exerciseService';
import { ProgressFollower } from './services/progressFollower';
import { StudyTimer } from './services/studyTimer';
import { PROGRESS_KEY, ProgressStore } from './state/progressStore';
import { FileCell } from './state/sharedCell';
import { STUDY_KEY, StudyStore } from './state/studyStore';
import { StudyTimerItem } from './statusBar/studyTimerItem';
import { CheckResults } from './views/checkResults';
import { ExerciseActions } from './views/exerciseActions';
import { SkillsTree } from './views/skillsTree';
import { ExerciseTerminals } from './views/exerciseTerminal';
import { FixTerminals } from './views/fixTerminal';
import type { ChecklistLinks } from './webview/checklistHost';
import { ChecklistView } from './webview/checklistView';
import { DashboardPanel } from './webview/dashboardPanel';
import { EnvironmentPanel } from './webview/environmentPanel';
import { AssessmentPanel } from './webview/assessmentPanel';
import { AssessService } from './services/assessService';
import { AssessmentStore } from './state/assessmentStore';
import { ExerciseView } from './webview/exerciseView';

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

  const progress = new ProgressStore(mementoStore(context.globalState));
  subs.push(progress);
  void progress.load().then(() => {
    if (progress.problem) {
      log.error(`Stored progress could not be read: ${progress.problem}`);
      void vscode.window.showWarningMessage(`Upskill could not read your stored progress, so it kept a copy and started afresh. ${progress.problem}`);
    }
  });

  const content = new ContentService(context.extensionPath, log, path.join(context.globalStorageUri.fsPath, 'content-cache.json'));
  subs.push(content);
  const exercises = new ExerciseService(content, progress, log);
  subs.push(exercises);
  // Probes nothing until Check Environment or a check asks.
  const environment = new EnvironmentService(content, exercises, log, context.globalStorageUri.fsPath);
  subs.push(environment);
  const checks = new CheckService(exercises, progress, log, Date.now, context.globalStorageUri.fsPath, environment);
  subs.push(checks);
  const active = new ActiveExercise(content, progress, exercises);
  subs.push(active);
  // The editor-title Check button shows on files of a started exercise.
  subs.push(active.onDidChangeEditor((e) => void vscode.commands.executeCommand('setContext', ContextKeys.inExercise, e !== undefined)));

  // Assessments of the learner's own projects: the tree and the Checklist count the
  // competencies a fix in a project showed.
  const assessments = new AssessmentStore(context.globalState, Date.now, (problem) => {
    log.error(`Stored project assessments could not be read: ${problem}`);
    void vscode.window.showWarningMessage(`Upskill could not read your stored project assessments, so it kept a copy and started afresh. ${problem}`);
  });
  const assessService = new AssessService(assessments);
  subs.push(assessService);
  const tree = new SkillsTree(content, progress, context.workspaceState, assessService);
  subs.push(tree);
  // Other windows' passes: read again on focus and when the Skills view is shown (the store
  // also merges before every write).
  subs.push(new ProgressFollower(progress, tree.view.onDidChangeVisibility, (e) => log.error(`Reading progress stored by another window failed: ${String(e)}`)));
  // The surfaces lead to one another (the Exercise view's buttons to actions that show
  // things in it, the Checklist to the dashboard): the links are made once every surface
  // exists, and the surfaces made before them reach them through these forwarders.
  const late: { links?: { readonly exercise: ExerciseLinks; readonly checklist: ChecklistLinks } } = {};
  const linked = () => {
    if (!late.links) throw new Error('Upskill is still starting; try again in a moment.');
    return late.links;
  };
  const panel = new ExerciseView(context.extensionUri, content, progress, exercises, checks, active, {
    act: (action, exercise) => linked().exercise.act(action, exercise),
    pick: () => linked().exercise.pick(),
  });
  subs.push(panel, vscode.window.registerWebviewViewProvider(Views.exercise, panel));
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
  const timer = new StudyTimer(studyStore, active, Date.now, minuteMs ?? MINUTE_MS);
  subs.push(timer);
  const timerItem = new StudyTimerItem(timer, content);
  subs.push(timerItem);
  // Reads the stored timer: a window reloaded while it held the timer picks it up again.
  void (vscode.window.state.focused ? timer.onFocus() : timer.sync());
  subs.push(exercises.onDidStart(() => void timer.autoStart()), checks.onDidCheck(() => void timer.autoStart()));
  const study = timer;
  const checklistDeps = {
    extensionUri: context.extensionUri,
    content,
    progress,
    log,
    study,
    links: {
      startExercise: (id: string) => linked().checklist.startExercise(id),
      openDashboard: () => linked().checklist.openDashboard(),
      exportLearningLog: () => linked().checklist.exportLearningLog(),
      assessProject: () => linked().checklist.assessProject(),
    },
    assessments: assessService,
  };
  const checklist = new ChecklistView(checklistDeps);
  subs.push(checklist, vscode.window.registerWebviewViewProvider(Views.checklist, checklist));
  const dashboard = new DashboardPanel(checklistDeps);
  subs.push(dashboard);
  const exerciseActions = new ExerciseActions(content, progress, exercises, panel);
  // A setup fix runs in its own terminal; the environment is reported again when it ends.
  const fixTerminals = new FixTerminals(log);
  subs.push(fixTerminals);
  const runFix = async (fix: Fix): Promise<boolean> => {
    const ok = await fixTerminals.run(fix, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir());
    await environment.report({ force: true });
    return ok;
  };
  const environmentPanel = new EnvironmentPanel(context.extensionUri, environment, runFix);
  subs.push(environmentPanel);
  const checkResults = new CheckResults(checks, exercises, log, {
    panelVisible: () => panel.visible,
    runFix,
    startExercise: (exercise) => linked().exercise.start(exercise),
    showExercise: (exercise) => linked().exercise.show(exercise),
    nextExercise: (exercise) => linked().exercise.next(exercise),
    checkEnvironment: guarded(log, Commands.checkEnvironment, () => environmentPanel.open()),
  });
  subs.push(checkResults);
  const terminals = new ExerciseTerminals(exercises, (exercise) => linked().exercise.start(exercise));
  subs.push(terminals);
  const assessment = new AssessmentPanel(context.extensionUri, assessService, content, progress);
  subs.push(assessment);

  const handlers = { log, content, progress, exercises: exerciseActions, checks: checkResults, panel, terminals, timer, timerItem, studyStore, dashboard, study, environment: environmentPanel, assessment, assessments };
  const exerciseLinked = exerciseLinks(handlers);
  late.links = { exercise: exerciseLinked, checklist: checklistLinks(handlers, exerciseLinked.startById) };
  subs.push(...registerCommands({ ...handlers, start: exerciseLinked.start }));
  subs.push(...contextKeys(progress, exercises, timer));
  openWalkthroughOnce(context.globalState);

  return {
    progressSnapshot: () => progress.all,
    resetExercise: async (id, options) => {
      const exercise = (await content.get()).exercises.get(id);
      if (!exercise) throw new Error(`No exercise "${id}".`);
      await exerciseActions.reset(exercise, options);
    },
    activeExerciseId: () => active.current?.id,
    pendingTimers: () => timer.scheduler.pending,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/**
 * Context keys for the palette's when-clauses and the walkthrough's completion events. Each
 * is set from state the extension already holds (no probing): the walkthrough's steps
 * complete only after the action really happened.
 */
function contextKeys(progress: ProgressStore, exercises: ExerciseService, timer: StudyTimer): vscode.Disposable[] {
  const set = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);
  const started = () => set(ContextKeys.hasStartedExercise, Object.values(progress.all).some((p) => p.state !== 'todo'));
  const timing = () => {
    set(ContextKeys.studyTimerRunning, timer.timer.status === 'running');
    set(ContextKeys.studyTimerActive, timer.timer.status !== 'stopped');
  };
  void progress.load().then(started);
  timing();
  return [
    progress.onDidChange(started),
    timer.onDidChange(timing),
    exercises.onDidStart(() => set(ContextKeys.startedAnExercise, true)),
  ];
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
