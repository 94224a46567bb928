// Links parsed files into a catalog: unique ids, references that resolve, paths that stay
// inside their exercise folder and exist. An item with a problem is dropped with an error;
// the rest of its file still loads.

import * as path from 'path';
import { type Catalog, type CheckSpec, type Competency, type ContentError, type Difficulty, type Exercise, type Skill, type Track, bugId, competencyKey } from '../model';
import { isInsideReal, unsafePathReason } from '../paths';
import type { ContentFs } from './fs';
import { type PathSegment, displayPath } from './messages';
import type { ParsedFile } from './parse';
import type { RawExercise, RawSkill, RawTrack } from './raw';

interface Place {
  readonly file: ParsedFile;
  readonly path: readonly PathSegment[];
}

class Problems {
  readonly list: ContentError[] = [];
  add(at: Place, message: string, key = false): void {
    const pos = at.file.locate(at.path, key);
    this.list.push({ file: at.file.file, line: pos.line, column: pos.column, source: at.file.source, message: `${displayPath(at.path)}: ${message}` });
  }
}

function where(place: Place, relativeTo: string): string {
  const pos = place.file.locate(place.path);
  return `${path.relative(relativeTo, place.file.file).split(path.sep).join('/')}:${pos.line}`;
}

const DIFFICULTY_ORDER: readonly Difficulty[] = ['beginner', 'intermediate', 'advanced'];

/** What a listing saw of `rel` under `dir`: 'file' or 'dir' with no link on the way, else undefined (ask the disk). */
export type KnownKind = (dir: string, rel: string) => 'file' | 'dir' | undefined;

export async function link(files: readonly ParsedFile[], fs: ContentFs, known: KnownKind = () => undefined): Promise<Catalog & { errors: ContentError[] }> {
  const problems = new Problems();
  const trackDefs = new Map<string, { raw: RawTrack; at: Place }>();
  const skillDefs = new Map<string, { raw: RawSkill; at: Place }>();
  const exerciseDefs = new Map<string, { raw: RawExercise; at: Place }>();

  const firstOf = <T>(map: Map<string, { at: Place } & T>, id: string, at: Place, kind: string): boolean => {
    const first = map.get(id);
    if (!first) return true;
    // Builtin content is shown from the extension root (resources/content/…), user content from its folder's parent (.upskill/…).
    const root = first.at.file.source.root;
    const base = first.at.file.source.kind === 'builtin' ? path.dirname(path.dirname(root)) : path.dirname(root);
    problems.add({ file: at.file, path: [...at.path, 'id'] }, `duplicate ${kind} id "${id}": already defined at ${where(first.at, base)}`);
    return false;
  };

  for (const file of files) {
    const data = file.data;
    if (!data) continue;
    data.tracks?.forEach((raw, i) => {
      const at = { file, path: ['tracks', i] };
      if (firstOf(trackDefs, raw.id, at, 'track')) trackDefs.set(raw.id, { raw, at });
    });
    data.skills?.forEach((raw, i) => {
      const at = { file, path: ['skills', i] };
      if (firstOf(skillDefs, raw.id, at, 'skill')) skillDefs.set(raw.id, { raw, at });
    });
    data.exercises?.forEach((raw, i) => {
      const at = { file, path: ['exercises', i] };
      if (firstOf(exerciseDefs, raw.id, at, 'exercise')) exerciseDefs.set(raw.id, { raw, at });
    });
  }

  // Skills need a known track.
  const skills = new Map<string, Skill>();
  for (const [id, { raw, at }] of skillDefs) {
    if (!trackDefs.has(raw.track)) {
      problems.add({ file: at.file, path: [...at.path, 'track'] }, `unknown track "${raw.track}"${suggest(raw.track, trackDefs.keys())}`);
      continue;
    }
    skills.set(id, {
      id,
      trackId: raw.track,
      title: raw.title,
      why: raw.why.trim(),
      icon: raw.icon,
      checklist: linkChecklist(raw, at, problems),
      exerciseIds: [],
      source: at.file.source,
      file: at.file.file,
    });
  }

  // Exercises need a known skill and safe, existing paths.
  const exercises = new Map<string, Exercise>();
  // Each exercise's file checks run at once, each with its own problems, kept in file order.
  const linked = await Promise.all(
    [...exerciseDefs.values()].map(async ({ raw, at }) => {
      const own = new Problems();
      return { exercise: await linkExercise(raw, at, skills, skillDefs, own, fs, known), own };
    }),
  );
  for (const { exercise, own } of linked) {
    problems.list.push(...own.list);
    if (exercise) {
      const id = exercise.id;
      exercises.set(id, exercise);
      (skills.get(exercise.skillId)!.exerciseIds as string[]).push(id);
      for (const key of exercise.competencies) (competencyOf(skills, key)!.exerciseIds as string[]).push(id);
    }
  }
  // A skill lists its exercises from beginner to advanced, "apply to your project" last at
  // each level; otherwise in the order they were read (the sort is stable).
  const rank = (id: string) => {
    const e = exercises.get(id)!;
    return DIFFICULTY_ORDER.indexOf(e.difficulty) * 2 + (e.kind === 'project' ? 1 : 0);
  };
  for (const skill of skills.values()) (skill.exerciseIds as string[]).sort((a, b) => rank(a) - rank(b));

  // Tracks: listed skills first, in their order; then skills that name the track.
  const tracks: Track[] = [];
  for (const [id, { raw, at }] of trackDefs) {
    const skillIds: string[] = [];
    raw.skills?.forEach((skillId, i) => {
      const skill = skills.get(skillId);
      if (!skill) {
        // A skill that exists but failed its own checks already has an error at its definition.
        if (!skillDefs.has(skillId)) problems.add({ file: at.file, path: [...at.path, 'skills', i] }, `unknown skill "${skillId}"${suggest(skillId, skillDefs.keys())}`);
      } else if (skill.trackId !== id) {
        problems.add({ file: at.file, path: [...at.path, 'skills', i] }, `skill "${skillId}" belongs to track "${skill.trackId}", not "${id}"`);
      } else if (!skillIds.includes(skillId)) {
        skillIds.push(skillId);
      }
    });
    for (const skill of skills.values()) if (skill.trackId === id && !skillIds.includes(skill.id)) skillIds.push(skill.id);
    tracks.push({ id, title: raw.title, summary: raw.summary?.trim() ?? '', skillIds, source: at.file.source, file: at.file.file });
  }

  return { tracks, skills, exercises, errors: problems.list };
}

