// Every command registration in one place; each handler delegates in a line or two.

import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { Commands } from './constants';
import type { Exercise } from './core/model';
import type { ContentService } from './services/contentService';
import type { StudyTimeSource } from './services/studyTime';
import type { ProgressStore } from './state/progressStore';
import type { CheckResults } from './views/checkResults';
import type { ExerciseActions } from './views/exerciseActions';
import { exportLearningLog } from './views/learningLogExport';
import type { DashboardPanel } from './webview/dashboardPanel';

export interface Handlers {
  readonly log: vscode.LogOutputChannel;
  readonly content: ContentService;
  readonly progress: ProgressStore;
  readonly exercises: ExerciseActions;
  readonly checks: CheckResults;
  readonly dashboard: DashboardPanel;
  readonly study?: StudyTimeSource;
}

export function registerCommands(s: Handlers): vscode.Disposable[] {
  const withExercise =
    (placeHolder: string, run: (e: Exercise) => Promise<unknown>, onlyStarted = false) =>
    async (arg?: unknown) => {
      const exercise = await s.exercises.resolve(arg, placeHolder, onlyStarted);
      return exercise ? run(exercise) : undefined;
    };
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    [Commands.refresh]: () => s.content.reload(),
    [Commands.showOutput]: () => s.log.show(),
    [Commands.openInstructions]: withExercise('Open the instructions of which exercise?', (e) => s.exercises.openInstructions(e)),
    [Commands.startExercise]: withExercise('Start an exercise: type to search by title, skill or tag', (e) => s.exercises.start(e)),
    [Commands.checkExercise]: withExercise('Check which exercise?', (e) => s.checks.check(e), true),
    [Commands.showHint]: withExercise('Show a hint for which exercise?', (e) => s.exercises.showHint(e)),
    [Commands.showSolution]: withExercise('Show the solution of which exercise?', (e) => s.exercises.showSolution(e), true),
    [Commands.resetExercise]: withExercise('Reset which exercise?', (e) => s.exercises.reset(e), true),
    [Commands.nextExercise]: (arg?: unknown) => s.exercises.next(arg),
    [Commands.exportProgress]: () => exportProgress(s.progress),
    [Commands.importProgress]: () => importProgress(s.progress),
    [Commands.openDashboard]: () => s.dashboard.open(),
    [Commands.exportLearningLog]: () => exportLearningLog(s.content, s.progress, s.study),
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

async function exportProgress(progress: ProgressStore): Promise<void> {
  await progress.load();
  const target = await vscode.window.showSaveDialog({
    title: 'Export Upskill progress',
    filters: { JSON: ['json'] },
    defaultUri: vscode.Uri.file(`upskill-progress-${new Date().toISOString().slice(0, 10)}.json`),
  });
  if (!target) return;
  await fs.writeFile(target.fsPath, JSON.stringify(progress.export(), null, 2) + '\n', 'utf8');
  void vscode.window.showInformationMessage(`Progress exported to ${target.fsPath}.`);
}

async function importProgress(progress: ProgressStore): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ title: 'Import Upskill progress', filters: { JSON: ['json'] }, canSelectMany: false });
  const file = picked?.[0];
  if (!file) return;
  const changed = await progress.import(await fs.readFile(file.fsPath, 'utf8'));
  void vscode.window.showInformationMessage(
    changed ? `Imported progress: ${changed} exercise(s) updated. Passes are never lost in an import.` : 'Imported progress: nothing new.',
  );
}
