/// <reference lib="dom" />
// A page object for the real VS Code workbench (code-server) driven by Playwright in
// Debian's Chromium. Tests talk to it the way a person uses VS Code: the Activity Bar, the
// tree, the command palette, notifications, the Problems panel, editors and webviews.

import * as fs from 'fs';
import * as path from 'path';
import { type Browser, type Frame, type FrameLocator, type Locator, type Page, chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface NotebookCellView {
  /** Among all the notebook's cells, from 0. */
  readonly index: number;
  readonly kind: 'code' | 'markdown';
  /** The lines a code cell's editor shows. */
  readonly lines: string[];
  /** Lines of the cell (from 1) that carry a diagnostic's squiggle. */
  readonly squiggleLines: number[];
}

export interface TreeRow {
  readonly label: string;
  readonly description: string;
  readonly level: number;
  readonly expanded?: boolean;
}

/** Polls until `probe` returns a truthy value; throws with the last value seen otherwise. */
export async function waitFor<T>(what: string, probe: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 250): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. Last value: ${JSON.stringify(last)}${lastError ? `; last error: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export class Workbench {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    readonly screenshotsDir: string,
    /** A second window on the same browser profile closes its page, not the browser. */
    private readonly ownsBrowser = true,
  ) {}

  static async launch(options: { screenshotsDir: string; width?: number; height?: number }): Promise<Workbench> {
    const browser = await chromium.launch({ executablePath: process.env.UPSKILL_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: options.width ?? 1400, height: options.height ?? 900 } });
    const page = await context.newPage();
    fs.mkdirSync(options.screenshotsDir, { recursive: true });
    return new Workbench(browser, page, options.screenshotsDir);
  }

  async close(): Promise<void> {
    if (this.ownsBrowser) await this.browser.close().catch(() => undefined);
    else await this.page.close().catch(() => undefined);
  }

  /**
   * Another VS Code window on the same server, in the same browser profile: it shares
   * VS Code's global storage with this one, as two desktop windows do.
   */
  async openSecondWindow(url: string): Promise<Workbench> {
    const page = await this.page.context().newPage();
    const other = new Workbench(this.browser, page, this.screenshotsDir, false);
    await other.open(url);
    return other;
  }

  /**
   * Moves this window to the front and gives it focus, as switching windows would. Playwright
   * emulates focus, so every page says it has focus and VS Code never sees a window lose
   * or gain it; with the emulation off, the window in front is the focused one.
   */
  async focusWindow(): Promise<void> {
    const pages = this.page.context().pages();
    for (const p of pages) {
      const cdp = await p.context().newCDPSession(p);
      await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
      await cdp.detach();
    }
    const other = pages.find((p) => p !== this.page);
    if (other) {
      // This window loses focus first, so that coming to the front is a change VS Code reports.
      await other.bringToFront();
      await waitFor('the window to lose focus', () => this.page.evaluate(() => !document.hasFocus()), 5_000);
      await this.page.evaluate(() => window.dispatchEvent(new Event('blur')));
    }
    await this.page.bringToFront();
    await waitFor('the window to gain focus', () => this.page.evaluate(() => document.hasFocus()), 5_000);
    await this.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  }

  /** Opens the workbench and waits until it is interactive. */
  async open(url: string): Promise<void> {
    // The page's own load can take longer than Playwright's 30 s on a loaded machine; the
    // workbench is waited for below with the same limit.
    await this.page.goto(url, { timeout: 90_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.activitybar').waitFor({ timeout: 60_000 });
    // The extension host connects after the shell is drawn; the Upskill icon means our contribution is in.
    await this.activityItem('Upskill').waitFor({ timeout: 60_000 });
  }

  async reload(): Promise<void> {
    await this.page.reload({ timeout: 90_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.activityItem('Upskill').waitFor({ timeout: 60_000 });
  }

  activityItem(title: string): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item[aria-label^="${title}"]`).first();
  }

  /**
   * Clicks the Upskill icon until its container shows, then waits for its Skills view. A
   * click on the icon of the container already shown hides the side bar, and after a reload
   * the restored side bar can lack its title for a moment: so each round looks again
   * before it clicks. The click goes to the item, not its label, which a badge (progress,
   * or the count of passes) lies over.
   */
  async openUpskill(): Promise<void> {
    const sidebar = this.page.locator('.part.sidebar');
    const sidebarTitle = this.page.locator('.sidebar .composite.title h2');
    const item = this.page.locator('.activitybar .action-item:has(a[aria-label^="Upskill"]), .activitybar .action-item[aria-label^="Upskill"]').first();
    await waitFor('the Upskill container', async () => {
      const shown = (await sidebar.isVisible()) && (await sidebarTitle.textContent({ timeout: 1000 }).catch(() => ''))?.trim().toUpperCase() === 'UPSKILL';
      if (shown) return true;
      await item.click({ timeout: 5000 });
      await this.page.waitForTimeout(300);
      return false;
    }, 60_000, 250);
    await this.paneHeader('Skills').waitFor();
  }

  private headerOf(name: string): Locator {
    return this.page.locator('.pane-header', { has: this.page.locator('h3.title', { hasText: new RegExp(`^${name}$`, 'i') }) });
  }

  paneHeader(name: string): Locator {
    return this.page.locator('.sidebar').locator(this.headerOf(name)).first();
  }

  /** The pane (header + body) of a view in the side bar. */
  pane(name: string): Locator {
    return this.page.locator('.sidebar .pane', { has: this.headerOf(name) }).first();
  }

  async sidebarViewTitles(): Promise<string[]> {
    return (await this.page.locator('.sidebar .pane-header h3.title').allTextContents()).map((t) => t.trim());
  }

  async collapsePane(name: string): Promise<void> {
    const header = this.paneHeader(name);
    if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  }

  async expandPane(name: string): Promise<void> {
    const header = this.paneHeader(name);
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  }

  /** The visible rows of a tree view, top to bottom. */
  async treeRows(view = 'Skills'): Promise<TreeRow[]> {
    const rows = this.pane(view).locator('.monaco-list-row');
    return rows.evaluateAll((els) =>
      els
        .map((el) => ({
          top: parseFloat((el as HTMLElement).style.top || '0'),
          label: el.querySelector('.label-name')?.textContent?.trim() ?? el.getAttribute('aria-label') ?? '',
          description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
          level: Number(el.getAttribute('aria-level') ?? 0),
          expanded: el.hasAttribute('aria-expanded') ? el.getAttribute('aria-expanded') === 'true' : undefined,
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ label, description, level, expanded }) => ({ label, description, level, expanded })),
    );
  }

  treeRow(label: string, view = 'Skills'): Locator {
    return this.pane(view).locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
  }

  async expand(label: string, view = 'Skills'): Promise<void> {
    const row = this.treeRow(label, view);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await waitFor(`"${label}" to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true');
    }
  }

  async collapse(label: string, view = 'Skills'): Promise<void> {
    const row = this.treeRow(label, view);
    if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
  }

  /** Runs a command by its palette title, e.g. "Upskill: Start Exercise…". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    // Fuzzy ranking can put a longer title first ("Browse Color Themes…"), so pick the exact one.
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    }).first();
    // A webview or an editor that takes focus just then (one finishing loading, a notebook
    // cell being revealed) closes the palette, before or after its row shows: open it again
    // rather than wait out the timeout on a closed palette.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.openPalette();
        await input.fill(`>${title}`, { timeout: 5_000 });
        await row.waitFor({ timeout: 15_000 });
        await row.click({ timeout: 5_000 });
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    // The palette closes, or gives way to the command's own quick pick.
    await waitFor(`"${title}" to run`, async () => {
      if (!(await this.page.locator('.quick-input-widget').isVisible())) return true;
      const value = await input.inputValue().catch(() => '');
      return !value.startsWith('>');
    }, 15_000);
  }

  /** Waits for a quick pick whose placeholder or title matches, e.g. one a command opened. */
  async waitForQuickPick(pattern: RegExp): Promise<void> {
    await waitFor(`a quick pick matching ${pattern}`, async () => {
      const input = this.page.locator('.quick-input-widget .quick-input-box input');
      if (!(await input.isVisible())) return false;
      const placeholder = (await input.getAttribute('placeholder')) ?? '';
      const title = (await this.page.locator('.quick-input-widget .quick-input-title').textContent().catch(() => '')) ?? '';
      return pattern.test(placeholder) || pattern.test(title);
    });
  }

  private async openPalette(): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    if (await widget.isVisible()) await this.page.keyboard.press('Escape');
    // Take focus back from a webview (keys pressed there do not reach the workbench) by
    // clicking an empty part of the status bar, which does nothing else.
    const bar = await this.page.locator('.part.statusbar').boundingBox();
    if (bar) await this.page.mouse.click(bar.x + bar.width / 2, bar.y + bar.height / 2);
    await this.page.keyboard.press('F1');
    await widget.waitFor({ state: 'visible', timeout: 10_000 });
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await waitFor('the command palette', async () => (await input.inputValue().catch(() => '')).startsWith('>'), 10_000);
  }

  /** Entries of the open quick pick (label and description). */
  async quickPickItems(): Promise<{ label: string; description: string }[]> {
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
    return this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((els) =>
      els
        .sort((a, b) => parseFloat((a as HTMLElement).style.top || '0') - parseFloat((b as HTMLElement).style.top || '0'))
        .map((el) => ({
          label: el.querySelector('.quick-input-list-label .label-name, .monaco-icon-label .label-name')?.textContent?.trim() ?? '',
          description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
        })),
    );
  }

  async typeInQuickPick(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(text);
  }

  /** Picks the first row matching `label`; resolves with the time of the click (epoch ms). */
  async selectQuickPick(label: string): Promise<number> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(label);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: 15_000 });
    const clicked = Date.now();
    await row.click();
    return clicked;
  }

  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents()).map((t) => t.trim());
  }

  async waitForNotification(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    return waitFor(`a notification matching ${pattern}`, async () => (await this.notifications()).find((n) => pattern.test(n)), timeoutMs);
  }

  /** Clicks a button on the notification that matches `pattern`. */
  async clickNotificationButton(pattern: RegExp, button: string): Promise<void> {
    const toast = this.page.locator('.notifications-toasts .notification-toast', { has: this.page.locator('.notification-list-item-message', { hasText: pattern }) }).first();
    await toast.locator('.monaco-button', { hasText: button }).first().click();
  }

  async dismissNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  }

  async statusBarTexts(): Promise<string[]> {
    return (await this.page.locator('.statusbar .statusbar-item').allTextContents()).map((t) => t.trim()).filter(Boolean);
  }

  /** Rows of the Problems panel, as their accessible labels. */
  async problems(): Promise<string[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    return (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? el.textContent ?? ''))).map((t) => t.trim());
  }

  /** Tab titles as shown, e.g. "metrics.py" (VS Code 1.139 renders the extension as a separate suffix). */
  async activeEditorTitle(): Promise<string> {
    const tab = this.page.locator('.editor-group-container.active .tab.active .monaco-icon-label-container').first();
    return tabTitle(await tab.evaluate((el) => [el.querySelector('.label-name')?.textContent ?? '', el.querySelector('.label-suffix')?.textContent ?? '']).catch(() => ['', '']));
  }

  async editorTabs(): Promise<string[]> {
    const parts = await this.page.locator('.tabs-container .tab .monaco-icon-label-container').evaluateAll((els) =>
      els.map((el) => [el.querySelector('.label-name')?.textContent ?? '', el.querySelector('.label-suffix')?.textContent ?? '']),
    );
    return parts.map(tabTitle);
  }

  /** Labels of the actions in the active editor group's title bar, e.g. "Check Exercise". */
  async editorTitleActions(): Promise<string[]> {
    const actions = this.page.locator('.editor-group-container.active .editor-actions .action-label');
    return (await actions.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))).map((t) => t.trim());
  }

  /** Opens a file of the workspace through Quick Open. */
  async openFile(relativePath: string): Promise<void> {
    // In the first group (the code side, not the instructions beside it), through the
    // palette, which takes focus back from a webview first.
    await this.runCommand('View: Focus First Editor Group');
    await this.openPalette();
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(relativePath);
    await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
    await input.press('Enter');
    await waitFor(`${path.basename(relativePath)} to open`, async () => (await this.activeEditorTitle()) === path.basename(relativePath));
  }

  /** Replaces the active editor's whole text, as typing would, and saves. */
  async replaceEditorText(text: string): Promise<void> {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor textarea.inputarea, .editor-group-container.active .monaco-editor .native-edit-context').first();
    await editor.focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
    await this.page.keyboard.press('Control+S');
  }

  /**
   * The notebook editor on screen (VS Code's own, not the .ipynb's JSON). VS Code draws a
   * notebook's widget in an overlay laid over its editor group, not inside it (the group holds
   * an empty `.notebook-editor` of the same size), so it is found as the visible overlay
   * anywhere on the page.
   */
  notebookEditor(): Locator {
    return this.page.locator('.notebookOverlay.notebook-editor:visible').first();
  }

  /** A cell of the notebook on screen by its index among all cells (Markdown ones too), from 0. */
  notebookCell(index: number): Locator {
    return this.notebookEditor().locator(`.monaco-list-row[data-index="${index}"]`).first();
  }

  /**
   * The cells the notebook editor has drawn (its list is virtualised), in order: their index,
   * kind, the lines of a code cell's editor, and the lines (from 1) that carry a squiggle.
   */
  async notebookCells(): Promise<NotebookCellView[]> {
    const rows = this.notebookEditor().locator('.monaco-list-row.code-cell-row, .monaco-list-row.markdown-cell-row');
    return rows.evaluateAll((els) =>
      els
        .map((row) => {
          const editor = row.querySelector('.cell-editor-container .monaco-editor');
          const byTop = (list: Element[]) => list.map((el) => ({ el, top: parseFloat((el as HTMLElement).style.top || '0') })).sort((a, b) => a.top - b.top);
          const lines = editor ? byTop(Array.from(editor.querySelectorAll('.view-lines > .view-line'))) : [];
          // An overlay is on the line drawn at its height (the editor has padding above line 1).
          const squiggled = new Set<number>();
          for (const overlay of editor ? Array.from(editor.querySelectorAll('.view-overlays > div')) : []) {
            if (!overlay.querySelector('[class*="squiggly-"]')) continue;
            const top = parseFloat((overlay as HTMLElement).style.top || '0');
            const line = lines.findIndex((l) => Math.abs(l.top - top) < 2);
            if (line >= 0) squiggled.add(line + 1);
          }
          return {
            index: Number(row.getAttribute('data-index')),
            kind: row.classList.contains('code-cell-row') ? ('code' as const) : ('markdown' as const),
            lines: lines.map((l) => (l.el.textContent ?? '').replace(/\u00a0/g, ' ')),
            squiggleLines: [...squiggled].sort((a, b) => a - b),
          };
        })
        .sort((a, b) => a.index - b.index),
    );
  }

  /** Replaces a code cell's text by typing into the cell's editor (select all, then the text), as a learner would. */
  async typeIntoNotebookCell(index: number, text: string): Promise<void> {
    const cell = this.notebookCell(index);
    // The notebook draws only the cells near its viewport: scroll it down until this one is drawn.
    await waitFor(`cell ${index + 1} to be drawn`, async () => {
      if (await cell.count()) return true;
      const box = await this.notebookEditor().boundingBox();
      if (box) {
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await this.page.mouse.wheel(0, 200);
      }
      return false;
    }, 30_000);
    await cell.scrollIntoViewIfNeeded();
    // Focus goes to the cell editor's input as a click would put it there; a click itself can
    // land on a neighbour's toolbar while the notebook lays its cells out again.
    const hasKeyboard = () => cell.evaluate((el) => el.contains(document.activeElement) && !!document.activeElement?.closest('.monaco-editor'));
    await waitFor(`the editor of cell ${index + 1} to have the keyboard`, async () => {
      if (await hasKeyboard()) return true;
      await cell.locator('.cell-editor-container .monaco-editor textarea.inputarea, .cell-editor-container .monaco-editor .native-edit-context').first().focus({ timeout: 5_000 });
      return false;
    }, 30_000);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  /** The Problems panel's rows as shown, top to bottom: a file row (its name and what the panel says of it) or a problem row. */
  async problemRows(): Promise<{ text: string; label: string }[]> {
    await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    return rows.evaluateAll((els) =>
      els
        .sort((a, b) => parseFloat((a as HTMLElement).style.top || '0') - parseFloat((b as HTMLElement).style.top || '0'))
        .map((el) => ({ text: ((el as HTMLElement).innerText ?? '').replace(/\s+/g, ' ').trim(), label: el.getAttribute('aria-label') ?? '' })),
    );
  }

  /** The webview frame of a view, for the webview's own DOM. */
  webviewFrame(): FrameLocator {
    return this.page.frameLocator('.webview.ready').first().frameLocator('iframe#active-frame');
  }

  /**
   * The Exercise view's document. Webview views are iframes laid over their pane, not inside
   * it, so the view is found by its content (its landmark) among the page's frames.
   */
  async exerciseView(): Promise<Frame> {
    return waitFor('the Exercise view', async () => {
      for (const frame of this.page.frames()) {
        if (await frame.locator('main[aria-label="Current exercise"]').count().catch(() => 0)) return frame;
      }
      return undefined;
    });
  }

  /** Waits until the Exercise view's text matches, and returns it. */
  async waitForExerciseView(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    return waitFor(`the Exercise view to match ${pattern}`, async () => {
      const frame = await this.exerciseView();
      const text = (await frame.locator('main').innerText({ timeout: 1000 }).catch(() => '')) ?? '';
      return pattern.test(text) ? text : undefined;
    }, timeoutMs);
  }

  /**
   * How many columns of code the active editor shows: the text area (gutter and minimap
   * left out) divided by the width of one character of the editor's font.
   */
  async visibleEditorColumns(): Promise<number> {
    return this.page.locator('.editor-group-container.active .monaco-editor').first().evaluate((editor) => {
      const scrollable = editor.querySelector('.editor-scrollable')?.getBoundingClientRect();
      const minimap = editor.querySelector('.minimap')?.getBoundingClientRect();
      const line = Array.from(editor.querySelectorAll('.view-line > span')).find((el) => (el.textContent ?? '').length > 10);
      if (!scrollable || !line) return 0;
      const charWidth = line.getBoundingClientRect().width / (line.textContent ?? '').length;
      const right = minimap && minimap.width > 0 ? minimap.left : scrollable.right;
      return Math.floor((right - scrollable.left) / charWidth);
    });
  }

  /**
   * The webview frame (of any view or panel) whose document matches `selector`, e.g.
   * `body[data-surface="dashboard"]`, once there is one.
   */
  async webviewFrameWith(selector: string, timeoutMs = 30_000): Promise<Frame> {
    return waitFor(`a webview with ${selector}`, async () => {
      for (const frame of this.page.frames()) {
        if (frame.isDetached() || frame === this.page.mainFrame()) continue;
        if (await frame.locator(selector).count().catch(() => 0)) return frame;
      }
      return undefined;
    }, timeoutMs, 50);
  }

  /**
   * What VS Code has written to the browser's storage (IndexedDB): key → stored text, over
   * every state database of this page ("<database>/<key>"). VS Code writes there in
   * batches (about every 5 s while a window has focus, and when the page unloads, which a
   * loaded machine can cut short), so a test that reloads waits on this for what it needs.
   */
  async storedState(): Promise<Record<string, string>> {
    return this.page.evaluate(async () => {
      const done = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const out: Record<string, string> = {};
      for (const { name } of await indexedDB.databases()) {
        if (!name?.startsWith('vscode-web-state-db')) continue;
        const db = await done(indexedDB.open(name));
        try {
          if (!db.objectStoreNames.contains('ItemTable')) continue;
          const store = db.transaction('ItemTable', 'readonly').objectStore('ItemTable');
          const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
          keys.forEach((k, i) => (out[`${name}/${String(k)}`] = typeof values[i] === 'string' ? (values[i] as string) : JSON.stringify(values[i])));
        } finally {
          db.close();
        }
      }
      return out;
    });
  }

  /** Waits until a stored key matching `key` holds text matching `value` (see storedState). */
  async waitForStored(what: string, key: RegExp, value: RegExp, timeoutMs = 60_000): Promise<void> {
    await waitFor(what, async () => Object.entries(await this.storedState()).some(([k, v]) => key.test(k) && value.test(v)), timeoutMs, 500);
  }

  async setTheme(theme: 'dark' | 'light' | 'high-contrast'): Promise<void> {
    // A loaded machine applies a theme in steps: the workbench first, each webview when it
    // gets the new colours; and the picker previews the theme under the cursor, which goes
    // back if the pick does not register. A screenshot taken halfway mixes the two themes.
    const workbenchClass = { dark: 'vs-dark', light: 'vs', 'high-contrast': 'hc-black' }[theme];
    const webviewClass = { dark: 'vscode-dark', light: 'vscode-light', 'high-contrast': 'vscode-high-contrast' }[theme];
    const applied = () => this.page.evaluate((c) => document.querySelector('.monaco-workbench')?.classList.contains(c) ?? false, workbenchClass);
    for (let attempt = 1; ; attempt++) {
      await this.runCommand('Preferences: Color Theme');
      await this.selectQuickPick({ dark: 'Dark Modern', light: 'Light Modern', 'high-contrast': 'Dark High Contrast' }[theme]);
      await waitFor('the theme picker to close', () => this.page.locator('.quick-input-widget').isHidden(), 10_000).catch(() => undefined);
      if (await waitFor(`the workbench in the ${theme} theme`, applied, 10_000).then(() => true, () => false)) break;
      if (attempt === 3) throw new Error(`the ${theme} theme did not stay applied after ${attempt} tries`);
    }
    await waitFor(`every webview in the ${theme} theme`, async () => {
      for (const frame of this.page.frames()) {
        if (frame.isDetached() || frame === this.page.mainFrame()) continue;
        const kind = await frame.evaluate(() => (document.body?.dataset.vscodeThemeKind ?? '') + ' ' + (document.body?.className ?? '')).catch(() => undefined);
        // Only a webview's own document says vscode-*; the frames around it say nothing.
        if (kind !== undefined && /vscode-(dark|light|high-contrast)/.test(kind) && !kind.includes(webviewClass)) return false;
      }
      return true;
    }, 20_000);
    await this.page.waitForTimeout(500);
  }

  async setSidebarWidth(px: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('the side bar is not visible');
    // The side bar's sash is the vertical one on its right edge.
    const edge = box.x + box.width;
    const sashes = await this.page.locator('.monaco-sash.vertical').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y, height: r.height };
      }),
    );
    const sash = sashes.filter((s) => s.height > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    if (!sash || Math.abs(sash.x - edge) > 8) throw new Error(`no sash on the side bar's edge at x=${edge}`);
    const y = sash.y + sash.height / 2;
    await this.page.mouse.move(sash.x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + px, y, { steps: 8 });
    await this.page.mouse.up();
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function tabTitle([name, suffix]: string[]): string {
  const n = name.trim();
  const sfx = suffix.trim();
  return sfx.startsWith('.') ? n + sfx : n;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The Checklist view's root once its page has painted (the Exercise view's root is a #root too). */
export const CHECKLIST_PAINTED = 'body[data-surface="view"] #root[data-painted-at]';
/** The Exercise view's root once its page has painted (data-painted-at). */
export const EXERCISE_PAINTED = 'main[aria-label="Current exercise"][data-painted-at]';

/**
 * When the first render of `painted` in a webview reached the screen (epoch ms), the ms of
 * that spent in its page, and when our host made the page (epoch ms, data-made-at).
 */
export async function paintedAt(wb: Workbench, painted: string, timeoutMs: number): Promise<{ at: number; page: number; made: number; frame: Frame }> {
  const frame = await wb.webviewFrameWith(painted, timeoutMs);
  const [at, page, made] = await frame
    .locator(painted)
    .evaluate((r) => [Number(r.getAttribute('data-painted-at')), Number(r.getAttribute('data-painted-in')), Number(document.body.dataset.madeAt)]);
  return { at, page, made, frame };
}

/**
 * When the Exercise view first showed exercise `id` (epoch ms, data-exercise-painted-at):
 * a page VS Code kept paints what it showed before (another exercise, or none) until the
 * host's model for this one arrives, and its first-paint mark is that earlier screen's.
 */
export async function exercisePaintedAt(wb: Workbench, id: string, timeoutMs: number): Promise<number> {
  const selector = `main[aria-label="Current exercise"][data-exercise="${id}"][data-exercise-painted-at]`;
  const frame = await wb.webviewFrameWith(selector, timeoutMs);
  return Number(await frame.locator(selector).getAttribute('data-exercise-painted-at'));
}

export interface Opening {
  total: number;
  page: number;
  made: number;
  content?: number;
  worker?: number;
}

/**
 * Closes and opens a webview pane of the side bar `n` times, timing each first paint: from
 * the click on its header to the frame that shows `painted` (an element whose
 * data-painted-at our page sets on its first render, as epoch ms, with data-painted-in as ms
 * since the page began loading). `made` is when our host made the page (data-made-at on the
 * body; negative when VS Code kept the page from an earlier opening); from the marks VS
 * Code's webview host frame (pre/index.html) leaves, `content` is when the page's HTML
 * reached that frame and `worker` how long the frame then waited for VS Code's service worker.
 */
export async function paneOpenings(wb: Workbench, pane: string, painted: string, n: number): Promise<Opening[]> {
  const samples: Opening[] = [];
  for (let i = 0; i < n; i++) {
    await wb.collapsePane(pane);
    await waitFor(`the ${pane} webview to go`, async () => !(await wb.page.locator('.sidebar .webview.ready').count()), 10_000).catch(() => undefined);
    await wb.page.waitForTimeout(500);
    const header = wb.paneHeader(pane);
    const t0 = await header.evaluate((h) => {
      const t = Date.now();
      (h as HTMLElement).click();
      return t;
    });
    const { at, page, made, frame } = await paintedAt(wb, painted, 30_000);
    const marks = await frame
      .parentFrame()
      // The first of each mark (an update of the page marks them again).
      ?.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').reverse().map((m) => [m.name.replace(/^.*\/content\//, ''), Math.round(performance.timeOrigin + m.startTime)])))
      .catch(() => undefined);
    const started = marks?.started;
    samples.push({ total: at - t0, page, made: made - t0, content: started && started - t0, worker: started && marks?.workerReady && marks.workerReady - started });
  }
  return samples;
}

/** Openings as a line for the test's output. */
export function showOpenings(xs: readonly Opening[]): string {
  return xs.map((x) => `${x.total} (${x.made >= 0 ? `page made by the host at ${x.made}` : 'page kept by VS Code since its first opening'}, in the webview frame at ${x.content ?? '?'}, service worker ${x.worker ?? '?'}, page ${x.page})`).join(', ');
}