async function linkExercise(
  raw: RawExercise,
  at: Place,
  skills: ReadonlyMap<string, Skill>,
  defined: ReadonlyMap<string, unknown>,
  problems: Problems,
  fs: ContentFs,
  known: KnownKind,
): Promise<Exercise | undefined> {
  const before = problems.list.length;
  const p = (...rest: PathSegment[]): Place => ({ file: at.file, path: [...at.path, ...rest] });
  if (!skills.has(raw.skill)) {
    problems.add(
      p('skill'),
      defined.has(raw.skill) ? `skill "${raw.skill}" could not be loaded, see its own error` : `unknown skill "${raw.skill}"${suggest(raw.skill, defined.keys())}`,
    );
  }

  const kind = raw.kind ?? 'scaffold';
  const folder = raw.folder ?? '.';
  const folderProblem = unsafePathReason(folder);
  if (folderProblem) {
    problems.add(p('folder'), folderProblem);
    return undefined;
  }
  const dir = path.resolve(path.dirname(at.file.file), folder);
  // The folder is resolved once for all its paths.
  let realDir: Promise<string> | undefined;
  const realpath = (p: string) => (p === dir ? (realDir ??= fs.realpath(dir)) : fs.realpath(p));
  const instructions = raw.instructions ?? 'README.md';

  // Paths inside the exercise folder that must exist.
  const owned: [Place, string, 'file' | 'dir'][] = [[p('instructions'), instructions, 'file']];
  if (raw.starter !== undefined) owned.push([p('starter'), raw.starter, 'dir']);
  if (raw.solution !== undefined) owned.push([p('solution'), raw.solution, 'dir']);
  // Paths that only have to be safe: the learner's files, and the cheat and honest-variant
  // folders, which only the validator reads (it checks they exist) and which the packaged
  // extension leaves out.
  const learner: [Place, string][] = [];
  raw.cheats?.forEach((c, i) => learner.push([p('cheats', i, 'folder'), c.folder]));
  raw.honest?.forEach((c, i) => learner.push([p('honest', i, 'folder'), c.folder]));
  if (raw.main !== undefined) learner.push([p('main'), raw.main]);

  raw.checks.forEach((c, i) => collectCheckPaths(c, (rest) => p('checks', i, ...rest), owned, learner));

  if (kind === 'scaffold' && raw.starter === undefined) problems.add(at, 'an exercise of kind "scaffold" needs a "starter" folder (or set kind: project)');
  raw.checks.forEach((c, i) => {
    if (c.type !== 'tests-catch-bugs') return;
    // Results name bugs by id, so two bugs of one check never share one.
    const seen = new Map<string, number>();
    c.bugs.forEach((b, j) => {
      const id = bugId(b);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, j);
      else problems.add(p('checks', i, 'bugs', j, b.id === undefined ? 'file' : 'id'), `seeded bug ${j + 1} has the id "${id}" of seeded bug ${first + 1}: give one of them its own "id:"`);
    });
  });
  for (const [place, rel] of learner) {
    const reason = unsafePathReason(rel);
    if (reason) problems.add(place, reason);
  }
  for (const [place, rel, type] of owned) {
    const reason = unsafePathReason(rel);
    if (reason) {
      problems.add(place, reason);
      continue;
    }
    // Checked when the build made the snapshot; or seen by the listing, a plain file or folder in it.
    if (at.file.verified || known(dir, rel) === type) continue;
    const abs = path.join(dir, rel);
    const ok = type === 'dir' ? await fs.isDirectory(abs) : await fs.isFile(abs);
    if (!ok) problems.add(place, `${type === 'dir' ? 'folder' : 'file'} "${rel}" does not exist in ${path.basename(dir)}/`);
    // Starting copies these files, so a link that points out of the folder is refused too.
    else if (!(await isInsideReal(dir, abs, realpath))) problems.add(place, `"${rel}" is a link to a place outside the exercise folder`);
  }
  if (problems.list.length > before) return undefined;

  return {
    ...exerciseFields(raw, kind, dir, instructions),
    // A competency that does not resolve is reported but does not stop the exercise.
    competencies: linkCompetencies(raw.competencies ?? [], p, skills, defined, problems),
    source: at.file.source,
    file: at.file.file,
  };
}

