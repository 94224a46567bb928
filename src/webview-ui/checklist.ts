// Browser side of the Checklist view. Text goes into the DOM with textContent only.

import type { FromWebview, ToWebview } from '../webview/protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const summary = document.getElementById('summary');
const start = document.getElementById('start');

start?.addEventListener('click', () => vscode.postMessage({ type: 'startExercise' }));

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m?.type === 'state' && summary) {
    const { tally, skills } = m.model;
    summary.textContent = `${tally.passed} of ${tally.total} exercises passed across ${skills.length} skills.`;
  }
});

vscode.postMessage({ type: 'ready' });
