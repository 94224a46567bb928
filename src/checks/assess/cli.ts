// `npm run assess -- PATH [--json]`: the project assessment from the command line, so a team
// can run it in CI or compare projects. The exit code says whether the assessment ran (0),
// not how good the project is: 2 for a usage error or a folder that cannot be read, 130
// when interrupted.

import { assessmentTable } from '../../core/assessment';
import { AssessCancelled, assessProject } from './assess';

const USAGE = 'usage: npm run assess -- PATH [--json]\n  Assesses the Python project in PATH read-only and prints a table, or JSON (resources/schema/assessment.schema.json).';

async function main(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
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
    const a = await assessProject(rest[0], { signal: controller.signal });
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
