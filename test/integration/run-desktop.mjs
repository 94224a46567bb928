// `npm run test:desktop`: the same in-host suite as the code-server tier, in desktop VS Code
// through @vscode/test-electron. It downloads VS Code on first run, so it needs a desktop
// with internet (and a display, or xvfb-run on Linux); the machines CI runs on have neither,
// which is why `npm test` runs this suite inside code-server instead.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { ROOT, writeUserSettings } from '../harness/codeServer.mjs';

const home = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-desktop-'));
const workspace = path.join(home, 'workspace');
await fs.cp(path.join(ROOT, 'test', 'fixtures', 'e2e-workspace'), workspace, { recursive: true });
const userDataDir = path.join(home, 'user-data');
await writeUserSettings(userDataDir, {});
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'integration', 'index.js'),
    extensionTestsEnv: { NODE_PATH: path.join(ROOT, 'node_modules') },
    launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error(`The in-host suite failed in desktop VS Code: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  await fs.rm(home, { recursive: true, force: true });
}
