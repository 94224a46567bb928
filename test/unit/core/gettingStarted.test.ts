// The walkthrough's first-exercise paths, resolved against a catalog: in order, without what
// is passed, filled up from the curriculum when a catalog lacks some of them.

import * as assert from 'assert';
import { FOCUS_CHOICES, pathFor } from '../../../src/core/gettingStarted';
import type { ProgressMap } from '../../../src/core/progress';
import { catalogOf } from './catalog';

const passed = { state: 'passed', attempts: 1, hintsUsed: 0, passedAt: 1 } as unknown as ProgressMap[string];

describe('core/gettingStarted', () => {
  const catalog = catalogOf([['notebook-to-module-extract', 'typing-annotate-metrics'], ['unit-testing-first-tests', 'git-feature-branch', 'other-a', 'other-b']]);

  it('offers three focuses, each with a path whose first exercise is the recommendation', () => {
    assert.deepStrictEqual(FOCUS_CHOICES.map((c) => c.id), ['notebooks', 'pipelines', 'production']);
    assert.deepStrictEqual(pathFor(catalog, {}, 'notebooks').map((e) => e.id), ['notebook-to-module-extract', 'typing-annotate-metrics', 'unit-testing-first-tests', 'git-feature-branch']);
    assert.strictEqual(pathFor(catalog, {}, 'production')[0].id, 'typing-annotate-metrics');
  });

  it('skips what is passed, and fills up from the curriculum when the catalog lacks the rest', () => {
    const p = pathFor(catalog, { 'notebook-to-module-extract': passed }, 'notebooks');
    assert.deepStrictEqual(p.map((e) => e.id), ['typing-annotate-metrics', 'unit-testing-first-tests', 'git-feature-branch', 'other-a']);
    const pipelines = pathFor(catalog, {}, 'pipelines');
    assert.strictEqual(pipelines[0].id, 'unit-testing-first-tests', 'the first of its own that the catalog has');
    assert.strictEqual(new Set(pipelines.map((e) => e.id)).size, pipelines.length, 'no exercise twice');
  });

  it('nothing left: an empty path', () => {
    const all = Object.fromEntries([...catalog.exercises.keys()].map((id) => [id, passed]));
    assert.deepStrictEqual(pathFor(catalog, all, 'notebooks'), []);
  });
});
