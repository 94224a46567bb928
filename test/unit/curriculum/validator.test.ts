// The content validator's own tests: a tiny track (test/fixtures/curriculum-track) with a
// good exercise, a broken one (a starter that passes, a cheat that gets through, a single
// honest variant that fails, a missing main file, no why:, one hint, no heading) and one
// that does not load, run through the
// validator's API with the real check engine; and its command line. The shipped exercises
// are validated by `npm run validate-content`, not here.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { USAGE, main, parseCommandLine } from '../../curriculum/cli';
import { type Validation, UsageError, defaultJobs, formatTable, formatViolation, markdownProblems, unclosedCodeSpan, validateContent } from '../../curriculum/validator';

const ROOT = process.cwd();
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'curriculum-track');

function capture(): { io: { log: (l: string) => void; error: (l: string) => void }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (l) => out.push(l), error: (l) => err.push(l) }, out, err };
}

describe('content validator (test/curriculum)', function () {
  this.timeout(120_000);

  describe('on a track with a broken exercise', () => {
    let v: Validation;
    before(async () => {
      v = await validateContent({ root: ROOT, path: FIXTURE, jobs: 2 });
    });
    const whats = (exercise: string | undefined) => v.violations.filter((x) => x.exercise === exercise).map((x) => x.what);

    it('exits 1', () => {
      assert.strictEqual(v.exitCode, 1);
      assert.strictEqual(v.jobs, 2);
    });

    it('reports a starter that passes, with its check report', () => {
      const starter = v.violations.find((x) => x.exercise === 'fixture-broken' && /the starter passes every check/.test(x.what));
      assert.ok(starter, whats('fixture-broken').join('\n'));
      assert.ok(starter.details?.some((d) => /\[passed\] The seed is 42/.test(d)), 'the report shows which check passed');
      assert.match(formatViolation(starter), /^✗ fixture-broken: the starter passes every check[^]*run again with --keep/);
    });

    it('reports a cheat that gets through, by name', () => {
      assert.ok(
        whats('fixture-broken').some((w) => /cheat "cheats\/gets-through: the answer itself.*" was not refused: it passes every check/.test(w)),
        whats('fixture-broken').join('\n'),
      );
    });

    it('reports an honest variant that fails, by name, with the check that refused it, and an exercise with fewer than two', () => {
      const honest = v.violations.find((x) => x.exercise === 'fixture-broken' && /honest variant/.test(x.what) && /does not pass/.test(x.what));
      assert.ok(honest, whats('fixture-broken').join('\n'));
      assert.match(honest.what, /^honest variant "honest\/no-spaces: the seed written without spaces around =" does not pass: The seed is 42 \(failed\)/);
      assert.ok(honest.details?.some((d) => /\[failed\] The seed is 42/.test(d)), 'the report shows which check failed');
      assert.ok(whats('fixture-broken').some((w) => /^has 1 honest variant; at least 2 are expected/.test(w)));
      assert.ok(!whats('fixture-good').some((w) => /honest/.test(w)));
    });

    it('reports a file the content names that does not exist, and an exercise that did not load', () => {
      assert.ok(whats('fixture-broken').includes('its main file train.py is not in starter/'));
      const content = v.violations.filter((x) => x.exercise === undefined);
      assert.ok(
        content.some((x) => x.details?.some((d) => /fixture-missing\/exercise\.yaml:\d+:\d+ exercises\[0\]\.solution: folder "solution" does not exist/.test(d))),
        'the content error with its line',
      );
      assert.ok(content.some((x) => /did not load/.test(x.what) && x.details?.some((d) => d.endsWith('fixture-missing'))), 'the folder that did not load');
      assert.ok(whats('fixture-missing').some((w) => /did not load/.test(w)));
    });

    it('reports a missing why:, a single hint and instructions without a heading', () => {
      const w = whats('fixture-broken');
      assert.ok(w.some((x) => /has no "why:"/.test(x)));
      assert.ok(w.includes('has 1 hint; at least 2 are expected, each stronger than the last'));
      assert.ok(w.includes('its instructions README.md: no top-level "# " heading'));
    });

    it('passes the good exercise: its starter fails, its solution and both honest variants pass, every cheat is refused', () => {
      assert.deepStrictEqual(whats('fixture-good'), []);
      const good = v.rows.find((r) => r.id === 'fixture-good')!;
      assert.deepStrictEqual([good.starterFails, good.solutionPasses, good.honestPassed, good.honestTried, good.refused, good.tried], [true, true, 2, 2, 3, 3]);
      const broken = v.rows.find((r) => r.id === 'fixture-broken')!;
      assert.deepStrictEqual([broken.starterFails, broken.solutionPasses, broken.honestPassed, broken.honestTried, broken.refused, broken.tried], [false, true, 0, 1, 2, 3]);
      const table = formatTable(v.rows);
      assert.match(table, /^exercise +starter fails +solution passes +honest passed \/ tried +cheats refused \/ tried +seconds$/m);
      assert.match(table, /^fixture-broken +NO +yes +0 \/ 1 +2 \/ 3 +\d+\.\d$/m);
      assert.match(table, /^fixture-missing +- +- +0 \/ 0 +0 \/ 0 +0\.0$/m);
    });

    it('validates only the track it was given: the shipped catalog is loaded beside it, not validated', () => {
      assert.deepStrictEqual(
        v.rows.map((r) => r.id),
        ['fixture-broken', 'fixture-good', 'fixture-missing'],
      );
      assert.ok(!v.violations.some((x) => /check kind/.test(x.what)), 'check-kind coverage is a rule for the shipped catalog only');
    });
  });

  it('--only runs one exercise; the catalog rules still hold for the whole track', async () => {
    const c = capture();
    const code = await main(['--path', FIXTURE, '--only', 'fixture-good', '--jobs', '2'], ROOT, c.io);
    const out = c.out.join('\n');
    assert.match(out, /fixture-good +yes +yes +2 \/ 2 +3 \/ 3/);
    assert.doesNotMatch(out, /fixture-broken/);
    assert.match(out, /✗ content: the content has 1 error/);
    assert.strictEqual(code, 1);
  });

  it('--keep keeps the folder a violation happened in, and names it', async () => {
    const v = await validateContent({ root: ROOT, path: FIXTURE, only: ['fixture-broken'], keep: true });
    try {
      const starter = v.violations.find((x) => /the starter passes/.test(x.what))!;
      assert.ok(starter.folder && starter.kept);
      assert.ok(starter.folder.startsWith(v.keptIn!));
      assert.strictEqual(await fs.readFile(path.join(starter.folder, 'config.py'), 'utf8'), 'SEED = 42\n');
      assert.ok(formatViolation(starter).includes(`folder: ${starter.folder} (kept)`));
    } finally {
      await fs.rm(v.keptIn!, { recursive: true, force: true });
    }
  });

  it('exits 0 on a sound track, and prints the table and the total time', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-validator-test-'));
    try {
      await fs.cp(path.join(FIXTURE, 'track.yaml'), path.join(dir, 'track.yaml'));
      await fs.cp(path.join(FIXTURE, 'exercises', 'fixture-good'), path.join(dir, 'exercises', 'fixture-good'), { recursive: true });
      const c = capture();
      const code = await main(['--path', dir, '--jobs', '1'], ROOT, c.io);
      const out = c.out.join('\n');
      assert.strictEqual(code, 0, out);
      assert.match(out, /^fixture-good +yes +yes +2 \/ 2 +3 \/ 3 +\d+\.\d$/m);
      assert.match(out, /1 exercise, 7 check runs on 1 worker: no violations\. Total \d+\.\d s\./);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('SIGUSR2 adds a worker, also when it comes before the check runs start, up to the number of cores', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-validator-test-'));
    try {
      await fs.cp(path.join(FIXTURE, 'track.yaml'), path.join(dir, 'track.yaml'));
      await fs.cp(path.join(FIXTURE, 'exercises', 'fixture-good'), path.join(dir, 'exercises', 'fixture-good'), { recursive: true });
      const c = capture();
      const running = main(['--path', dir, '--jobs', '1'], ROOT, c.io);
      // Twice, while the content still loads: one worker more, never more than the cores.
      process.kill(process.pid, 'SIGUSR2');
      process.kill(process.pid, 'SIGUSR2');
      const code = await running;
      const out = c.out.join('\n');
      assert.strictEqual(code, 0, out);
      const workers = Math.min(3, defaultJobs());
      assert.match(out, new RegExp(`1 exercise, 7 check runs on ${workers} workers?: no violations`));
      assert.strictEqual(process.listenerCount('SIGUSR2'), 0, 'the validator stops listening when it ends');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('--static runs no check, and still reports what the content rules find', async () => {
    const c = capture();
    const code = await main(['--path', FIXTURE, '--static', '--jobs', '1'], ROOT, c.io);
    const out = c.out.join('\n');
    assert.strictEqual(code, 1);
    assert.match(out, /3 exercises, 0 check runs on 1 worker/);
    assert.match(out, /✗ fixture-broken: has 1 hint; at least 2 are expected/);
    assert.doesNotMatch(out, /starter fails/, 'no table of check runs that did not happen');
    assert.doesNotMatch(out, /the starter passes every check/);
  });

  describe('command line', () => {
    it('--help prints the usage and exits 0', async () => {
      const c = capture();
      assert.strictEqual(await main(['--help'], ROOT, c.io), 0);
      assert.strictEqual(c.out.join('\n'), USAGE);
      for (const option of ['--only ID', '--path DIR', '--jobs N', '--keep', '--verbose', '--static', '--python PATH', '--help']) assert.ok(USAGE.includes(option), option);
    });

    it('exits 2 with the usage on bad usage', async () => {
      const bad = [['--bogus'], ['--jobs', '0'], ['--jobs', 'two'], ['stray'], ['--only', 'no-such-exercise'], ['--path', path.join(FIXTURE, 'nope')], ['--only', ','], ['--python', '/nonexistent/python3']];
      for (const argv of bad) {
        const c = capture();
        assert.strictEqual(await main(argv, ROOT, c.io), 2, argv.join(' '));
        assert.ok(c.err.join('\n').includes('Usage: npm run validate-content'), argv.join(' '));
      }
      const c = capture();
      await main(['--path', FIXTURE, '--only', 'fixture-nope'], ROOT, c.io);
      assert.match(c.err.join('\n'), /No exercise "fixture-nope" in .*curriculum-track\. Its exercises: fixture-broken, fixture-good, fixture-missing\./);
    });

    it('parses its options', () => {
      assert.deepStrictEqual(parseCommandLine(['--only', 'a,b', '--only', 'c', '--jobs', '1', '--keep']), {
        help: false,
        options: { only: ['a', 'b', 'c'], jobs: 1, keep: true, verbose: Boolean(process.env.UPSKILL_CURRICULUM_VERBOSE) },
      });
      assert.deepStrictEqual(parseCommandLine(['--static']), { help: false, options: { static: true, keep: false, verbose: Boolean(process.env.UPSKILL_CURRICULUM_VERBOSE) } });
      assert.deepStrictEqual(parseCommandLine(['-h']), { help: true });
      assert.throws(() => parseCommandLine(['--jobs']), UsageError);
    });
  });

  describe('Markdown rules', () => {
    it('wants a top-level heading outside code blocks, and every code block closed', () => {
      assert.deepStrictEqual(markdownProblems('# Title\n\nText.\n', 'README.md'), []);
      assert.deepStrictEqual(markdownProblems('Text.\n```bash\n# not a heading\n```\n', 'README.md'), ['README.md: no top-level "# " heading']);
      assert.deepStrictEqual(markdownProblems('# Title\n```python\nx = 1\n', 'README.md'), ['README.md: the code block opened at line 2 is never closed']);
      assert.deepStrictEqual(markdownProblems('## Only a second level\n', 'README.md'), ['README.md: no top-level "# " heading']);
    });

    it('finds a hint whose code span is never closed', () => {
      assert.ok(unclosedCodeSpan('Run `ruff check . and read it.'));
      assert.ok(!unclosedCodeSpan('Run `ruff check .` and read it.'));
      assert.ok(!unclosedCodeSpan('A block:\n```\na ` b\n```\nthen `x`.'));
    });
  });
});
