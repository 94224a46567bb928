// Tree items for the Skills view. Each has a stable id so that expansion, selection and
// reveal() survive refreshes and reloads.

import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ContentError, Exercise, Skill, Track } from '../core/model';
import { type ExerciseState, STATE_LABEL, type Tally, skillState } from '../core/progress';

export type SkillsNode = TrackNode | SkillNode | ExerciseNode | ProblemsNode | ProblemNode;

/** Codicons for an exercise's state, in the tree and in the quick pick: three shapes, so colour is never the only cue. */
export const STATE_CODICON: Record<ExerciseState, string> = { todo: 'circle-large-outline', started: 'edit', passed: 'pass-filled' };

const STATE_COLOR: Partial<Record<ExerciseState, string>> = { started: 'charts.yellow', passed: 'testing.iconPassed' };

const stateIcons = new Map<ExerciseState, vscode.ThemeIcon>();

/** The icon of a state: one instance each, shared by every node in that state. */
export function stateIcon(state: ExerciseState): vscode.ThemeIcon {
  let icon = stateIcons.get(state);
  if (!icon) {
    const color = STATE_COLOR[state];
    icon = new vscode.ThemeIcon(STATE_CODICON[state], color ? new vscode.ThemeColor(color) : undefined);
    stateIcons.set(state, icon);
  }
  return icon;
}

function sourceSuffix(source: { kind: string; label: string }): string {
  return source.kind === 'builtin' ? '' : ` · ${source.label}`;
}

export class TrackNode extends vscode.TreeItem {
  readonly kind = 'track';
  constructor(
    readonly track: Track,
    tally: Tally,
    expanded: boolean,
  ) {
    super(track.title, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `track:${track.id}`;
    this.description = `${tally.passed}/${tally.total}${sourceSuffix(track.source)}`;
    this.tooltip = new vscode.MarkdownString(`**${track.title}**\n\n${track.summary}\n\n${tally.passed} of ${tally.total} exercises passed.`);
    this.iconPath = new vscode.ThemeIcon(track.source.kind === 'builtin' ? 'library' : 'folder-library');
    this.contextValue = `track.${track.source.kind}`;
  }
}

export class SkillNode extends vscode.TreeItem {
  readonly kind = 'skill';
  constructor(
    readonly skill: Skill,
    readonly tally: Tally,
    expanded: boolean,
    /** Competencies met, of `skill.checklist`. */
    met = 0,
  ) {
    super(
      skill.title,
      tally.total === 0
        ? vscode.TreeItemCollapsibleState.None
        : expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = `skill:${skill.id}`;
    const progress = tally.total === 0 ? 'no exercises yet' : `${tally.passed}/${tally.total}`;
    const competencies = skill.checklist.length ? ` · ${met}/${skill.checklist.length} competencies` : '';
    this.description = `${progress}${competencies}${sourceSuffix(skill.source)}`;
    const md = new vscode.MarkdownString(`**${skill.title}** — ${progress}\n\n${skill.why}`);
    if (skill.checklist.length) md.appendMarkdown(`\n\n${met} of ${skill.checklist.length} competencies met (see the Checklist).`);
    this.tooltip = md;
    const state = skillState(tally);
    this.iconPath =
      tally.total === 0
        ? new vscode.ThemeIcon(skill.icon ?? 'mortar-board', new vscode.ThemeColor('disabledForeground'))
        : state === 'passed'
          ? stateIcon('passed')
          : new vscode.ThemeIcon(skill.icon ?? 'mortar-board');
    this.contextValue = `skill.${state}`;
    this.accessibilityInformation = {
      label: `${skill.title}, ${progress === 'no exercises yet' ? progress : `${tally.passed} of ${tally.total} exercises passed`}${skill.checklist.length ? `, ${met} of ${skill.checklist.length} competencies met` : ''}`,
    };
  }
}

export class ExerciseNode extends vscode.TreeItem {
  readonly kind = 'exercise';
  constructor(
    readonly exercise: Exercise,
    readonly state: ExerciseState,
  ) {
    super(exercise.title, vscode.TreeItemCollapsibleState.None);
    this.id = `exercise:${exercise.id}`;
    const bits: string[] = [exercise.difficulty];
    if (exercise.kind === 'project') bits.push('your project');
    if (state !== 'todo') bits.push(STATE_LABEL[state]);
    this.description = bits.join(' · ') + sourceSuffix(exercise.source);
    // The tooltip is made on hover: SkillsTree.resolveTreeItem calls hover().
    this.iconPath = stateIcon(state);
    this.contextValue = `exercise.${state}`;
    // Shown in the Exercise view (with Start when not started), not as another editor tab.
    this.command = { command: Commands.showExercise, title: 'Show in the Exercise View', arguments: [this] };
    this.accessibilityInformation = { label: `${exercise.title}, ${exercise.difficulty}, ${STATE_LABEL[state]}` };
  }

  hover(): vscode.MarkdownString {
    const { exercise, state } = this;
    return new vscode.MarkdownString(
      `**${exercise.title}**\n\n${STATE_LABEL[state]} · ${exercise.difficulty}` +
        (exercise.minutes ? ` · about ${exercise.minutes} min` : '') +
        (exercise.tags.length ? `\n\n${exercise.tags.map((t) => `\`${t}\``).join(' ')}` : ''),
    );
  }
}

export class ProblemsNode extends vscode.TreeItem {
  readonly kind = 'problems';
  constructor(readonly errors: readonly ContentError[], expanded: boolean) {
    super(
      errors.length === 1 ? '1 content problem' : `${errors.length} content problems`,
      expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = 'problems';
    this.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    this.tooltip = 'Content that could not be loaded. Everything else still works; fix the file and the tree updates.';
    this.contextValue = 'problems';
  }
}

export class ProblemNode extends vscode.TreeItem {
  readonly kind = 'problem';
  constructor(
    readonly error: ContentError,
    display: string,
    index: number,
  ) {
    super(`${display}:${error.line}:${error.column}`, vscode.TreeItemCollapsibleState.None);
    this.id = `problem:${index}:${error.file}:${error.line}:${error.column}`;
    this.description = error.message;
    this.tooltip = `${display}:${error.line}:${error.column} ${error.message}`;
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    this.contextValue = 'problem';
    const pos = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, error.column - 1));
    this.command = {
      command: 'vscode.open',
      title: 'Open File',
      arguments: [vscode.Uri.file(error.file), { selection: new vscode.Range(pos, pos) } satisfies vscode.TextDocumentShowOptions],
    };
  }
}
