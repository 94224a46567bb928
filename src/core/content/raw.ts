// The shape of a content file once it has passed the JSON Schema: field names as authors
// write them. The linker turns these into the model's types.

import type { CheckSpec, Cheat, Difficulty, ExerciseKind, HonestVariant } from '../model';

export interface RawTrack {
  id: string;
  title: string;
  summary?: string;
  skills?: string[];
}

export interface RawSkill {
  id: string;
  track: string;
  title: string;
  icon?: string;
  why: string;
  checklist?: { id: string; text: string; selfAssessed?: boolean }[];
}

export interface RawExercise {
  id: string;
  skill: string;
  title: string;
  why?: string;
  requires?: string[];
  difficulty: Difficulty;
  tags?: string[];
  kind?: ExerciseKind;
  minutes?: number;
  competencies?: string[];
  folder?: string;
  instructions?: string;
  starter?: string;
  solution?: string;
  main?: string;
  hints?: string[];
  checks: CheckSpec[];
  cheats?: Cheat[];
  honest?: HonestVariant[];
}

export interface RawContentFile {
  tracks?: RawTrack[];
  skills?: RawSkill[];
  exercises?: RawExercise[];
}
