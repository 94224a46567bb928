// A small catalog for core tests: one track "T" whose skills s0, s1, … hold the given
// exercise ids, every title equal to its id.

import type { Catalog, ContentSource, Exercise, Skill, Track } from '../../../src/core/model';

const source: ContentSource = { kind: 'builtin', root: '/c', label: 'Upskill', trusted: true };

export function catalogOf(ids: string[][]): Catalog {
  const skills = new Map<string, Skill>();
  const exercises = new Map<string, Exercise>();
  ids.forEach((exerciseIds, i) => {
    const skillId = `s${i}`;
    skills.set(skillId, { id: skillId, trackId: 't', title: skillId, why: '', checklist: [], exerciseIds, source, file: '/c/x.yaml' });
    for (const id of exerciseIds) {
      exercises.set(id, {
        id, skillId, title: id, difficulty: 'beginner', tags: [], kind: 'scaffold', dir: '/c', instructions: 'README.md',
        hints: [], checks: [], competencies: [], source, file: '/c/x.yaml',
      });
    }
  });
  const track: Track = { id: 't', title: 'T', summary: '', skillIds: [...skills.keys()], source, file: '/c/x.yaml' };
  return { tracks: [track], skills, exercises, errors: [] };
}
