// `npm run assess -- PATH [--json] [--run-tests] [--run-workflows]`: the project assessment from the command line, so a team
// can run it in CI or compare projects. The exit code says whether the assessment ran (0),
// not how good the project is: 2 for a usage error or a folder that cannot be read, 130
// when interrupted.

import { assessmentTable } from '../../core/assessment';
import { AssessCancelled, assessProject } from './assess';

const USAGE = [
  'usage: npm run assess -- PATH [--json] [--run-tests] [--run-workflows]',
  '  Assesses the Python project in PATH read-only and prints a table, or JSON (resources/schema/assessment.schema.json).',
  '  mypy runs with the first of $UPSKILL_PYTHON, python3, python; --run-tests runs the tests too, in a scratch copy;',
  '  --run-workflows runs each GitHub workflow on a seeded lint finding and a seeded failing test, in a scratch copy.',
].join('\n');

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const runTests = argv.includes('--run-tests');
  const runWorkflows = argv.includes('--run-workflows');
  const rest = argv.filter((a) => a !== '--json' && a !== '--run-tests' && a !== '--run-workflows');
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown || rest.length !== 1) {
    process.stderr.write(`${unknown ? `unknown option ${unknown}` : rest.length ? 'give one folder' : 'no folder given'}\n${USAGE}\n`);
    return 2;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const chosen = process.env.UPSKILL_PYTHON?.trim();
    const interpreters = [...(chosen ? [{ path: chosen, origin: 'UPSKILL_PYTHON' }] : []), { path: 'python3', origin: 'PATH (python3)' }, { path: 'python', origin: 'PATH (python)' }];
    const a = await assessProject(rest[0], { signal: controller.signal, interpreters, runTests, runWorkflows });
    process.stdout.write(json ? `${JSON.stringify(a, null, 2)}\n` : `${assessmentTable(a)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof AssessCancelled) {
      process.stderr.write(`${e.message}\n`);
      return 130;
    }
    process.stderr.write(`assess: ${(e as Error).message}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`assess: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
