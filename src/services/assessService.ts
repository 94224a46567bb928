// Runs Assess My Project on a folder and stores the result: the engine (checks/assess, in the
// lazily loaded checks bundle) reads the folder; the store keeps each folder's history, so the
// result comes back with the assessment before it.

import * as vscode from 'vscode';
import { Settings } from '../constants';
import { type Assessment, type ShownMap, latestAssessment } from '../core/assessment';
import type { ProjectInput } from '../core/checklistModel';
import { Emitter } from '../core/events';
import type { AssessmentStore } from '../state/assessmentStore';
import { interpreterCandidates } from './interpreter';
import { checksModule } from './lazy';

export interface AssessOutcome {
  readonly assessment: Assessment;
  readonly before?: Assessment;
}

export class AssessService {
  private readonly assessed = new Emitter<AssessOutcome>();
  /** An assessment that ran to the end and was stored. */
  readonly onDidAssess = this.assessed.event;

  constructor(private readonly store: AssessmentStore) {}

  /** Assesses `folder`; undefined when cancelled (nothing is stored then). */
  async assess(folder: string, signal: AbortSignal, progress: (message: string) => void): Promise<AssessOutcome | undefined> {
    const { assessProject, AssessCancelled } = await checksModule();
    const uri = vscode.Uri.file(folder);
    const config = vscode.workspace.getConfiguration(Settings.section, uri);
    const runTests = config.get<boolean>(Settings.assessRunTests, false);
    const runWorkflows = config.get<boolean>(Settings.assessRunWorkflows, false);
    const toolTimeoutMs = 1000 * config.get<number>(Settings.checkTimeoutSeconds, 120);
    let assessment: Assessment;
    try {
      assessment = await assessProject(folder, { signal, interpreters: await interpreterCandidates(uri), runTests, runWorkflows, toolTimeoutMs, progress: (m, done, total) => progress(total > 1 ? `${m} (${done}/${total})` : m) });
    } catch (e) {
      if (e instanceof AssessCancelled) return undefined;
      throw e;
    }
    const before = await this.store.add(folder, assessment);
    const outcome = { assessment, ...(before && { before }) };
    this.assessed.fire(outcome);
    return outcome;
  }

  /** The latest stored assessment of `folder` and the one before it. */
  async latest(folder: string): Promise<AssessOutcome | undefined> {
    const list = await this.store.history(folder);
    const assessment = list[list.length - 1];
    return assessment && { assessment, ...(list.length > 1 && { before: list[list.length - 2] }) };
  }

  /** The competencies fixes in a project showed (the Skills tree counts them as met). */
  async shown(): Promise<ShownMap> {
    return this.store.shown();
  }

  /** What the Checklist shows: the latest assessment of an open folder (else of any), and the competencies fixes showed. */
  async forChecklist(): Promise<ProjectInput> {
    const { folders, shown } = await this.store.stored();
    const open = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const latest = latestAssessment(folders, open);
    return { shown, ...(latest && { latest: { assessment: latest.assessment, ...(latest.before && { before: latest.before }) } }) };
  }

  dispose(): void {
    this.assessed.dispose();
  }
}
