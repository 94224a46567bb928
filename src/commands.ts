// Every command registration in one place; each handler delegates in a line or two.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { Commands, WALKTHROUGH } from './constants';
import type { Exercise } from './core/model';
import type { ContentService } from './services/contentService';
import type { StudyTimeSource } from './services/studyTime';
import type { ProgressStore } from './state/progressStore';
import type { CheckResults } from './views/checkResults';
import type { StudyTimer } from './services/studyTimer';
import type { StudyStore } from './state/studyStore';
import type { StudyTimerItem } from './statusBar/studyTimerItem';
import type { ExerciseActions } from './views/exerciseActions';
import type { ExerciseTerminals } from './views/exerciseTerminal';
import type { ExerciseView } from './webview/exerciseView';
import { exportLearningLog } from './views/learningLogExport';
import type { DashboardPanel } from './webview/dashboardPanel';
import type { EnvironmentPanel } from './webview/environmentPanel';
import type { AssessmentPanel } from './webview/assessmentPanel';
import type { AssessmentStore } from './state/assessmentStore';
import { getStarted } from './views/getStarted';

export interface Handlers {
  readonly log: vscode.LogOutputChannel;
  readonly content: ContentService;
  readonly progress: ProgressStore;
  readonly exercises: ExerciseActions;
  readonly checks: CheckResults;
  readonly timer: StudyTimer;
  readonly timerItem: StudyTimerItem;
  readonly studyStore: StudyStore;
  readonly panel: ExerciseView;
  readonly terminals: ExerciseTerminals;
  readonly dashboard: DashboardPanel;
  readonly study?: StudyTimeSource;
  readonly environment: EnvironmentPanel;
  readonly assessment: AssessmentPanel;
  readonly assessments?: AssessmentStore;
}

export function registerCommands(s: Handlers): vscode.Disposable[] {
  const withExercise =
    (placeHolder: string, run: (e: Exercise) => Promise<unknown>, options: { onlyStarted?: boolean; alwaysPick?: boolean } = {}) =>
    async (arg?: unknown) => {
      const exercise = await s.exercises.resolve(arg, placeHolder, options);
      return exercise ? run(exercise) : undefined;
    };
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    [Commands.refresh]: () => s.content.reload(),
    [Commands.showOutput]: () => s.log.show(),
    [Commands.openInstructions]: withExercise('Open the instructions of which exercise?', (e) => s.exercises.openInstructions(e)),
    [Commands.startExercise]: withExercise('Start an exercise: type to search by title, skill or tag', (e) => s.exercises.start(e), { alwaysPick: true }),
    [Commands.checkExercise]: withExercise('Check which exercise?', (e) => s.checks.check(e), { onlyStarted: true }),
    [Commands.showHint]: withExercise('Show a hint for which exercise?', (e) => s.exercises.showHint(e)),
    [Commands.showSolution]: withExercise('Show the solution of which exercise?', (e) => s.exercises.showSolution(e), { onlyStarted: true }),
    [Commands.resetExercise]: withExercise('Reset which exercise?', (e) => s.exercises.reset(e), { onlyStarted: true }),
    [Commands.nextExercise]: (arg?: unknown) => s.exercises.next(arg),
    [Commands.exportProgress]: () => exportProgress(s.progress, s.studyStore),
    [Commands.importProgress]: () => importProgress(s.progress, s.studyStore),
    [Commands.startTimer]: () => s.timer.start(),
    [Commands.pauseTimer]: () => s.timer.pause(),
    [Commands.stopTimer]: () => s.timer.stop(),
    [Commands.toggleTimer]: () => s.timer.toggle(),
    [Commands.setWeeklyGoal]: () => s.timerItem.setWeeklyGoal(),
    [Commands.showStudyTime]: () => s.timerItem.showStudyTime(),
    [Commands.showExercise]: withExercise('Show which exercise?', (e) => s.panel.show(e, { preserveFocus: true })),
    [Commands.openTerminal]: withExercise('Open a terminal for which exercise?', (e) => s.terminals.open(e), { onlyStarted: true }),
    [Commands.openDashboard]: () => s.dashboard.open(),
    [Commands.exportLearningLog]: () => exportLearningLog(s.content, s.progress, s.study, s.assessments),
    [Commands.checkEnvironment]: () => s.environment.open(),
    [Commands.getStarted]: () => getStarted(s.content, s.progress),
    [Commands.assessProject]: () => s.assessment.run(),
    [Commands.openWalkthrough]: () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false),
  };
  return Object.entries(commands).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (e) {
        s.log.error(`${id} failed: ${(e as Error).stack ?? e}`);
        void vscode.window.showErrorMessage(`Upskill: ${(e as Error).message}`, 'Show Output').then((a) => a && s.log.show(true));
        return undefined;
      }
    }),
  );
}

async function exportProgress(progress: ProgressStore, study: StudyStore): Promise<void> {
  await progress.load();
  const target = await vscode.window.showSaveDialog({
    title: 'Export Upskill progress',
    filters: { JSON: ['json'] },
    // Beside the work (the workspace folder), else in the home folder; never the file system root.
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), `upskill-progress-${new Date().toISOString().slice(0, 10)}.json`),
  });
  if (!target) return;
  const exported = { ...progress.export(), study: await study.exportLog() };
  await fs.writeFile(target.fsPath, JSON.stringify(exported, null, 2) + '\n', 'utf8');
  void vscode.window.showInformationMessage(`Progress exported to ${target.fsPath}.`);
}

async function importProgress(progress: ProgressStore, study: StudyStore): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ title: 'Import Upskill progress', filters: { JSON: ['json'] }, canSelectMany: false });
  const file = picked?.[0];
  if (!file) return;
  const text = await fs.readFile(file.fsPath, 'utf8');
  const changed = await progress.import(text);
  // Study time came with progress exports from the timer's first version on; older files have none.
  const studyLog = (JSON.parse(text) as { study?: unknown }).study;
  if (studyLog !== undefined) await study.importLog(studyLog);
  void vscode.window.showInformationMessage(
    changed ? `Imported progress: ${changed} exercise(s) updated. Passes are never lost in an import.` : 'Imported progress: nothing new.',
  );
}