function exerciseFields(raw: RawExercise, kind: Exercise['kind'], dir: string, instructions: string): Omit<Exercise, 'competencies' | 'source' | 'file'> {
  return {
    id: raw.id,
    skillId: raw.skill,
    title: raw.title,
    why: raw.why,
    requires: raw.requires,
    difficulty: raw.difficulty,
    tags: raw.tags ?? [],
    kind,
    minutes: raw.minutes,
    dir,
    instructions,
    starter: raw.starter,
    solution: raw.solution,
    main: raw.main,
    hints: raw.hints ?? [],
    checks: raw.checks,
    cheats: raw.cheats ?? [],
    honest: raw.honest ?? [],
  };
}

function linkChecklist(raw: RawSkill, at: Place, problems: Problems): Competency[] {
  const out: Competency[] = [];
  raw.checklist?.forEach((c, i) => {
    if (out.some((o) => o.id === c.id)) problems.add({ file: at.file, path: [...at.path, 'checklist', i, 'id'] }, `duplicate competency id "${c.id}" in skill "${raw.id}"`);
    else out.push({ id: c.id, text: c.text, selfAssessed: c.selfAssessed === true, exerciseIds: [] });
  });
  return out;
}

function competencyOf(skills: ReadonlyMap<string, Skill>, key: string): Competency | undefined {
  const dot = key.indexOf('.');
  return skills.get(key.slice(0, dot))?.checklist.find((c) => c.id === key.slice(dot + 1));
}

