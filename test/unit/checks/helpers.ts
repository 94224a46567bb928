import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CheckContext, PythonInfo } from '../../../src/checks/types';
import type { CheckSpec, Exercise } from '../../../src/core/model';

export const PYTHON: PythonInfo = { path: process.env.UPSKILL_TEST_PYTHON ?? '/usr/bin/python3', version: '3', origin: 'test' };
export const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'tool-output');

export async function folder(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-check-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

export function exercise(dir: string, checks: CheckSpec[]): Exercise {
  return {
    id: 'test-exercise', skillId: 's', title: 'Test', difficulty: 'beginner', tags: [], kind: 'scaffold', dir,
    instructions: 'README.md', hints: [], checks, competencies: [], source: { kind: 'builtin', root: dir, label: 'test', trusted: true }, file: path.join(dir, 'exercise.yaml'),
  };
}

export function context(workDir: string, checks: CheckSpec[], extra: Partial<CheckContext> = {}, exerciseDir = workDir): CheckContext & { lines: string[] } {
  const lines: string[] = [];
  return { exercise: exercise(exerciseDir, checks), workDir, python: PYTHON, timeoutMs: 60_000, log: (l) => lines.push(l), trusted: true, lines, ...extra };
}
