// Owns the catalog: which folders content comes from, loading it on first use, reloading
// when a content file changes, and reporting content errors to the output channel.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Settings, WORKSPACE_CONTENT_DIR } from '../constants';
import { Emitter } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import { type Catalog, type ContentError, type ContentSource, formatContentError } from '../core/model';
import { isInside } from '../core/paths';
import type { ContentSnapshot } from '../core/content/snapshot';
import { contentLoadModule, contentModule } from './lazy';

const EMPTY: Catalog = { tracks: [], skills: new Map(), exercises: new Map(), errors: [] };
const RELOAD_DELAY_MS = 150;

export class ContentService extends DisposableBase {
  private catalog?: Catalog;
  private loading?: Promise<Catalog>;
  private watchers: vscode.Disposable[] = [];
  private watchKey: string | undefined;
  private reloadTimer?: NodeJS.Timeout;
  /** Shipped content does not change while the extension runs: its snapshot is read once. */
  private snapshot?: Promise<ContentSnapshot | undefined>;
  private readonly changed = this.register(new Emitter<Catalog>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
    /** Workspace content parsed on an earlier load (in global storage); none when undefined. */
    private readonly cacheFile?: string,
  ) {
    super();
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleReload()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${Settings.section}.${Settings.contentPaths}`)) this.scheduleReload();
      }),
    );
    this.register({ dispose: () => this.disposeWatchers() });
    this.register({ dispose: () => clearTimeout(this.reloadTimer) });
  }

  /** The catalog if it has been loaded already; never starts a load. */
  get loaded(): Catalog | undefined {
    return this.catalog;
  }

  /** The catalog, loading it the first time it is asked for. */
  get(): Promise<Catalog> {
    if (this.catalog) return Promise.resolve(this.catalog);
    this.loading ??= this.load();
    return this.loading;
  }

  reload(): Promise<Catalog> {
    this.loading = this.load();
    return this.loading;
  }

  /** Path shown to people: relative to the workspace folder or the extension, else absolute. */
  displayPath(file: string): string {
    const roots = [this.extensionPath, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)];
    for (const root of roots) {
      const rel = path.relative(root, file);
      if (rel && isInside(root, file)) return rel.split(path.sep).join('/');
    }
    return file;
  }

  formatError(e: ContentError): string {
    return formatContentError(e, (f) => this.displayPath(f));
  }

  sources(): ContentSource[] {
    const trusted = vscode.workspace.isTrusted;
    const out: ContentSource[] = [
      { kind: 'builtin', root: path.join(this.extensionPath, 'resources', 'content'), label: 'Upskill', trusted: true },
    ];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      out.push({
        kind: 'workspace',
        root: path.join(folder.uri.fsPath, WORKSPACE_CONTENT_DIR),
        label: `${folder.name}/${WORKSPACE_CONTENT_DIR}`,
        trusted,
      });
    }
    const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    const extra = vscode.workspace.getConfiguration(Settings.section).get<string[]>(Settings.contentPaths, []);
    for (const p of extra) {
      if (typeof p !== 'string' || !p.trim()) continue;
      const expanded = p.startsWith('~') ? path.join(os.homedir(), p.slice(1)) : p;
      const root = path.resolve(base, expanded);
      out.push({ kind: 'setting', root, label: path.basename(root), trusted });
    }
    return out;
  }

  private async load(): Promise<Catalog> {
    const sources = this.sources();
    this.watch(sources);
    const started = Date.now();
    let catalog: Catalog;
    try {
      const { fileParseCache, loadCatalogWith, nodeContentFs, readSnapshot, snapshotFile } = await contentLoadModule();
      this.snapshot ??= readSnapshot(snapshotFile(this.extensionPath));
      const snapshot = await this.snapshot;
      if (!snapshot) this.log.warn('The shipped content has no snapshot from the build: reading its files instead.');
      const key = await this.parserKey();
      const cache = this.cacheFile && key && sources.some((s) => s.kind !== 'builtin') ? fileParseCache(this.cacheFile, key) : undefined;
      catalog = await loadCatalogWith(sources, nodeContentFs, { snapshot, cache, parser: async () => (await contentModule()).parseContentFile });
      await cache?.save().catch((e: Error) => this.log.warn(`The content cache could not be written: ${e.message}`));
    } catch (e) {
      // The loader reports problems as errors; reaching here is a bug, and the learner still gets a message.
      this.log.error(`Loading content failed: ${(e as Error).stack ?? e}`);
      catalog = EMPTY;
    }
    this.log.info(
      `Loaded ${catalog.tracks.length} tracks, ${catalog.skills.size} skills, ${catalog.exercises.size} exercises from ${sources.length} source(s) in ${Date.now() - started} ms.`,
    );
    for (const e of catalog.errors) this.log.error(this.formatError(e));
    this.catalog = catalog;
    this.changed.fire(catalog);
    return catalog;
  }

  /**
   * Names the parser (and the schema it carries) that made the parse cache: its bundle's
   * time and size, so a new build never trusts what an older one accepted.
   */
  private async parserKey(): Promise<string | undefined> {
    const stat = await fs.stat(path.join(this.extensionPath, 'dist', 'content.js')).catch(() => undefined);
    return stat && `${stat.mtimeMs}:${stat.size}`;
  }

  scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      void this.reload();
    }, RELOAD_DELAY_MS);
  }

  /**
   * Watches user content (not shipped content: it only changes with an update). Workspace
   * content is watched from the workspace folder, so a `.upskill` folder that does not
   * exist yet is picked up when it is created: the folder itself is watched too, because a
   * file written straight after its new folder can arrive before the recursive watch
   * covers that folder. Watchers are kept while the sources stay the same, so no event
   * falls into the gap of recreating them.
   */
  private watch(sources: readonly ContentSource[]): void {
    const patterns: vscode.RelativePattern[] = [];
    for (const s of sources) {
      if (s.kind === 'builtin') continue;
      if (s.kind === 'workspace') {
        const folder = vscode.Uri.file(path.dirname(s.root));
        patterns.push(new vscode.RelativePattern(folder, WORKSPACE_CONTENT_DIR), new vscode.RelativePattern(folder, `${WORKSPACE_CONTENT_DIR}/**/*.{yaml,yml}`));
      } else {
        patterns.push(new vscode.RelativePattern(vscode.Uri.file(s.root), '**/*.{yaml,yml}'));
      }
    }
    const key = patterns.map((p) => `${p.baseUri.toString()}|${p.pattern}`).join('\n');
    if (key === this.watchKey) return;
    this.disposeWatchers();
    this.watchKey = key;
    const onEvent = () => this.scheduleReload();
    for (const pattern of patterns) {
      const w = vscode.workspace.createFileSystemWatcher(pattern);
      this.watchers.push(w, w.onDidChange(onEvent), w.onDidCreate(onEvent), w.onDidDelete(onEvent));
    }
  }

  private disposeWatchers(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.watchKey = undefined;
  }
}
