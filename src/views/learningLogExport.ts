// Upskill: Export Learning Log: asks where to save, writes the Markdown (core/learningLog.ts)
// and offers to open it.

import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { defaultSaveUri } from './saveTarget';
import { dayKey } from '../core/calendar';
import { DASHBOARD_WEEKS } from '../core/checklistModel';
import { learningLog } from '../core/learningLog';
import { myProjectSection } from '../core/assessmentModel';
import type { AssessmentStore } from '../state/assessmentStore';
import type { ContentService } from '../services/contentService';
import type { StudyTimeSource } from '../services/studyTime';
import type { ProgressStore } from '../state/progressStore';

export async function exportLearningLog(content: ContentService, progress: ProgressStore, study?: StudyTimeSource, assessments?: AssessmentStore): Promise<void> {
  const [catalog] = await Promise.all([content.get(), progress.load()]);
  const now = Date.now();
  const name = `upskill-learning-log-${dayKey(now)}.md`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export Upskill learning log',
    filters: { Markdown: ['md'] },
    defaultUri: defaultSaveUri(name),
  });
  if (!target) return;
  const stored = assessments ? await assessments.stored() : { folders: {}, shown: {} };
  const myProject = myProjectSection(stored.folders);
  await fs.writeFile(target.fsPath, learningLog(catalog, progress.snapshot, now, study?.summary(DASHBOARD_WEEKS), stored.shown) + (myProject.length ? `${myProject.join('\n')}\n` : ''), 'utf8');
  const open = await vscode.window.showInformationMessage(`Learning log written to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
  if (open) await vscode.commands.executeCommand('markdown.showPreview', target).then(undefined, () => vscode.window.showTextDocument(target));
}
