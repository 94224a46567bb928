// The page every Upskill webview view starts from: a strict Content Security Policy
// (nothing by default, one stylesheet and one script by nonce, images from the extension),
// its stylesheet (media/) and its bundle (dist/webview/) written into the page, and a static
// body that the script replaces. The Exercise view, the Checklist and the dashboard all
// start from it.
//
// The stylesheet and the script go in the page itself rather than being linked: in a webview
// every linked file is fetched through VS Code's service worker and the extension host, two
// more round trips before the first paint (issue 21). They are read once per extension host.
// The body says when the host made the page (data-made-at, epoch ms): the e2e tier splits
// a first paint into VS Code's part and ours with it. A page can also carry its first state (`state`), so the script paints at once instead of
// asking the host for it; the state is JSON in an inert <script type="application/json">.

import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import * as vscode from 'vscode';
import { PAGE_STATE_ID, scriptJson } from './protocol';

export interface PageParts {
  /** File names: `media/<css>` and `dist/webview/<script>`. */
  readonly css: string;
  readonly script: string;
  readonly title: string;
  /** Static HTML shown until the script renders; written by Upskill, never from content. */
  readonly body: string;
  /** `data-surface` on the body, for a script that draws more than one surface. */
  readonly surface?: string;
  /** The first state for the script, as JSON in `#upskill-state` (PAGE_STATE_ID). */
  readonly state?: unknown;
}

const assets = new Map<string, string | undefined>();

/**
 * The text of an asset to write into the page, or undefined to link it instead: when it
 * cannot be read, or holds a closing tag that would end its element early.
 */
function inlineAsset(file: vscode.Uri, closing: RegExp): string | undefined {
  if (!assets.has(file.fsPath)) {
    let text: string | undefined;
    try {
      text = readFileSync(file.fsPath, 'utf8');
    } catch {
      text = undefined;
    }
    assets.set(file.fsPath, text !== undefined && !closing.test(text) ? text : undefined);
  }
  return assets.get(file.fsPath);
}

/** Sets the webview's options (scripts on, resources only from media/ and dist/webview/) and its page. */
export function setWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, parts: PageParts): void {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
  const nonce = randomBytes(16).toString('hex');
  const cssFile = vscode.Uri.joinPath(media, parts.css);
  const jsFile = vscode.Uri.joinPath(dist, parts.script);
  const css = inlineAsset(cssFile, /<\/style/i);
  const js = inlineAsset(jsFile, /<\/script/i);
  const style = css !== undefined ? `<style nonce="${nonce}">${css}</style>` : `<link href="${webview.asWebviewUri(cssFile)}" rel="stylesheet">`;
  const script = js !== undefined ? `<script nonce="${nonce}">${js}</script>` : `<script nonce="${nonce}" src="${webview.asWebviewUri(jsFile)}"></script>`;
  const state = parts.state !== undefined ? `<script type="application/json" id="${PAGE_STATE_ID}">${scriptJson(parts.state)}</script>\n` : '';
  webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${style}
<title>${parts.title}</title>
</head>
<body${parts.surface ? ` data-surface="${parts.surface}"` : ''} data-made-at="${Date.now()}">
${parts.body}
${state}${script}
</body>
</html>`;
}
