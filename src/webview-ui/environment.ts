// Browser side of the Check Environment panel: draws the model the host posts. Text goes in
// with textContent only.

import type { EnvironmentFixLine, EnvironmentModel, FromEnvironmentView, ToEnvironmentView } from '../webview/environmentProtocol';

interface SavedState {
  readonly model?: EnvironmentModel;
}

declare function acquireVsCodeApi(): {
  postMessage(message: FromEnvironmentView): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { text?: string; className?: string; attrs?: Record<string, string> } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.text !== undefined) el.textContent = props.text;
  if (props.className) el.className = props.className;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  for (const c of children) el.appendChild(c);
  return el;
}

function button(label: string, message: string, primary: boolean, disabled = false): HTMLButtonElement {
  const b = h('button', { text: label, className: primary ? 'primary' : 'secondary', attrs: { type: 'button', 'data-message': message } });
  b.disabled = disabled;
  return b;
}

function render(model: EnvironmentModel | undefined, checking: boolean): void {
  root.replaceChildren();
  root.setAttribute('aria-busy', String(checking));
  root.append(h('h1', { text: 'Your Python for Upskill' }));
  if (!model) {
    root.append(h('p', { text: 'Checking your Python…' }));
    return;
  }
  const verdict = model.ready
    ? h('p', { className: 'verdict ok', attrs: { role: 'status' } }, h('span', { className: 'icon', text: '✓', attrs: { 'aria-hidden': 'true' } }), document.createTextNode(' Everything the exercises need is installed.'))
    : h('p', { className: 'verdict gap', attrs: { role: 'status' } }, h('span', { className: 'icon', text: '!', attrs: { 'aria-hidden': 'true' } }), document.createTextNode(' Something the exercises need is missing. This is setup: a check never counts it against you.'));
  root.append(verdict);

  const interp = h('section', { attrs: { 'aria-labelledby': 'interp-title' } }, h('h2', { text: 'Interpreter', attrs: { id: 'interp-title' } }));
  if (model.interpreter) {
    const i = model.interpreter;
    const dl = h('dl', { className: 'facts' });
    const fact = (term: string, value: string, code = false) => dl.append(h('dt', { text: term }), h('dd', {}, code ? h('code', { text: value }) : document.createTextNode(value)));
    fact('Path', i.path, true);
    fact('Version', `Python ${i.version}`);
    fact('Kind', i.kind);
    fact('Chosen by', i.origin);
    fact('Prefix', i.prefix, true);
    interp.append(dl);
  }
  if (model.problem) interp.append(h('p', { className: 'problem', text: model.problem }));
  if (model.tried.length > 1 || !model.interpreter) interp.append(h('p', { className: 'muted', text: `Tried in order: ${model.tried.join('; ')}.` }));
  interp.append(h('div', { className: 'toolbar' }, button('Choose Python…', 'choosePython', false)));
  root.append(interp);

  const table = h('table', { className: 'tools' });
  table.append(h('thead', {}, h('tr', {}, h('th', { text: 'Tool', attrs: { scope: 'col' } }), h('th', { text: 'Status', attrs: { scope: 'col' } }), h('th', { text: 'Needed by', attrs: { scope: 'col' } }))));
  const body = h('tbody');
  for (const t of model.tools) {
    const status = t.present ? `✓ ${t.version ?? 'installed'}` : t.gap ? '✗ missing' : t.optional ? '– not installed (optional)' : '– not installed';
    const needed = t.neededBy.length ? `${t.neededBy.length} exercise${t.neededBy.length === 1 ? '' : 's'}: ${t.neededBy.slice(0, 3).join(', ')}${t.neededBy.length > 3 ? ', …' : ''}` : 'no exercise';
    const row = h(
      'tr',
      { className: t.gap ? 'gap' : t.present ? 'present' : 'absent' },
      h('th', { attrs: { scope: 'row' } }, h('span', { text: t.label }), h('span', { className: 'muted', text: t.kind === 'module' ? ' (Python package)' : ' (program)' })),
      h('td', { className: 'status', text: status }),
      h('td', { text: needed, attrs: { title: t.neededBy.join('\n') } }),
    );
    body.append(row);
    if (t.optional && !t.present) row.cells[1].append(h('div', { className: 'muted', text: t.optional }));
  }
  table.append(body);
  root.append(h('section', { attrs: { 'aria-labelledby': 'tools-title' } }, h('h2', { text: 'Tools', attrs: { id: 'tools-title' } }), table));

  if (model.fix || model.alternative || model.manual.length) {
    const fixes = h('section', { className: 'fixes', attrs: { 'aria-labelledby': 'fix-title' } }, h('h2', { text: 'Fix', attrs: { id: 'fix-title' } }));
    if (model.fixing) fixes.append(h('p', { className: 'busy', text: `Running "${model.fixing}" in its terminal. Upskill checks again when it ends.` }));
    if (model.fix) fixes.append(fixBlock(model.fix, 'fix', true, !!model.fixing));
    if (model.alternative) fixes.append(h('p', { className: 'muted', text: 'Or, without a download:' }), fixBlock(model.alternative, 'alternative', false, !!model.fixing));
    for (const m of model.manual) fixes.append(h('div', { className: 'fix' }, h('h3', { text: m.title }), h('p', { text: m.detail })));
    root.append(fixes);
  }
  root.append(
    h('div', { className: 'toolbar' }, button(checking ? 'Checking…' : 'Check Again', 'recheck', !model.fix, checking)),
    h('p', { className: 'muted', text: `Python packages are asked of the interpreter in one process, programs with --version; ${model.timing}. Nothing is downloaded unless you run a fix.` }),
  );
}

function fixBlock(fix: EnvironmentFixLine, which: 'fix' | 'alternative', primary: boolean, disabled: boolean): HTMLElement {
  const commands = h('pre', { className: 'commands', attrs: { 'aria-label': `Commands of ${fix.title}` } }, h('code', { text: fix.commands.join('\n') }));
  return h('div', { className: 'fix' }, h('p', { text: fix.detail }), commands, h('div', { className: 'toolbar' }, button(fix.title, `fix:${which}`, primary, disabled)));
}

root.addEventListener('click', (event) => {
  const el = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-message]');
  const m = el?.dataset.message;
  if (!m) return;
  if (m === 'recheck' || m === 'choosePython') vscode.postMessage({ type: m });
  else if (m === 'fix:fix' || m === 'fix:alternative') vscode.postMessage({ type: 'fix', which: m === 'fix:fix' ? 'fix' : 'alternative' });
});

window.addEventListener('message', (event: MessageEvent<ToEnvironmentView>) => {
  const m = event.data;
  if (m?.type !== 'state') return;
  vscode.setState({ model: m.model });
  render(m.model, m.checking);
});

const saved = vscode.getState();
if (saved?.model) render(saved.model, true);
vscode.postMessage({ type: 'ready' });
