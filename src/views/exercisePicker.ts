// The "Start Exercise…" quick pick: every exercise once, grouped by skill, with its state
// and difficulty, why it matters on its detail line, searchable by title, skill and tag.
// On top: what is in progress ("Continue"), then the recommended next one when that is not
// started yet.

import * as vscode from 'vscode';
import { type Catalog, type Exercise, exercisesInOrder, exercisesOf } from '../core/model';
import { type ExerciseState, type ProgressMap, STATE_LABEL, progressOf, recommendNext } from '../core/progress';
import { STATE_CODICON } from './nodes';

interface ExerciseItem extends vscode.QuickPickItem {
  readonly exercise?: Exercise;
}

function item(catalog: Catalog, e: Exercise, state: ExerciseState, tag = ''): ExerciseItem {
  const skill = catalog.skills.get(e.skillId)?.title ?? e.skillId;
  return {
    label: `$(${STATE_CODICON[state]}) ${e.title}`,
    description: `${tag ? `${tag} · ` : ''}${skill} · ${e.difficulty} · ${STATE_LABEL[state]}`,
    // Why it matters, then the tags: a long why is cut off at the end of the line, and the
    // tags after it still match a search.
    detail: [e.kind === 'project' ? 'on your project' : '', e.minutes ? `about ${e.minutes} min` : '', e.why?.trim().replace(/\s+/g, ' ') ?? '', e.tags.map((t) => `#${t}`).join(' ')]
      .filter(Boolean)
      .join(' · '),
    exercise: e,
  };
}

export async function pickExercise(
  catalog: Catalog,
  progress: ProgressMap,
  options: { placeHolder: string; onlyStarted?: boolean },
): Promise<Exercise | undefined> {
  const items: ExerciseItem[] = [];
  const stateOf = (e: Exercise) => progressOf(progress, e.id).state;
  const onTop = new Set<string>();
  if (!options.onlyStarted) {
    const inProgress = exercisesInOrder(catalog).filter((e) => stateOf(e) === 'started');
    if (inProgress.length) items.push({ label: 'Continue', kind: vscode.QuickPickItemKind.Separator });
    for (const e of inProgress) {
      items.push(item(catalog, e, 'started', 'continue'));
      onTop.add(e.id);
    }
    const next = recommendNext(catalog, progress);
    if (next && !onTop.has(next.id)) {
      items.push({ label: 'Recommended', kind: vscode.QuickPickItemKind.Separator });
      items.push(item(catalog, next, stateOf(next), 'recommended'));
      onTop.add(next.id);
    }
  }
  for (const track of catalog.tracks) {
    for (const skillId of track.skillIds) {
      const exercises = exercisesOf(catalog, skillId).filter((e) => !onTop.has(e.id) && (!options.onlyStarted || stateOf(e) !== 'todo'));
      if (!exercises.length) continue;
      items.push({ label: catalog.skills.get(skillId)?.title ?? skillId, kind: vscode.QuickPickItemKind.Separator });
      for (const e of exercises) items.push(item(catalog, e, stateOf(e)));
    }
  }
  if (!items.some((i) => i.exercise)) {
    void vscode.window.showInformationMessage(options.onlyStarted ? 'No exercise has been started yet: run "Upskill: Start Exercise…" first.' : 'No exercises are loaded. See the Upskill output for content problems.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: options.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.exercise;
}
