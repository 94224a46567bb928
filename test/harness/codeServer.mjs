// Starts and stops a real VS Code (code-server 4.139.1, VS Code 1.139.1) from the cache
// that test/harness/install.sh fills, with the built extension staged into a fresh
// extensions folder. Shared by the e2e runner and `npm start`.
import { spawn } from 'child_process';
import { promises as fs, existsSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

// Scripts and tests run from the repository root (npm does that); the e2e bundles import this file too.
export const ROOT = process.env.UPSKILL_ROOT || process.cwd();
export const CS_VERSION = '4.139.1';
export const CACHE = process.env.UPSKILL_CACHE ?? path.join(os.homedir(), '.cache', 'upskill');
const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node', 'bin');
const CODE_SERVER = path.join(CACHE, `code-server-${CS_VERSION}`, 'node_modules', '.bin', 'code-server');

export function pkg() {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** Copies what the .vsix would contain into `<extensionsDir>/upskill.upskill-<version>`. */
export async function stageExtension(extensionsDir) {
  const { publisher, name, version } = pkg();
  const target = path.join(extensionsDir, `${publisher}.${name}-${version}`);
  await fs.rm(target, { recursive: true, force: true });
  await fs.mkdir(target, { recursive: true });
  for (const item of ['package.json', 'package.nls.json', 'l10n', 'README.md', 'dist', 'media', 'resources']) {
    await fs.cp(path.join(ROOT, item), path.join(target, item), { recursive: true });
  }
  await fs.cp(path.join(ROOT, 'node_modules', '@astral-sh', 'ruff-wasm-nodejs'), path.join(target, 'node_modules', '@astral-sh', 'ruff-wasm-nodejs'), { recursive: true });
  return target;
}

/** The in-host test runner, next to Upskill; it reads its instructions from `configFile`. */
export async function stageTestRunner(extensionsDir, config) {
  const target = path.join(extensionsDir, 'upskill.upskill-test-runner-0.0.1');
  await fs.rm(target, { recursive: true, force: true });
  await fs.cp(path.join(ROOT, 'test', 'integration', 'runner-extension'), target, { recursive: true });
  await fs.writeFile(path.join(target, 'config.json'), JSON.stringify(config, null, 2));
  return target;
}

/**
 * Writes the profile's settings. code-server is a remote setup: settings of `machine`
 * scope (upskill.pythonPath, …) are read from the Machine file, the rest from User.
 */
export async function writeUserSettings(userDataDir, settings) {
  for (const scope of ['User', 'Machine']) {
    const dir = path.join(userDataDir, scope);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    let current = {};
    try {
      current = JSON.parse(await fs.readFile(file, 'utf8'));
    } catch {
      // a fresh profile
    }
    await fs.writeFile(file, JSON.stringify({ ...defaultSettings(), ...current, ...settings }, null, 2));
  }
}

export function defaultSettings() {
  return {
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'git.openRepositoryInParentFolders': 'never',
    'upskill.pythonPath': '/usr/bin/python3',
  };
}

export function codeServerInstalled() {
  return existsSync(CODE_SERVER) && existsSync(path.join(NODE24_BIN, 'node'));
}

/**
 * Starts code-server and resolves with { url, port, stop } once it listens.
 * `port` 0 picks a free one.
 */
export async function startCodeServer({ userDataDir, extensionsDir, folder, port = 0, log = () => {}, env = {} }) {
  if (!codeServerInstalled()) throw new Error(`code-server is not installed in ${CACHE}: run "bash test/harness/install.sh".`);
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  const child = spawn(CODE_SERVER, args, {
    env: { ...process.env, ...env, PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}` },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise((resolve, reject) => {
    const onData = (b) => {
      const text = b.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with code ${code} before listening:\n${output.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`code-server did not start within 90 s:\n${output.slice(-2000)}`)), 90_000).unref();
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await new Promise((r) => {
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
        r();
      }, 5000);
      child.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
  };
  try {
    const actualPort = await listening;
    const url = `http://127.0.0.1:${actualPort}/?folder=${encodeURIComponent(folder)}`;
    return { url, port: actualPort, stop, child };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Installs a .vsix the way a user would, with code-server's own `--install-extension`. */
export async function installVsix({ vsix, userDataDir, extensionsDir }) {
  if (!codeServerInstalled()) throw new Error(`code-server is not installed in ${CACHE}: run "bash test/harness/install.sh".`);
  const args = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
  const child = spawn(CODE_SERVER, args, {
    env: { ...process.env, PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${code}):\n${output.slice(-2000)}`);
  return output.trim();
}
