// `npm start`: a real VS Code (code-server) on 127.0.0.1 with the packaged Upskill installed
// from its .vsix and a sample folder open. Its profile lives in the cache, so settings,
// progress and the sample folder survive restarts; running it again never overwrites them.
import { createServer } from 'net';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE, ROOT, installVsix, pkg, startCodeServer, writeUserSettings } from './codeServer.mjs';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`PORT must be a port number between 1 and 65535, got "${process.env.PORT}".`);
  process.exit(2);
}
const sample = process.env.UPSKILL_SAMPLE ?? path.join(os.homedir(), 'upskill-sample');
const profile = path.join(CACHE, 'start');
const userDataDir = path.join(profile, 'user-data');
const extensionsDir = path.join(profile, 'extensions');
const vsix = path.join(ROOT, 'dist', 'upskill.vsix');

function portFree(p) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(p, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

if (!(await portFree(port))) {
  console.error(`Port ${port} on 127.0.0.1 is already in use (perhaps Upskill is already running: try http://127.0.0.1:${port}/).`);
  console.error(`To start another one, choose a free port: PORT=${port + 1} npm start`);
  process.exit(1);
}

if (!existsSync(sample)) {
  await fs.cp(path.join(ROOT, 'test', 'fixtures', 'e2e-workspace'), sample, { recursive: true });
  console.log(`Created the sample folder ${sample}`);
} else {
  console.log(`Using the sample folder ${sample} (left as it is)`);
}

if (!existsSync(vsix)) {
  console.error(`${vsix} is missing: run "npm run package" first (npm start does).`);
  process.exit(1);
}
// Only fills in settings the profile does not have yet; the learner's own choices stay.
await writeUserSettings(userDataDir, {});
const installed = await installVsix({ vsix, userDataDir, extensionsDir });
console.log(installed.split('\n').filter((l) => /upskill/i.test(l)).join('\n') || `Installed ${pkg().name} ${pkg().version}`);

const server = await startCodeServer({ userDataDir, extensionsDir, folder: sample, port });
console.log('');
console.log(`Upskill is running in VS Code at ${server.url}`);
console.log('Open it in a browser and click the Upskill icon in the Activity Bar. Press Ctrl+C to stop.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server stopped (exit ${code}).`);
    process.exit(code ?? 1);
  }
});
