// One e2e session: a fresh copy of the sample workspace, a fresh VS Code profile with the
// built extension, code-server, and a browser on it. Every test file starts its own, so
// tests never share state and never dirty the repository.

import { spawnSync } from 'child_process';
import { promises as fs, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM helper shared with the scripts; typed by use below
import { ROOT, stageExtension, startCodeServer, writeUserSettings } from './codeServer.mjs';
import { Workbench } from './workbench';

export interface Session {
  readonly wb: Workbench;
  readonly workspace: string;
  readonly home: string;
  stop(): Promise<void>;
  /** Restarts the browser page on the same server: a window reload, as a person would do. */
  reload(): Promise<void>;
  /** The address the first window opened, for a second window on the same server. */
  readonly url: string;
}

/** Text the tests type goes in as written: no auto-indent, auto-closing or suggestions. */
const TYPING_SETTINGS = {
  'editor.autoIndent': 'none',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
};

export interface SessionOptions {
  readonly name: string;
  readonly settings?: Record<string, unknown>;
  /** Files to add to the workspace before VS Code opens, relative path → text. */
  readonly files?: Record<string, string>;
  readonly width?: number;
  readonly height?: number;
  /** Environment variables for code-server and so every window's extension host, e.g. a test-only seam. */
  readonly env?: Record<string, string>;
}

/**
 * The built extension, staged once per test process (copying its ~1,500 files took about
 * 5 s a session on a loaded 2-core machine) and linked into each session's extensions
 * folder with hard links (half a second). Nothing writes into an installed extension.
 */
let staged: Promise<string> | undefined;
function stagedOnce(): Promise<string> {
  staged ??= (async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-e2e-staged-'));
    if (!process.env.UPSKILL_KEEP_E2E) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return stageExtension(dir) as Promise<string>;
  })();
  return staged;
}

async function installStaged(extensionsDir: string): Promise<void> {
  const source = await stagedOnce();
  await fs.mkdir(extensionsDir, { recursive: true });
  const linked = spawnSync('cp', ['-al', source, extensionsDir + path.sep], { encoding: 'utf8' });
  // Where hard links are not possible (another file system), a copy does the same.
  if (linked.status !== 0) await fs.cp(source, path.join(extensionsDir, path.basename(source)), { recursive: true });
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), `upskill-e2e-${options.name}-`));
  const workspace = path.join(home, 'workspace');
  await fs.cp(path.join(ROOT, 'test', 'fixtures', 'e2e-workspace'), workspace, { recursive: true });
  for (const [rel, text] of Object.entries(options.files ?? {})) {
    await fs.mkdir(path.dirname(path.join(workspace, rel)), { recursive: true });
    await fs.writeFile(path.join(workspace, rel), text);
  }
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  await writeUserSettings(userDataDir, { ...TYPING_SETTINGS, ...options.settings });
  await installStaged(extensionsDir);
  const logFile = path.join(home, 'code-server.log');
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    folder: workspace,
    log: (line: string) => void fs.appendFile(logFile, line + '\n'),
    env: options.env ?? {},
  });
  const wb = await Workbench.launch({ screenshotsDir: path.join(ROOT, 'test-results', 'screenshots'), width: options.width, height: options.height });
  try {
    await wb.open(server.url);
  } catch (e) {
    await wb.screenshot(`${options.name}-failed-to-open`).catch(() => undefined);
    await wb.close();
    await server.stop();
    throw e;
  }
  return {
    wb,
    workspace,
    home,
    url: server.url,
    reload: () => wb.reload(),
    stop: async () => {
      await wb.close();
      await server.stop();
      if (!process.env.UPSKILL_KEEP_E2E) await fs.rm(home, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/** Registers an afterEach that screenshots the workbench when a test fails, named after it. */
export function screenshotFailures(session: () => Session | undefined): void {
  afterEach(async function () {
    const t = this.currentTest;
    if (t?.state !== 'failed') return;
    const name = `failed-${t.fullTitle().toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 80)}`;
    await session()?.wb.screenshot(name).catch(() => undefined);
  });
}
