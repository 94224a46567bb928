// Entry point of the in-host suite, in the shape @vscode/test-electron expects:
// `run()` resolves when every test passed and rejects otherwise. The code-server harness
// loads it through the test-runner extension (test/integration/runner-extension).

import Mocha from 'mocha';

export interface InHostResult {
  readonly passed: number;
  readonly failed: number;
  readonly failures: { title: string; error: string }[];
}

export function run(): Promise<void> {
  return runSuite().then((r) => {
    if (r.failed) throw new Error(`${r.failed} in-host test(s) failed`);
  });
}

export function runSuite(): Promise<InHostResult> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000 });
  mocha.suite.emit('pre-require', globalThis, 'index', mocha);
  // Suites register with the globals mocha just installed; esbuild bundles them here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./activation.itest');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./exercises.itest');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./studyTimer.itest');
  return new Promise((resolve) => {
    const failures: InHostResult['failures'] = [];
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: failures.length, failures }));
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), error: err.stack ?? String(err) }));
  });
}
