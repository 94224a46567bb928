// A small catalog for core tests: one track "T" whose skills s0, s1, … hold the given
// exercise ids, every title equal to its id.

import type { Catalog, Competency, ContentSource, Exercise, Skill, Track } from '../../../src/core/model';

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

/** catalogOf, with a checklist on skill s0: `c-<i>` proven by the given exercises (none: self-assessed). */
export function withChecklist(catalog: Catalog, provenBy: string[][]): Catalog {
  const s0 = catalog.skills.get('s0')!;
  const checklist: Competency[] = provenBy.map((exerciseIds, i) => ({ id: `c${i}`, text: `Competency ${i}`, selfAssessed: exerciseIds.length === 0, exerciseIds }));
  const skills = new Map<string, Skill>(catalog.skills);
  skills.set('s0', { ...s0, checklist });
  return { ...catalog, skills };
}
