// The host side shared by both Checklist surfaces (the side-bar view and the dashboard
// panel): the page with its CSP, the ready handshake, the state it posts, and the messages
// it accepts. One instance per webview, disposed with it.

import type * as vscode from 'vscode';
import { DASHBOARD_WEEKS, type ProjectInput, checklistModel, dashboardModel } from '../core/checklistModel';
import type { Event } from '../core/events';
import { type Catalog, competencyKey } from '../core/model';
import { DisposableBase } from '../core/lifecycle';
import type { ContentService } from '../services/contentService';
import type { StudyTimeSource } from '../services/studyTime';
import { readTimerSettings } from '../services/studyTimer';
import type { ProgressStore } from '../state/progressStore';
import { setWebviewPage } from './page';
import { type FromWebview, type Surface, type ToWebview, isFromWebview } from './protocol';

export interface ChecklistDeps {
  readonly extensionUri: vscode.Uri;
  readonly content: ContentService;
  readonly progress: ProgressStore;
  readonly log: vscode.LogOutputChannel;
  /** The study timer (optional so that a host can be built without one, as in tests). */
  readonly study?: StudyTimeSource;
  readonly links: ChecklistLinks;
  /** The stored assessments of the learner's projects (optional, as in tests without one). */
  readonly assessments?: ProjectSource;
}

/** Where the Checklist reads the learner's project: the latest assessment and the competencies fixes showed. */
export interface ProjectSource {
  forChecklist(): Promise<ProjectInput>;
  readonly onDidAssess: Event<unknown>;
}

/** Where the Checklist's buttons lead: other surfaces, reached without command ids. */
export interface ChecklistLinks {
  /** Starts the exercise, as Start Exercise does with its id. */
  startExercise(exerciseId: string): Promise<unknown>;
  openDashboard(): Promise<unknown>;
  exportLearningLog(): Promise<unknown>;
  /** Runs Assess My Project, as its command does. */
  assessProject(): Promise<unknown>;
}

export class ChecklistHost extends DisposableBase {
  private ready = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly surface: Surface,
    private readonly deps: ChecklistDeps,
  ) {
    super();
    // The page carries the model when the catalog and progress are already loaded (the
    // usual case: the tree has shown them), so the first paint waits for no round trip.
    // Otherwise it starts loading them now, and the model follows the page's `ready`.
    const catalog = deps.content.loaded;
    const state = catalog && deps.progress.hasLoaded ? this.model(catalog) : undefined;
    if (!state) void Promise.all([deps.content.get(), deps.progress.load()]).catch(() => undefined);
    setWebviewPage(webview, deps.extensionUri, {
      css: 'checklist.css',
      script: 'checklist.js',
      title: surface === 'dashboard' ? 'Upskill Dashboard' : 'Checklist',
      surface,
      body: '<main id="root" aria-busy="true"><p class="muted">Loading your checklist…</p></main>',
      state,
    });
    this.register(webview.onDidReceiveMessage((m: unknown) => this.receive(m)));
    const post = () => void this.post();
    this.register(deps.content.onDidChange(post));
    this.register(deps.progress.onDidChange(post));
    if (deps.study) this.register(deps.study.onDidChange(post));
    if (deps.assessments) this.register(deps.assessments.onDidAssess(post));
  }

  private receive(m: unknown): void {
    if (!isFromWebview(m)) {
      this.deps.log.warn(`Checklist ${this.surface}: ignored a message of unexpected shape: ${JSON.stringify(m)?.slice(0, 200)}`);
      return;
    }
    void this.handle(m).catch((e: unknown) => this.deps.log.error(`Checklist ${this.surface}: ${m.type} failed: ${(e as Error).stack ?? e}`));
  }

  private async handle(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        return this.post();
      case 'startExercise':
        await this.deps.links.startExercise(m.exerciseId);
        return;
      case 'setCompetency': {
        // Only competencies the catalog knows are stored.
        const catalog = await this.deps.content.get();
        const known = [...catalog.skills.values()].some((s) => s.checklist.some((c) => competencyKey(s.id, c.id) === m.key));
        if (!known) {
          this.deps.log.warn(`Checklist ${this.surface}: ignored a tick of unknown competency "${m.key}".`);
          return;
        }
        await this.deps.progress.setCompetency(m.key, m.ticked);
        return;
      }
      case 'openDashboard':
        await this.deps.links.openDashboard();
        return;
      case 'exportLog':
        await this.deps.links.exportLearningLog();
        return;
      case 'assessProject':
        await this.deps.links.assessProject();
        return;
    }
  }

  private async post(): Promise<void> {
    if (!this.ready) return;
    const [catalog, , project] = await Promise.all([
      this.deps.content.get(),
      this.deps.progress.load(),
      // A store that cannot be read shows the Checklist without the project, never no Checklist.
      this.deps.assessments?.forChecklist().catch((e: unknown) => {
        this.deps.log.error(`Checklist ${this.surface}: reading the stored assessments failed: ${String(e)}`);
        return {};
      }) ?? {},
    ]);
    await this.webview.postMessage(this.model(catalog, project));
  }

  /**
   * What this surface shows of `catalog`, the progress loaded and the learner's project. The
   * page's first paint carries it without the project (read from its store after), so the
   * project section follows with the first post.
   */
  private model(catalog: Catalog, project?: ProjectInput): ToWebview {
    const progress = this.deps.progress.snapshot;
    const study = this.deps.study?.summary(DASHBOARD_WEEKS);
    return this.surface === 'dashboard'
      ? { type: 'state', checklist: checklistModel(catalog, progress, study, project), dashboard: dashboardModel(catalog, progress, Date.now(), study, readTimerSettings().firstDay, project) }
      : { type: 'state', checklist: checklistModel(catalog, progress, study, project) };
  }
}
