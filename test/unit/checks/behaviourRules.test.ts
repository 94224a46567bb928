// Rules the instructions state, judged by behaviour: the programs a script ran (upskill_trace.py),
// randomness under global generators that ignore seeds (upskill_unseeded.py), and a moved
// function left in a notebook under another name (structure's notebookImports, by likeness).

import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { checkStructure } from '../../../src/checks/structure';
import type { StructureCheck } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

const LIB = path.join(process.cwd(), 'resources', 'python');

interface Traced {
  readonly traced: boolean;
  readonly why?: string;
  readonly programs?: { exe: string; argv: string[] }[];
}

function trace(script: string): { code: number | null; stdout: string; report: Traced } {
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'upskill-trace-')), 'report.json');
  const run = spawnSync(PYTHON.path, ['-I', path.join(LIB, 'upskill_trace.py'), report, '--', 'bash', '-c', script], { encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, report: JSON.parse(readFileSync(report, 'utf8')) as Traced };
}

describe('upskill_trace.py: the programs a command ran', () => {
  it('sees a program whose name the script builds at run time, one started by awk, and one in a new session', () => {
    const probe = trace('p=ec; q=ho; "/bin/${p}${q}" built; awk \'BEGIN { system("cat /dev/null") }\'; setsid true; exit 3');
    assert.ok(probe.report.traced, `not traced on ${process.platform}: ${probe.report.why}`);
    assert.strictEqual(probe.code, 3, 'the command\'s exit status is passed on');
    assert.match(probe.stdout, /built/);
    const names = (probe.report.programs ?? []).map((p) => path.basename(p.exe));
    for (const expected of ['bash', 'echo', 'cat', 'setsid', 'true']) assert.ok(names.includes(expected), `${expected} not among ${names.join(', ')}`);
    assert.ok(names.some((n) => /awk/.test(n)), `no awk among ${names.join(', ')}`);
    const built = (probe.report.programs ?? []).find((p) => path.basename(p.exe) === 'echo');
    assert.deepStrictEqual(built?.argv, ['/bin/echo', 'built']);
  });

  it('reports nothing but bash for a script that starts no program', () => {
    const probe = trace('x=$((2 + 3)); echo "$x"');
    assert.ok(probe.report.traced, `not traced on ${process.platform}: ${probe.report.why}`);
    assert.strictEqual(probe.stdout, '5\n');
    assert.deepStrictEqual((probe.report.programs ?? []).map((p) => path.basename(p.exe)), ['bash']);
  });
});

describe('upskill_unseeded.py: global generators that ignore seeds', () => {
  const PROBE = String.raw`
import json, random, sys
sys.path.insert(0, sys.argv[1])
from random import seed as seed_alias, shuffle as shuffle_alias
import upskill_unseeded

def seed_and_restore(s):
    state = random.getstate(); seed_alias(s); x = list(range(30)); shuffle_alias(x); random.setstate(state); return x

def own_generator(s):
    x = list(range(30)); random.Random(s).shuffle(x); return x

before = [seed_and_restore(4), own_generator(4)]
upskill_unseeded.on()
during = [[seed_and_restore(4), own_generator(4)] for _ in range(2)]
upskill_unseeded.off()
random.seed(9)
print(json.dumps({"before": before, "during": during, "after": seed_and_restore(4), "seeded": random.random() == random.Random(9).random()}))
`;
  it('changes what seeded global draws give, leaves a generator of its own alone, and restores seeding after', () => {
    const out = JSON.parse(execFileSync(PYTHON.path, ['-I', '-c', PROBE, LIB]).toString()) as { before: number[][]; during: number[][][]; after: number[]; seeded: boolean };
    const [globalBefore, ownBefore] = out.before;
    assert.ok(out.during.some(([g]) => JSON.stringify(g) !== JSON.stringify(globalBefore)), 'seeding the global generator (through an alias taken at import) still gave the same draws');
    for (const [, own] of out.during) assert.deepStrictEqual(own, ownBefore, 'a random.Random(seed) of its own changed');
    assert.deepStrictEqual(out.after, globalBefore, 'after off(), seeding works again');
    assert.ok(out.seeded);
  });
});

describe('notebookImports: a moved function left behind under another name', () => {
  const cell = (source: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source });
  const notebook = (...cells: string[]) => JSON.stringify({ cells: cells.map(cell), metadata: {}, nbformat: 4, nbformat_minor: 5 });
  const MOVED = [
    'def snake_columns(names):',
    '    out, seen = [], {}',
    '    for name in names:',
    '        key = re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")',
    '        seen[key] = seen.get(key, 0) + 1',
    '        out.append(key if seen[key] == 1 else f"{key}_{seen[key]}")',
    '    return out',
    '',
  ].join('\n');
  const spec: StructureCheck = { type: 'structure', assert: [{ notebookImports: { notebook: 'analysis.ipynb', module: 'cleaning' } }] };

  async function judge(nb: string) {
    const exerciseDir = await folder({ 'starter/analysis.ipynb': notebook(`import re\n\n${MOVED}`, 'header = snake_columns(["A b", "A-b"])') });
    const work = await folder({ 'cleaning.py': `import re\n\n\n${MOVED}`, 'analysis.ipynb': nb });
    const ctx = context(work, [spec], {}, exerciseDir);
    return checkStructure(spec, { ...ctx, exercise: { ...ctx.exercise, starter: 'starter' } });
  }

  it('refuses the function kept under a new name, with other local names, beside the import', async () => {
    const renamed = MOVED.replace('snake_columns', 'tidy').replace(/\bout\b/g, 'cols').replace(/\bseen\b/g, 'counts');
    const r = await judge(notebook(`import re\nimport cleaning\n\n${renamed}`, 'header = tidy(["A b"])'));
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary + r.details.join('\n'), /still holds the code of snake_columns .* under another name/);
  });

  it('accepts a notebook that calls the module, with small helpers and analysis code of its own', async () => {
    const r = await judge(notebook('from cleaning import snake_columns as tidy', 'def first(xs):\n    return xs[0]\n', 'header = tidy(["A b", "A-b"])\nprint(first(header), len(header))'));
    assert.strictEqual(r.status, 'passed', r.details.join('\n'));
  });
});
