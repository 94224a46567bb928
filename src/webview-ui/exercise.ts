// Browser side of the Exercise view: renders the model the host posts. Text goes in with
// textContent; rendered Markdown goes through the allow-list in sanitize.ts.

import type { CheckLine, ExerciseAction, ExercisePanelModel, FindingLine, FromExerciseView, HowChecked, ResultModel, ToExerciseView } from '../webview/exerciseProtocol';
import { markFirstPaint, pageState } from './page';
import { appendSanitized } from './sanitize';

interface SavedState {
  readonly model?: ExercisePanelModel;
}

declare function acquireVsCodeApi(): {
  postMessage(message: FromExerciseView): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

const STATUS_LABEL: Record<CheckLine['status'], string> = { passed: 'passed', failed: 'did not pass', error: 'could not run', skipped: 'skipped' };
const STATUS_ICON: Record<CheckLine['status'], string> = { passed: '✓', failed: '✗', error: '!', skipped: '–' };

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: { text?: string; className?: string; attrs?: Record<string, string> } = {}, ...children: Node[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.text !== undefined) el.textContent = props.text;
  if (props.className) el.className = props.className;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  for (const c of children) el.appendChild(c);
  return el;
}

function button(label: string, action: ExerciseAction, options: { primary?: boolean; aria?: string; disabled?: boolean } = {}): HTMLButtonElement {
  const b = h('button', { text: label, className: options.primary ? 'primary' : 'secondary', attrs: { type: 'button', 'data-action': action } });
  if (options.aria) b.setAttribute('aria-label', options.aria);
  if (options.disabled) b.disabled = true;
  return b;
}

function render(model: ExercisePanelModel | undefined): void {
  renderModel(model);
  markFirstPaint(root);
  markExercisePaint(model?.exercise.id);
}

/**
 * Marks when an exercise first reached the screen in this page (data-exercise, and
 * data-exercise-painted-at as epoch ms), as the first paint marks the page's: a page kept by
 * VS Code paints what it showed last before the host's model for a newly started exercise
 * arrives, and the e2e tier times the exercise, not that.
 */
function markExercisePaint(id: string | undefined): void {
  if (!id || root.dataset.exercise === id) return;
  root.dataset.exercise = id;
  delete root.dataset.exercisePaintedAt;
  requestAnimationFrame(() => {
    if (root.dataset.exercise === id) root.dataset.exercisePaintedAt = String(Math.round(performance.timeOrigin + performance.now()));
  });
}