/** The competency keys of an exercise that resolve; each one that does not is an error at its place. */
function linkCompetencies(
  keys: readonly string[],
  p: (...rest: PathSegment[]) => Place,
  skills: ReadonlyMap<string, Skill>,
  defined: ReadonlyMap<string, unknown>,
  problems: Problems,
): string[] {
  const out: string[] = [];
  keys.forEach((key, i) => {
    const [skillId, id] = key.split('.');
    const skill = skills.get(skillId);
    const at = p('competencies', i);
    if (!skill) {
      problems.add(
        at,
        defined.has(skillId)
          ? `skill "${skillId}" of competency "${key}" could not be loaded, see its own error`
          : `unknown skill "${skillId}" in competency "${key}"${suggest(skillId, skills.keys())}`,
      );
    } else if (!skill.checklist.some((c) => c.id === id)) {
      const known = [...skills.values()].flatMap((s) => s.checklist.map((c) => competencyKey(s.id, c.id)));
      problems.add(at, `unknown competency "${key}": skill "${skillId}" has no "${id}" in its checklist${suggest(key, known)}`);
    } else if (skill.checklist.find((c) => c.id === id)?.selfAssessed) {
      problems.add(at, `competency "${key}" is marked selfAssessed in its skill, so no exercise proves it: remove one or the other`);
    } else if (!out.includes(key)) {
      out.push(key);
    }
  });
  return out;
}

function collectCheckPaths(c: CheckSpec, at: (rest: PathSegment[]) => Place, owned: [Place, string, 'file' | 'dir'][], learner: [Place, string][]): void {
  const targets = (list?: readonly string[]) => list?.forEach((t, i) => learner.push([at(['targets', i]), t]));
  switch (c.type) {
    case 'pytest':
      if (c.hiddenTests !== undefined) owned.push([at(['hiddenTests']), c.hiddenTests, 'dir']);
      break;
    case 'tests-catch-bugs':
      learner.push([at(['module']), c.module]);
      owned.push([at(['reference']), c.reference, 'file']);
      c.bugs.forEach((b, i) => owned.push([at(['bugs', i, 'file']), b.file, 'file']));
      c.alternatives?.forEach((a, i) => owned.push([at(['alternatives', i, 'file']), a.file, 'file']));
      break;
    case 'mypy':
      targets(c.targets);
      if (c.config !== undefined) learner.push([at(['config']), c.config]);
      break;
    case 'ruff-lint':
    case 'ruff-format':
      targets(c.targets);
      if (c.config !== undefined) learner.push([at(['config']), c.config]);
      break;
    case 'workflow':
      learner.push([at(['file']), c.file]);
      break;
    case 'no-network':
      if (c.mustMock) learner.push([at(['mustMock', 'module']), c.mustMock.module]);
      break;
    case 'notebook-run':
      learner.push([at(['notebook']), c.notebook]);
      break;
    case 'command':
      if (c.generate) learner.push([at(['generate', 'file']), c.generate.file]);
      break;
    case 'structure':
      c.assert.forEach((a, i) => {
        for (const [k, v] of Object.entries(a)) {
          const files = typeof v === 'string' ? [['', v]] : Object.entries(v as object).filter(([f]) => f === 'file' || f === 'notebook');
          for (const [sub, f] of files) learner.push([at(sub ? ['assert', i, k, sub] : ['assert', i, k]), String(f)]);
        }
      });
      break;
    case 'git':
      if (c.setup !== undefined) learner.push([at(['setup']), c.setup]);
      c.assert.forEach((a, i) => {
        for (const [k, v] of Object.entries(a)) {
          if (k === 'ignored' || k === 'notIgnored' || k === 'tracked' || k === 'noConflictMarkers' || k === 'neverCommitted') (v as string[]).forEach((f, j) => learner.push([at(['assert', i, k, j]), f]));
          if (k === 'branchCommitTouches') learner.push([at(['assert', i, k, 'file']), (v as { file: string }).file]);
        }
      });
      break;
    default:
      break;
  }
}

/** ` (did you mean "x"?)` for a near miss, so a typo is a one-glance fix. */
function suggest(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, name.length / 3) ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
