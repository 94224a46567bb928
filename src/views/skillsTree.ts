// The Skills view: a thin provider over the catalog (ContentService) and progress
// (ProgressStore), counting as met too the competencies a fix in the learner's own project
// showed. Its TreeView (badge, description, message) is made at activation, before the
// tree's code loads (extension.ts), and handed to it.

import * as vscode from 'vscode';
import { Settings, StorageKeys } from '../constants';
import type { ShownMap } from '../core/assessment';
import { competenciesMet } from '../core/competencies';
import type { Event } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import { type Catalog, type Exercise, exercisesOf } from '../core/model';
import { type Tally, tallyExercises } from '../core/progress';
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
  private catalog?: Catalog;
  private shownMap: ShownMap = {};
  private skillTallies = new Map<string, { exercises: Exercise[]; tally: Tally }>();

  constructor(
    private readonly content: ContentService,
    private readonly progress: ProgressStore,
    private readonly workspaceState: vscode.Memento,
    /** The Skills view, whose provider hands VS Code's calls to this tree. */
    readonly view: vscode.TreeView<SkillsNode>,
    private readonly projects?: ShownSource,
  ) {
    super();
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

  /**
   * Hover text of an exercise, made when VS Code shows it rather than for every node built:
   * a catalog of thousands of exercises builds its nodes without them.
   */
  resolveTreeItem(item: vscode.TreeItem, node: SkillsNode): vscode.TreeItem {
    if (node.kind === 'exercise' && item.tooltip === undefined) item.tooltip = node.hover();
    return item;
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
      // One pass over the catalog for this refresh: each skill's exercises and tally, which
      // the tracks, the view's badge and the skill nodes all read.
      this.skillTallies = new Map();
      const expansion = this.expansion();
      const roots: SkillsNode[] = [];
      if (catalog.errors.length) roots.push(new ProblemsNode(catalog.errors, expansion.problems ?? true));
      const all = { passed: 0, started: 0, total: 0 };
      for (const track of catalog.tracks) {
        const t = { passed: 0, started: 0, total: 0 };
        for (const id of track.skillIds) {
          const { tally } = this.skillTally(catalog, id);
          t.passed += tally.passed;
          t.started += tally.started;
          t.total += tally.total;
        }
        all.passed += t.passed;
        all.started += t.started;
        all.total += t.total;
        roots.push(new TrackNode(track, t, expansion[`track:${track.id}`] ?? true));
      }
      this.updateViewChrome(catalog, all);
      return roots;
    }
    const catalog = this.catalog ?? (await this.content.get());
    switch (node.kind) {
      case 'problems':
        return node.errors.map((e, i) => new ProblemNode(e, this.content.displayPath(e.file), i));
      case 'track': {
        // Skills without exercises yet come last (or not at all, by setting), in their order.
        const hideEmpty = vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.hideSkillsWithoutExercises, false);
        const expansion = this.expansion();
        const nodes = node.track.skillIds
          .map((id) => catalog.skills.get(id))
          .filter((s) => s !== undefined)
          .map((s) => new SkillNode(s, this.skillTally(catalog, s.id).tally, expansion[`skill:${s.id}`] ?? false, competenciesMet(catalog, s, this.progress.snapshot, this.shownMap)));
        const withExercises = nodes.filter((n) => n.tally.total > 0);
        return hideEmpty ? withExercises : [...withExercises, ...nodes.filter((n) => n.tally.total === 0)];
      }
      case 'skill':
        return this.skillTally(catalog, node.skill.id).exercises.map((e) => new ExerciseNode(e, this.progress.get(e.id).state));
      default:
        return [];
    }
  }

  /** A skill's exercises and their tally, once per refresh (the root's getChildren starts one). */
  private skillTally(catalog: Catalog, skillId: string): { exercises: Exercise[]; tally: Tally } {
    let entry = this.skillTallies.get(skillId);
    if (!entry) {
      const exercises = exercisesOf(catalog, skillId);
      entry = { exercises, tally: tallyExercises(exercises, this.progress.all) };
      this.skillTallies.set(skillId, entry);
    }
    return entry;
  }

  getParent(node: SkillsNode): SkillsNode | undefined {
    const catalog = this.catalog;
    if (!catalog) return undefined;
    if (node.kind === 'problem') return new ProblemsNode(catalog.errors, true);
    if (node.kind === 'exercise') {
      const skill = catalog.skills.get(node.exercise.skillId);
      return skill && new SkillNode(skill, this.skillTally(catalog, skill.id).tally, true, competenciesMet(catalog, skill, this.progress.snapshot, this.shownMap));
    }
    if (node.kind === 'skill') {
      const track = catalog.tracks.find((t) => t.id === node.skill.trackId);
      return track && new TrackNode(track, { passed: 0, started: 0, total: 0 }, true);
    }
    return undefined;
  }

  private updateViewChrome(catalog: Catalog, t: Tally): void {
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

  private remember(node: SkillsNode, expanded: boolean): void {
    if (!node.id) return;
    void this.workspaceState.update(StorageKeys.treeExpansion, { ...this.expansion(), [node.id]: expanded });
  }
}
