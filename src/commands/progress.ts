// The progress commands: export and import (the save and open dialogs and the file they
// write or read), the dashboard, the learning log and Assess My Project.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ContentService } from '../services/contentService';
import type { StudyTimeSource } from '../services/studyTime';
import type { ProgressStore } from '../state/progressStore';
import type { StudyStore } from '../state/studyStore';
import { exportLearningLog } from '../views/learningLogExport';
import type { ChecklistLinks } from '../webview/checklistHost';
import type { AssessmentStore } from '../state/assessmentStore';
import type { AssessmentPanel } from '../webview/assessmentPanel';
import type { DashboardPanel } from '../webview/dashboardPanel';
import { guarded } from './boundary';

export interface ProgressHandlers {
  readonly content: ContentService;
  readonly progress: ProgressStore;
  readonly studyStore: StudyStore;
  readonly dashboard: DashboardPanel;
  readonly study?: StudyTimeSource;
  readonly assessment: AssessmentPanel;
  readonly assessments?: AssessmentStore;
}

export function progressCommands(s: ProgressHandlers): Record<string, (...args: unknown[]) => unknown> {
  return {
    [Commands.exportProgress]: () => exportProgress(s.progress, s.studyStore),
    [Commands.importProgress]: () => importProgress(s.progress, s.studyStore),
    [Commands.openDashboard]: () => s.dashboard.open(),
    [Commands.exportLearningLog]: () => exportLearningLog(s.content, s.progress, s.study, s.assessments),
    [Commands.assessProject]: () => s.assessment.run(),
  };
}

/** Where the Checklist's buttons lead, behind the same error boundary as the commands. */
export function checklistLinks(s: ProgressHandlers & { readonly log: vscode.LogOutputChannel }, startById: (exerciseId: string) => Promise<unknown>): ChecklistLinks {
  return {
    startExercise: startById,
    openDashboard: guarded(s.log, Commands.openDashboard, () => s.dashboard.open()),
    exportLearningLog: guarded(s.log, Commands.exportLearningLog, () => exportLearningLog(s.content, s.progress, s.study, s.assessments)),
    assessProject: guarded(s.log, Commands.assessProject, () => s.assessment.run()),
  };
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
