// Getting going and keeping going: the walkthrough, the first exercise, Check Environment,
// reloading content and the output channel.

import * as vscode from 'vscode';
import { Commands, WALKTHROUGH } from '../constants';
import type { Exercise } from '../core/model';
import type { ContentService } from '../services/contentService';
import type { ProgressStore } from '../state/progressStore';
import type { ExercisePanel } from '../views/exerciseActions';
import { getStarted } from '../views/getStarted';
import type { EnvironmentPanel } from '../webview/environmentPanel';

export interface SetupHandlers {
  readonly log: vscode.LogOutputChannel;
  readonly content: ContentService;
  readonly progress: ProgressStore;
  readonly environment: EnvironmentPanel;
  /** Starts the exercise picked on the first exercise's path, as Start Exercise does. */
  readonly start: (exercise: Exercise) => Promise<unknown>;
  /** Readies the Exercise view's renderer while the learner picks a first exercise. */
  readonly panel: Pick<ExercisePanel, 'warm'>;
}

export function setupCommands(s: SetupHandlers): Record<string, (...args: unknown[]) => unknown> {
  return {
    [Commands.refresh]: () => s.content.reload(),
    [Commands.showOutput]: () => s.log.show(),
    [Commands.checkEnvironment]: () => s.environment.open(),
    [Commands.getStarted]: () => {
      s.panel.warm();
      return getStarted(s.content, s.progress, s.start);
    },
    [Commands.openWalkthrough]: () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false),
  };
}