function renderModel(model: ExercisePanelModel | undefined): void {
  root.replaceChildren();
  if (!model) {
    root.append(
      h('p', { text: 'No exercise is open. Start one, or click an exercise in the Skills view to read about it here.' }),
      h('div', { className: 'toolbar' }, button('Start an Exercise…', 'pick', { primary: true })),
    );
    return;
  }
  const e = model.exercise;
  const meta = [e.skill, e.difficulty, e.minutes ? `about ${e.minutes} min` : '', e.stateLabel].filter(Boolean).join(' · ');
  const header = h('header', {}, h('h2', { text: e.title, attrs: { id: 'title' } }), h('p', { text: meta, className: 'meta' }));
  if (e.why) header.append(h('p', { text: e.why, className: 'why' }));
  root.append(header);

  const toolbar = h('div', { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': `Actions for ${e.title}` } });
  if (e.starting) {
    toolbar.append(button('Starting…', 'start', { primary: true, aria: `Starting ${e.title}: copying its files`, disabled: true }));
  } else if (!e.started) {
    toolbar.append(button('Start Exercise', 'start', { primary: true, aria: `Start ${e.title}` }));
  } else {
    toolbar.append(button(model.checking ? 'Checking…' : 'Check', 'check', { primary: true, aria: 'Check the exercise', disabled: model.checking }));
  }
  if (model.hints.total > 0) {
    const left = model.hints.total - model.hints.shownHtml.length;
    toolbar.append(button(left > 0 ? 'Hint' : 'All hints shown', 'hint', { aria: left > 0 ? `Show hint ${model.hints.shownHtml.length + 1} of ${model.hints.total}` : 'Every hint is shown below', disabled: left === 0 }));
  }
  if (e.started) {
    if (e.hasSolution) toolbar.append(button('Solution', 'solution', { aria: 'Compare your file with the reference solution' }));
    toolbar.append(button('Reset', 'reset', { aria: 'Reset the exercise to its starter files (your files are backed up)' }));
    toolbar.append(button('Terminal', 'terminal', { aria: 'Open a terminal in the exercise folder' }));
  }
  root.append(toolbar);

  if (model.result) root.append(resultSection(model.result));
  if (model.suggestCheckOnSave) {
    root.append(
      h('p', { className: 'tip', text: 'Checking often? Upskill can check the exercise each time you save one of its files.' }),
      h('div', { className: 'toolbar' }, button('Check on Save', 'checkOnSave', { aria: 'Turn on check on save' })),
    );
  }
  if (model.hints.shownHtml.length) root.append(hintsSection(model));

  const instructions = h('details', { className: 'instructions', attrs: { open: '' } }, h('summary', { text: 'Instructions' }));
  const body = h('div', { className: 'markdown', attrs: { role: 'document', 'aria-label': 'Instructions' } });
  appendSanitized(body, model.instructionsHtml);
  instructions.append(body);
  root.append(instructions);
}

function hintsSection(model: ExercisePanelModel): HTMLElement {
  const list = h('ol', { className: 'hints' });
  model.hints.shownHtml.forEach((html, i) => {
    const item = h('li', { attrs: { 'aria-label': `Hint ${i + 1} of ${model.hints.total}` } }, h('span', { className: 'hint-label', text: `Hint ${i + 1} of ${model.hints.total}` }));
    const body = h('div', { className: 'markdown' });
    appendSanitized(body, html);
    item.append(body);
    list.append(item);
  });
  return h('section', { className: 'hints-section', attrs: { 'aria-labelledby': 'hints-title' } }, h('h3', { text: 'Hints', attrs: { id: 'hints-title' } }), list);
}

function resultSection(result: ResultModel): HTMLElement {
  const failed = result.checks.filter((c) => c.status !== 'passed').length;
  const heading = result.passed ? 'Last check: passed' : `Last check: ${failed} of ${result.checks.length} ${result.checks.length === 1 ? 'check' : 'checks'} did not pass`;
  const section = h('section', { className: 'result', attrs: { 'aria-labelledby': 'result-title', 'aria-live': 'polite' } }, h('h3', { text: heading, attrs: { id: 'result-title' } }));
  if (result.stale) section.append(h('p', { className: 'stale', text: 'You edited files since this check: the results below may be out of date. Check again to update them.' }));
  if (result.filesToChange?.length) {
    section.append(h('p', { className: 'note', text: `You are meant to change ${result.filesToChange.join(', ')}. Findings in other files are listed last: they often go away when your file is fixed.` }));
  }
  const list = h('ul', { className: 'checks' });
  for (const c of result.checks) list.append(checkItem(c));
  section.append(list);
  if (result.passed) section.append(h('div', { className: 'toolbar' }, button('Next Exercise', 'next', { primary: true, aria: 'Start the next exercise' })));
  if (result.how) section.append(howSection(result.how));
  return section;
}

/** "How was this checked?": the interpreter, tool versions and each exact command, to run by hand. */
function howSection(how: HowChecked): HTMLElement {
  const details = h('details', { className: 'how' }, h('summary', { text: 'How was this checked?' }));
  if (how.interpreter) details.append(h('p', {}, h('span', { className: 'label', text: 'Interpreter: ' }), h('code', { text: how.interpreter })));
  if (how.versions.length) details.append(h('p', {}, h('span', { className: 'label', text: 'Tools: ' }), document.createTextNode(how.versions.join(', '))));
  details.append(
    h('p', {
      className: 'note',
      text: 'Each check ran in a private copy of your folder (with any hidden tests of the exercise added), so nothing a check writes lands in your files. Run a command in your exercise folder to see what it sees.',
    }),
  );
  for (const c of how.checks) {
    const item = h('div', { className: 'how-check' }, h('h4', { text: c.tool ? `${c.title} (${c.tool})` : c.title }));
    if (!c.commands.length) item.append(h('p', { className: 'note', text: 'No process: Upskill read the files itself.' }));
    for (const cmd of c.commands) {
      item.append(h('pre', { className: 'command', attrs: { 'aria-label': `Command of ${c.title}` } }, h('code', { text: cmd.line })), h('p', { className: 'note', text: `in ${cmd.cwd} · ${cmd.outcome}` }));
    }
    details.append(item);
  }
  return details;
}

function checkItem(c: CheckLine): HTMLElement {
  const item = h(
    'li',
    { className: `check ${c.status}` },
    h('span', { className: 'icon', text: STATUS_ICON[c.status], attrs: { 'aria-label': STATUS_LABEL[c.status], role: 'img' } }),
    h('span', { className: 'check-title', text: `${c.title}: ` }),
    h('span', { className: 'check-text', text: c.text }),
  );
  if (c.nextBug) item.append(h('p', { className: 'bug', text: `Next seeded bug to catch: ${c.nextBug}` }));
  if (c.findings.length) item.append(findingList(c.findings));
  if (c.more) item.append(h('p', { className: 'more', text: `and ${c.more} more in the Problems panel` }));
  if (c.elsewhere.length) {
    const files = [...new Set(c.elsewhere.map((f) => f.where.replace(/:\d+(:\d+)?$/, '')))].join(', ');
    item.append(h('details', { className: 'elsewhere' }, h('summary', { text: `${c.elsewhere.length} in files you are not asked to edit (${files})` }), findingList(c.elsewhere)));
  }
  return item;
}

function findingList(findings: readonly FindingLine[]): HTMLElement {
  const list = h('ul', { className: 'findings' });
  for (const f of findings) {
    const item = h('li');
    if (f.where) {
      const open = h('a', { text: f.where, className: 'where', attrs: { href: '#', 'data-finding': f.key, 'aria-label': `Open ${f.where}` } });
      item.append(open, document.createTextNode(' '));
    }
    item.append(h('span', { text: f.text }));
    if (f.help) item.append(withCode(h('p', { className: 'help' }), f.help));
    list.append(item);
  }
  return list;
}

/** Plain text whose `backticked` parts are code, as in the help sentences. */
function withCode(el: HTMLElement, text: string): HTMLElement {
  text.split('`').forEach((part, i) => el.append(i % 2 ? h('code', { text: part }) : document.createTextNode(part)));
  return el;
}

// One listener for every button and link, including those rendered later.
root.addEventListener('click', (event) => {
  const target = event.target as HTMLElement | null;
  const actionEl = target?.closest<HTMLElement>('[data-action]');
  if (actionEl) {
    vscode.postMessage({ type: 'action', action: actionEl.dataset.action as ExerciseAction });
    return;
  }
  const finding = target?.closest<HTMLElement>('[data-finding]');
  if (finding) {
    event.preventDefault();
    vscode.postMessage({ type: 'openFinding', key: finding.dataset.finding ?? '' });
    return;
  }
  const link = target?.closest<HTMLAnchorElement>('a');
  if (link) {
    event.preventDefault();
    if (link.dataset.external) vscode.postMessage({ type: 'openLink', href: link.getAttribute('href') ?? '' });
  }
});

window.addEventListener('message', (event: MessageEvent<ToExerciseView>) => {
  const m = event.data;
  if (m?.type !== 'state') return;
  vscode.setState({ model: m.model });
  render(m.model);
});

const isState = (m: unknown): m is ToExerciseView => (m as Partial<ToExerciseView> | null)?.type === 'state';

// Paint straight away: the model the page came with, else what was shown last time. The
// host's model follows `ready` either way.
const first = pageState(isState) ?? vscode.getState();
if (first) render(first.model);
vscode.postMessage({ type: 'ready' });
