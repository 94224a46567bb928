// The second composition root: everything the first paint does not need (the catalog, the
// exercises and checks, the Skills tree's model, the webviews' hosts, the commands other
// than the study timer's). extension.ts builds what shows at start-up and registers every
// command and view; their first use loads this as dist/workbench.js and calls
// createWorkbench once. Construction and wiring only, as in extension.ts.

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { workbenchCommands } from './commands';
import { type CommandTable, guarded } from './commands/boundary';
import { type ExerciseLinks, exerciseLinks } from './commands/exercise';
import { checklistLinks } from './commands/progress';
import { Commands, ContextKeys } from './constants';
import type { Fix } from './core/environment';
import { ActiveExercise } from './services/activeExercise';
import { AssessService } from './services/assessService';
import { CheckService } from './services/checkService';
import { ContentService } from './services/contentService';
import { EnvironmentService } from './services/environment';
import { ExerciseService } from './services/exerciseService';
import type { AttributionOnFirstUse, StudyTimer } from './services/studyTimer';
import { AssessmentStore } from './state/assessmentStore';
import type { ProgressStore } from './state/progressStore';
import type { StudyStore } from './state/studyStore';
import type { StudyTimerItem } from './statusBar/studyTimerItem';
import { CheckResults } from './views/checkResults';
import { ExerciseActions } from './views/exerciseActions';
import { ExerciseTerminals } from './views/exerciseTerminal';
import { FixTerminals } from './views/fixTerminal';
import type { SkillsNode } from './views/nodes';
import { SkillsTree } from './views/skillsTree';
import { AssessmentPanel } from './webview/assessmentPanel';
import type { ChecklistLinks } from './webview/checklistHost';
import { ChecklistView } from './webview/checklistView';
import { DashboardPanel } from './webview/dashboardPanel';
import { EnvironmentPanel } from './webview/environmentPanel';
import { ExerciseView } from './webview/exerciseView';

/** What activation built and hands over: the log, the stores and the study timer, the Skills view. */
export interface Shell {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly progress: ProgressStore;
  readonly studyStore: StudyStore;
  readonly timer: StudyTimer;
  readonly timerItem: StudyTimerItem;
  /** Where the timer attributes time: the exercise being worked on, once this exists. */
  readonly attribution: AttributionOnFirstUse;
  readonly skillsView: vscode.TreeView<SkillsNode>;
}

/** What extension.ts's stand-ins (views, commands, the dashboard's serializer) hand on to. */
export interface Workbench {
  readonly content: ContentService;
  readonly active: ActiveExercise;
  readonly tree: SkillsTree;
  readonly exerciseView: ExerciseView;
  readonly checklist: ChecklistView;
  readonly dashboard: DashboardPanel;
  readonly commands: CommandTable;
  resetExercise(id: string, options: { confirm: boolean }): Promise<void>;
}

export function createWorkbench(shell: Shell): Workbench {
  const { context, log, progress, studyStore, timer, timerItem } = shell;
  const subs = context.subscriptions;

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
  shell.attribution.attach(active);
  // The editor-title Check button shows on files of a started exercise.
  subs.push(active.onDidChangeEditor((e) => void vscode.commands.executeCommand('setContext', ContextKeys.inExercise, e !== undefined)));
  subs.push(exercises.onDidStart(() => void vscode.commands.executeCommand('setContext', ContextKeys.startedAnExercise, true)));
  subs.push(exercises.onDidStart(() => void timer.autoStart()), checks.onDidCheck(() => void timer.autoStart()));

  // Assessments of the learner's own projects: the tree and the Checklist count the
  // competencies a fix in a project showed.
  const assessments = new AssessmentStore(context.globalState, Date.now, (problem) => {
    log.error(`Stored project assessments could not be read: ${problem}`);
    void vscode.window.showWarningMessage(`Upskill could not read your stored project assessments, so it kept a copy and started afresh. ${problem}`);
  });
  const assessService = new AssessService(assessments);
  subs.push(assessService);
  const tree = new SkillsTree(content, progress, context.workspaceState, shell.skillsView, assessService);
  subs.push(tree);
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
  subs.push(panel);
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
  subs.push(checklist);
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

  return {
    content,
    active,
    tree,
    exerciseView: panel,
    checklist,
    dashboard,
    commands: workbenchCommands({ ...handlers, start: exerciseLinked.start }),
    resetExercise: async (id, options) => {
      const exercise = (await content.get()).exercises.get(id);
      if (!exercise) throw new Error(`No exercise "${id}".`);
      await exerciseActions.reset(exercise, options);
    },
  };
}
