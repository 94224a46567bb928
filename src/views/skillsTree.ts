// The Skills view: a thin provider over the catalog (ContentService) and progress
// (ProgressStore), counting as met too the competencies a fix in the learner's own project
// showed. It owns its TreeView for the badge, description and message.

import * as vscode from 'vscode';
import { Settings, StorageKeys, Views } from '../constants';
import type { ShownMap } from '../core/assessment';
import { competenciesMet } from '../core/competencies';
import type { Event } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import { type Catalog, exercisesOf } from '../core/model';
import { tallyAll, tallySkill } from '../core/progress';
import type { ContentService } from '../services/contentService';
import type { ProgressStore } from '../state/progressStore';
import { ExerciseNode, ProblemNode, ProblemsNode, SkillNode, type SkillsNode, TrackNode } from './nodes';

/** The competencies shown in the learner's project, and when an assessment may have added some. */
export interface ShownSource {
  shown(): Promise<ShownMap>;
  readonly onDidAssess: Event<unknown>;
}

/** Expanded or collapsed by the learner, by node id; nodes not in it use their default. */
type ExpansionState = Record<string, boolean>;

export class SkillsTree extends DisposableBase implements vscode.TreeDataProvider<SkillsNode> {
  private readonly changed = this.register(new vscode.EventEmitter<SkillsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<SkillsNode>;
  private catalog?: Catalog;
  private shownMap: ShownMap = {};

  constructor(
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly workspaceState: vscode.Memento,
    private readonly projects?: ShownSource,
  ) {
    super();
    this.view = this.register(vscode.window.createTreeView(Views.skills, { treeDataProvider: this, showCollapseAll: true }));
    this.register(this.view.onDidExpandElement((e) => this.remember(e.element, true)));
    this.register(this.view.onDidCollapseElement((e) => this.remember(e.element, false)));
    this.register(content.onDidChange(() => this.refresh()));
    this.register(progress.onDidChange(() => this.refresh()));
    if (projects) this.register(projects.onDidAssess(() => this.refresh()));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${Settings.section}.${Settings.hideSkillsWithoutExercises}`) && this.refresh()));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: SkillsNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: SkillsNode): Promise<SkillsNode[]> {
    if (!node) {
      const [catalog, , shown] = await Promise.all([
        this.content.get(),
        this.progress.load(),
        // The store reports what it cannot read itself; the tree then counts without it.
        this.projects?.shown().catch(() => ({})) ?? {},
      ]);
      this.catalog = catalog;
      this.shownMap = shown;
      this.updateViewChrome(catalog);
      const roots: SkillsNode[] = [];
      if (catalog.errors.length) roots.push(new ProblemsNode(catalog.errors, this.isExpanded('problems', true)));
      for (const track of catalog.tracks) {
        const exercises = track.skillIds.flatMap((id) => exercisesOf(catalog, id));
        const passed = exercises.filter((e) => this.progress.get(e.id).state === 'passed').length;
        const started = exercises.filter((e) => this.progress.get(e.id).state === 'started').length;
        roots.push(new TrackNode(track, { passed, started, total: exercises.length }, this.isExpanded(`track:${track.id}`, true)));
      }
      return roots;
    }
    const catalog = this.catalog ?? (await this.content.get());
    switch (node.kind) {
      case 'problems':
        return node.errors.map((e, i) => new ProblemNode(e, this.content.displayPath(e.file), i));
      case 'track': {
        // Skills without exercises yet come last (or not at all, by setting), in their order.
        const hideEmpty = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.hideSkillsWithoutExercises, false);
        const nodes = node.track.skillIds
          .map((id) => catalog.skills.get(id))
          .filter((s) => s !== undefined)
          .map((s) => new SkillNode(s, tallySkill(catalog, s.id, this.progress.all), this.isExpanded(`skill:${s.id}`, false), competenciesMet(catalog, s, this.progress.snapshot, this.shownMap)));
        const withExercises = nodes.filter((n) => n.tally.total > 0);
        return hideEmpty ? withExercises : [...withExercises, ...nodes.filter((n) => n.tally.total === 0)];
      }
      case 'skill':
        return exercisesOf(catalog, node.skill.id).map((e) => new ExerciseNode(e, this.progress.get(e.id).state));
      default:
        return [];
    }
  }

  getParent(node: SkillsNode): SkillsNode | undefined {
    const catalog = this.catalog;
    if (!catalog) return undefined;
    if (node.kind === 'problem') return new ProblemsNode(catalog.errors, true);
    if (node.kind === 'exercise') {
      const skill = catalog.skills.get(node.exercise.skillId);
      return skill && new SkillNode(skill, tallySkill(catalog, skill.id, this.progress.all), true, competenciesMet(catalog, skill, this.progress.snapshot, this.shownMap));
    }
    if (node.kind === 'skill') {
      const track = catalog.tracks.find((t) => t.id === node.skill.trackId);
      return track && new TrackNode(track, { passed: 0, started: 0, total: 0 }, true);
    }
    return undefined;
  }

  private updateViewChrome(catalog: Catalog): void {
    const t = tallyAll(catalog, this.progress.all);
    this.view.description = t.total ? `${t.passed}/${t.total} passed` : undefined;
    this.view.badge = t.passed ? { value: t.passed, tooltip: `${t.passed} of ${t.total} exercises passed` } : undefined;
    const n = catalog.errors.length;
    this.view.message = n
      ? `${n === 1 ? 'One content problem' : `${n} content problems`}: the rest of the content loaded. Details are below and in the Upskill output.`
      : undefined;
  }

  private expansion(): ExpansionState {
    return this.workspaceState.get<ExpansionState>(StorageKeys.treeExpansion) ?? {};
  }

  private isExpanded(id: string, byDefault: boolean): boolean {
    return this.expansion()[id] ?? byDefault;
  }

  private remember(node: SkillsNode, expanded: boolean): void {
    if (!node.id) return;
    void this.workspaceState.update(StorageKeys.treeExpansion, { ...this.expansion(), [node.id]: expanded });
  }
}
