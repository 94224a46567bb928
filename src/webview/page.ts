// The page every Upskill webview view starts from: a strict Content Security Policy
// (nothing by default, styles and images from the extension, one script by nonce), its
// stylesheet from media/ and its bundle from dist/webview/, and a static body that the
// script replaces. The Exercise view, the Checklist and the dashboard all start from it.

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

export interface PageParts {
  /** File names: `media/<css>` and `dist/webview/<script>`. */
  readonly css: string;
  readonly script: string;
  readonly title: string;
  /** Static HTML shown until the script renders; written by Upskill, never from content. */
  readonly body: string;
  /** `data-surface` on the body, for a script that draws more than one surface. */
  readonly surface?: string;
}

/** Sets the webview's options (scripts on, resources only from media/ and dist/webview/) and its page. */
export function setWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, parts: PageParts): void {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const dist = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
  const nonce = randomBytes(16).toString('hex');
  const css = webview.asWebviewUri(vscode.Uri.joinPath(media, parts.css));
  const js = webview.asWebviewUri(vscode.Uri.joinPath(dist, parts.script));
  webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${css}" rel="stylesheet">
<title>${parts.title}</title>
</head>
<body${parts.surface ? ` data-surface="${parts.surface}"` : ''}>
${parts.body}
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
}
