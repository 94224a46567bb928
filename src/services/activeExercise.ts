// Which exercise the learner is working on: the one whose files the active editor shows,
// else the one started last in this window. It is what a study timer attributes time to;
// the `upskill.inExercise` context key follows the editor part alone.
//
// It never loads content itself: until something else loads the catalog, no exercise is
// active, so watching the editor costs nothing at start-up.

import * as vscode from 'vscode';
import { Emitter } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import type { Catalog, Exercise } from '../core/model';
import type { ProgressStore } from '../state/progressStore';
import type { ContentService } from './contentService';
import type { ExerciseService } from './exerciseService';

export class ActiveExercise extends DisposableBase {
  private catalog?: Catalog;
  private lastStarted?: Exercise;
  private inEditor?: Exercise;
  private active?: Exercise;
  private readonly activeChanged = this.register(new Emitter<Exercise | undefined>());
  /** Fires with the exercise being worked on, or undefined when there is none. */
  readonly onDidChange = this.activeChanged.event;
  private readonly editorChanged = this.register(new Emitter<Exercise | undefined>());
  /** Fires with the exercise whose file the active editor shows, or undefined. */
  readonly onDidChangeEditor = this.editorChanged.event;

  constructor(content: ContentService, progress: ProgressStore, private readonly exercises: ExerciseService) {
    super();
    this.register(
      content.onDidChange((catalog) => {
        this.catalog = catalog;
        // Exercises are new objects after a reload; one that is gone is no longer "last started".
        this.lastStarted = this.lastStarted && catalog.exercises.get(this.lastStarted.id);
        this.update();
      }),
    );
    this.register(
      exercises.onDidStart((exercise) => {
        this.lastStarted = exercise;
        this.update();
      }),
    );
    // A file belongs to an exercise only once the exercise is started.
    this.register(progress.onDidChange(() => this.update()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    // A notebook editor with no cell in edit mode has no active text editor.
    this.register(vscode.window.onDidChangeActiveNotebookEditor(() => this.update()));
  }

  /** The exercise being worked on: the active editor's, else the one started last. */
  get current(): Exercise | undefined {
    return this.active;
  }

  /** The exercise whose file the active editor shows. */
  get editing(): Exercise | undefined {
    return this.inEditor;
  }

  private update(): void {
    const uri = activeFile();
    const inEditor = this.catalog && uri ? this.exercises.exerciseIn(this.catalog, uri.fsPath) : undefined;
    const active = inEditor ?? this.lastStarted;
    const editorMoved = !same(inEditor, this.inEditor);
    const activeMoved = !same(active, this.active);
    // Assigned before firing, so listeners that read `current` or `editing` see the new values.
    this.inEditor = inEditor;
    this.active = active;
    if (editorMoved) this.editorChanged.fire(inEditor);
    if (activeMoved) this.activeChanged.fire(active);
  }
}

/**
 * The file the active editor shows: a text file, or a notebook, whether a cell's editor has
 * the keyboard (its document is a `vscode-notebook-cell` with the notebook's path) or not
 * (then there is no active text editor at all).
 */
export function activeFile(): vscode.Uri | undefined {
  const text = vscode.window.activeTextEditor?.document.uri;
  if (text?.scheme === 'file') return text;
  const notebook = vscode.window.activeNotebookEditor?.notebook.uri;
  if (notebook?.scheme === 'file') return notebook;
  return text?.scheme === 'vscode-notebook-cell' ? vscode.Uri.file(text.fsPath) : undefined;
}

function same(a: Exercise | undefined, b: Exercise | undefined): boolean {
  return a?.id === b?.id;
}
