// The walkthrough's "start a first exercise": the learner says what they do most, and gets
// a short path through the curriculum that starts where that work is (a notebook, a
// pipeline, a model being served) and reaches tests, types and CI from there. Plain data,
// resolved against the catalog, so a team's catalog without some of these exercises still
// gets a path (the missing ones are skipped, and the recommendation fills up from the rest).

import { type Catalog, type Exercise, exercisesInOrder } from './model';
import { type ProgressMap, progressOf, recommendNext } from './progress';

export type Focus = 'notebooks' | 'pipelines' | 'production';

export interface FocusChoice {
  readonly id: Focus;
  readonly label: string;
  readonly detail: string;
}

export const FOCUS_CHOICES: readonly FocusChoice[] = [
  { id: 'notebooks', label: 'Notebooks', detail: 'Exploring data and training models in Jupyter: start by turning notebook cells into a tested, typed module.' },
  { id: 'pipelines', label: 'Pipelines', detail: 'Data and feature pipelines, scheduled jobs: start with lint-clean pipeline code, tests and a CI workflow.' },
  { id: 'production', label: 'Models in production', detail: 'Serving, packaging and shipping models: start with types, mocks for the outside world and a Dockerfile.' },
];

/** Each path in the order to take it; ids missing from the catalog are skipped. */
const PATHS: Readonly<Record<Focus, readonly string[]>> = {
  notebooks: ['notebook-to-module-extract', 'typing-annotate-metrics', 'unit-testing-first-tests', 'git-feature-branch', 'notebook-to-module-typed-logging'],
  pipelines: ['linting-clean-feature-pipeline', 'unit-testing-first-tests', 'typing-typed-records', 'ci-cd-pre-commit-hooks', 'ci-cd-first-workflow'],
  production: ['typing-annotate-metrics', 'mocking-model-cache-clock', 'cloud-settings-from-env', 'cloud-dockerfile-model-server', 'ci-cd-first-workflow'],
};

/** The path for a focus: exercises not passed yet, in order; the first is the recommendation. */
export function pathFor(catalog: Catalog, progress: ProgressMap, focus: Focus, length = 4): Exercise[] {
  const open = (e: Exercise) => progressOf(progress, e.id).state !== 'passed';
  const out = PATHS[focus].map((id) => catalog.exercises.get(id)).filter((e): e is Exercise => e !== undefined && open(e));
  // Fill up from the curriculum's own order, so a path is never empty while work is left.
  for (const e of [recommendNext(catalog, progress), ...exercisesInOrder(catalog)]) {
    if (out.length >= length) break;
    if (e && open(e) && !out.includes(e)) out.push(e);
  }
  return out.slice(0, length);
}
