// "Start Your First Exercise…" (the walkthrough's second step): asks what the learner does
// most, then offers that focus's path with its first exercise marked as recommended, and
// starts the one picked as Start Exercise does.

import * as vscode from 'vscode';
import { FOCUS_CHOICES, type FocusChoice, pathFor } from '../core/gettingStarted';
import type { Exercise } from '../core/model';
import { STATE_LABEL, progressOf } from '../core/progress';
import type { ContentService } from '../services/contentService';
import type { ProgressStore } from '../state/progressStore';

const FOCUS_ICON: Record<FocusChoice['id'], string> = { notebooks: 'notebook', pipelines: 'server-process', production: 'cloud-upload' };

export async function getStarted(content: ContentService, progress: ProgressStore, start: (exercise: Exercise) => Promise<unknown>): Promise<void> {
  const catalog = await content.get();
  await progress.load();
  const focus = await vscode.window.showQuickPick(
    FOCUS_CHOICES.map((c) => ({ label: `$(${FOCUS_ICON[c.id]}) ${vscode.l10n.t(c.label)}`, detail: vscode.l10n.t(c.detail), choice: c })),
    { title: vscode.l10n.t('Upskill: Start Your First Exercise'), placeHolder: vscode.l10n.t('What do you do most?'), matchOnDetail: true },
  );
  if (!focus) return;
  const path = pathFor(catalog, progress.all, focus.choice.id);
  if (!path.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every exercise on this path is passed. Run "Upskill: Start Exercise…" to pick any other.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    path.map((e, i) => ({
      label: e.title,
      description: [i === 0 ? vscode.l10n.t('recommended') : '', catalog.skills.get(e.skillId)?.title ?? e.skillId, e.difficulty, STATE_LABEL[progressOf(progress.all, e.id).state]].filter(Boolean).join(' · '),
      detail: e.why?.trim().replace(/\s+/g, ' '),
      exercise: e,
    })),
    { title: vscode.l10n.t('A path for {0}', vscode.l10n.t(focus.choice.label).toLowerCase()), placeHolder: vscode.l10n.t('Start with the recommended exercise, or pick another on the path') },
  );
  if (picked) await start(picked.exercise);
}
