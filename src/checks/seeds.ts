// Changes a CI workflow or a pre-commit configuration is judged on: a new module and a new
// test, clean, then the same files with one thing wrong: a lint finding, a type error, a
// failing test, or a formatting slip. Every variant touches the same paths, so a
// configuration cannot tell a clean change from a broken one by which files changed (or
// that files changed at all), only by checking them; the names and numbers are random per
// check, so it cannot tell them apart by a fixed spelling either.
//
// Each broken variant is wrong in one way only: the lint finding is formatted and typed,
// the type error lints clean and is formatted, the failing test lints, types and formats
// clean, and the formatting slip lints and types clean. So the tool that catches it is
// the tool meant to.

import { randomBytes, randomInt } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { SKIPPED_FOLDERS } from '../core/folderWalk';

export type SeedKind = 'clean' | 'lint' | 'type' | 'test' | 'format';

export interface SeedPlan {
  /** The new module, relative to the project root (forward slashes). */
  readonly module: string;
  /** The new test file. */
  readonly test: string;
  /** The file a test that ran leaves behind, relative (beside the test). */
  readonly marker: string;
  /** The files of each variant: path → text. */
  files(kind: SeedKind): Record<string, string>;
  /** What is wrong in a variant, for messages: "an unused import (F401) in pkg/upskill_check_1a2b.py". */
  describe(kind: SeedKind): string;
}

const IGNORED = new Set([...SKIPPED_FOLDERS, '.git', 'build', 'dist', 'docs', 'site-packages', '.eggs', 'htmlcov']);
const isTestFile = (name: string) => /^test_.*\.py$|^.*_test\.py$/.test(name);

async function pythonFiles(root: string, rel = '', depth = 0): Promise<string[]> {
  if (depth > 6) return [];
  const out: string[] = [];
  const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!IGNORED.has(e.name) && !e.name.startsWith('.') && !e.name.endsWith('.egg-info')) out.push(...(await pythonFiles(root, r, depth + 1)));
    } else if (e.isFile() && e.name.endsWith('.py')) out.push(r);
  }
  return out.sort();
}

/** The folder holding the most files of a kind, the shallowest on a tie; '' (the root) when there are none. */
function busiest(files: readonly string[]): string {
  const count = new Map<string, number>();
  for (const f of files) {
    const dir = path.posix.dirname(f) === '.' ? '' : path.posix.dirname(f);
    count.set(dir, (count.get(dir) ?? 0) + 1);
  }
  let best = '';
  let bestCount = 0;
  for (const [dir, n] of count) {
    const depth = dir ? dir.split('/').length : 0;
    const bestDepth = best ? best.split('/').length : 0;
    if (n > bestCount || (n === bestCount && depth < bestDepth)) {
      best = dir;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Plans the seeds for a project: the module goes where most of its modules are (a package
 * folder, src/…, or the root), the test beside its tests, in their style (unittest classes
 * when its tests are written that way, else plain pytest functions, which pytest runs).
 */
export async function planSeeds(root: string): Promise<SeedPlan> {
  const files = await pythonFiles(root);
  const tests = files.filter((f) => isTestFile(path.posix.basename(f)) || f.split('/').slice(0, -1).some((d) => d === 'tests' || d === 'test'));
  const testFiles = tests.filter((f) => isTestFile(path.posix.basename(f)));
  const modules = files.filter((f) => !tests.includes(f) && path.posix.basename(f) !== 'conftest.py' && path.posix.basename(f) !== 'setup.py' && path.posix.basename(f) !== 'noxfile.py');
  const moduleDir = busiest(modules);
  const testDir = testFiles.length ? busiest(testFiles) : moduleDir;
  let unittestStyle = false;
  for (const f of testFiles.slice(0, 20)) {
    const text = await fs.readFile(path.join(root, f), 'utf8').catch(() => '');
    if (/\bunittest\.TestCase\b|\(TestCase\)/.test(text)) unittestStyle = true;
  }
  const id = randomBytes(3).toString('hex');
  const name = `upskill_check_${id}`;
  const join = (dir: string, file: string) => (dir ? `${dir}/${file}` : file);
  const module = join(moduleDir, `${name}.py`);
  const test = join(testDir, `test_${name}.py`);
  const marker = join(testDir, `.upskill-ran-${id}`);
  const values = [randomInt(2, 9), randomInt(2, 9), randomInt(2, 9)];
  const sum = values[0] + values[1] + values[2];
  const wrongSum = sum + randomInt(1, 5);
  // An unused local variable (F841): every linter flags it, and Ruff's fix for it is unsafe,
  // so `ruff check --fix` leaves it (and fails) as it does for most findings.
  const unused = ['total', 'count', 'size', 'width', 'rows'][randomInt(0, 5)];
  const docstring = `"""Added by Upskill's check: a module that changes with each run."""`;
  const cleanModule = [docstring, '', '', `def ${name}(values: list[int]) -> int:`, '    """Return the sum of the values."""', '    return sum(values)', ''].join('\n');
  const lintModule = [docstring, '', '', `def ${name}(values: list[int]) -> int:`, '    """Return the sum of the values."""', `    ${unused} = len(values)`, '    return sum(values)', ''].join('\n');
  const typeModule = [docstring, '', '', `def ${name}(values: list[int]) -> int:`, '    """Return how many values there are."""', '    return str(len(values))', ''].join('\n');
  const formatModule = [docstring, '', '', `def ${name}(values: list[int]) -> int:`, '    """Return the sum of the values."""', '    return sum(', '        values', '    )', ''].join('\n');
  const testText = (expected: number) =>
    unittestStyle
      ? [
          `"""Added by Upskill's check: a test that runs with the others."""`,
          '',
          'import unittest',
          'from pathlib import Path',
          '',
          '',
          `class TestUpskillCheck${id.toUpperCase()}(unittest.TestCase):`,
          '    """Sums of a few numbers."""',
          '',
          '    def test_sum(self) -> None:',
          '        """Leave a mark, then check a sum."""',
          `        Path(__file__).with_name(".upskill-ran-${id}").touch()`,
          `        self.assertEqual(sum([${values.join(', ')}]), ${expected})`,
          '',
        ].join('\n')
      : [
          `"""Added by Upskill's check: a test that runs with the others."""`,
          '',
          'from pathlib import Path',
          '',
          '',
          `def test_${name}() -> None:`,
          '    """Leave a mark, then check a sum."""',
          `    Path(__file__).with_name(".upskill-ran-${id}").touch()`,
          `    assert sum([${values.join(', ')}]) == ${expected}`,
          '',
        ].join('\n');
  return {
    module,
    test,
    marker,
    files: (kind) => ({
      [module]: kind === 'lint' ? lintModule : kind === 'type' ? typeModule : kind === 'format' ? formatModule : cleanModule,
      [test]: testText(kind === 'test' ? wrongSum : sum),
    }),
    describe: (kind) => {
      switch (kind) {
        case 'clean':
          return `a new module (${module}) and a new test (${test}), nothing wrong in them`;
        case 'lint':
          return `an unused local variable (F841) in ${module}`;
        case 'type':
          return `a function of ${module} that returns a str where its annotation says int (a mypy error)`;
        case 'test':
          return `a failing test in ${test}`;
        case 'format':
          return `a call split over three lines in ${module} that ruff format would join`;
      }
    },
  };
}

/** Writes a variant's files into a copy of the project. */
export async function writeSeed(dir: string, plan: SeedPlan, kind: SeedKind): Promise<void> {
  for (const [rel, text] of Object.entries(plan.files(kind))) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
}
