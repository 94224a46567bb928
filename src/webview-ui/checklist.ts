// Browser side of the Checklist view and the dashboard panel. Plain DOM: every piece of
// content goes in with textContent or as an SVG attribute, never as HTML. State survives a
// hidden view through getState/setState; the page may carry the first model, and the host
// re-sends it after `ready`.

import { type FromWebview, type Surface, type ToWebview } from '../webview/protocol';
import { markFirstPaint, pageState } from './page';

type Checklist = ToWebview['checklist'];
type Skill = Checklist['skills'][number];
type Competency = Skill['competencies'][number];
type Dashboard = NonNullable<ToWebview['dashboard']>;
type Project = NonNullable<Checklist['project']>;

interface SavedState {
  readonly message?: ToWebview;
  /** Skills whose competencies the learner has opened or closed, by id. */
  readonly open?: Record<string, boolean>;
}

declare function acquireVsCodeApi(): {
  postMessage(message: FromWebview): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
};

const vscode = acquireVsCodeApi();
const surface: Surface = document.body.dataset.surface === 'dashboard' ? 'dashboard' : 'view';
const root = document.getElementById('root')!;
let state: SavedState = vscode.getState() ?? {};
const SVG = 'http://www.w3.org/2000/svg';
const HOUR = 3_600_000;

// ---- Small DOM helpers: text only -------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

function svg(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function hours(ms: number): string {
  const h = ms / HOUR;
  return `${h < 10 ? h.toFixed(1) : Math.round(h)} h`;
}

function bar(value: number, max: number, label: string): HTMLProgressElement {
  // A native progress element: accessible, and styled from the stylesheet (no inline style).
  return el('progress', { value: String(value), max: String(Math.max(max, 1)), 'aria-label': label });
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function post(message: FromWebview): void {
  vscode.postMessage(message);
}

function save(next: SavedState): void {
  state = next;
  vscode.setState(state);
}

// ---- The overview ---------------------------------------------------------------------------

function overview(c: Checklist): HTMLElement {
  const s = c.study;
  const section = el('section', { class: 'overview', 'aria-label': 'Overview' });
  section.append(
    el('div', { class: 'row' }, el('span', { class: 'label' }, 'Competencies'), el('span', { class: 'figure' }, `${c.met.met} of ${c.met.total}`)),
    bar(c.met.met, c.met.total, `${c.met.met} of ${c.met.total} competencies met`),
    el('p', { class: 'muted' }, `${c.tally.passed} of ${plural(c.tally.total, 'exercise')} passed`),
    el('div', { class: 'row' }, el('span', { class: 'label' }, 'This week'), el('span', { class: 'figure', id: 'week-time' }, `${hours(s.thisWeekMs)} of ${hours(s.goalMs)}`)),
    bar(s.thisWeekMs, s.goalMs, `${hours(s.thisWeekMs)} studied this week of a ${hours(s.goalMs)} goal`),
    el('div', { class: 'row' }, el('span', { class: 'label' }, 'Streak'), el('span', { class: 'figure', id: 'streak' }, plural(s.streakWeeks, 'week'))),
  );
  if (!s.recorded) section.append(el('p', { class: 'muted', id: 'study-note' }, 'No study time recorded yet: it shows here once the study timer runs.'));
  const actions = el('div', { class: 'actions' });
  if (surface === 'view') actions.append(button('Open Dashboard', () => post({ type: 'openDashboard' }), 'secondary', 'open-dashboard'));
  actions.append(button('Export Learning Log', () => post({ type: 'exportLog' }), 'secondary', 'export-log'));
  // Until a project was assessed, the only trace of it here is this one action.
  if (!c.project) actions.append(button('Assess My Project', () => post({ type: 'assessProject' }), 'secondary', 'assess-project'));
  section.append(actions);
  return section;
}

// ---- The learner's own project (Assess My Project) ----------------------------------------

function projectScore(p: Project | undefined, skillId: string): string | undefined {
  const s = p?.scores[skillId];
  if (!s) return undefined;
  if (s.score === undefined) return 'nothing in your project to score';
  return `your project ${s.score}${s.was !== undefined ? ` (was ${s.was})` : ''}`;
}

function projectSection(p: Project): HTMLElement {
  const when = `${p.date.slice(0, 16).replace('T', ' ')} UTC${p.commit ? ` · commit ${p.commit.slice(0, 7)}` : ''}`;
  const recs = p.recommendations.map((r) => {
    const start = button(`Start "${r.exerciseTitle}"`, () => post({ type: 'startExercise', exerciseId: r.exerciseId }), 'secondary');
    start.classList.add('start-recommended');
    start.dataset.exercise = r.exerciseId;
    const finding = el('span', { class: 'finding' }, r.finding);
    if (r.findingWas !== undefined) finding.append(' ', el('span', { class: 'was' }, `(was ${r.findingWas})`));
    return el('li', { class: 'recommendation', 'data-skill': r.skill }, el('span', { class: 'rec-skill' }, `${r.title}: your project ${r.score}`), finding, start);
  });
  const empty = p.nothingScored ? 'Nothing here to assess yet: no Python files, notebooks or project settings were found in this folder.' : 'Every check passed: nothing to practise from this project.';
  return el(
    'section',
    { class: 'your-project', 'aria-labelledby': 'h-project' },
    el('h2', { id: 'h-project' }, 'Your project'),
    el('p', { class: 'muted' }, `${p.name} · ${when}`),
    recs.length ? el('ol', { class: 'recommendations', 'aria-label': 'Practise next' }, ...recs) : el('p', { class: 'empty' }, empty),
    el('div', { class: 'actions' }, button('Assess again', () => post({ type: 'assessProject' }), 'secondary', 'assess-project')),
  );
}

function button(text: string, onClick: () => void, kind: 'primary' | 'secondary' = 'primary', id?: string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: kind, ...(id && { id }) }, text);
  b.addEventListener('click', onClick);
  return b;
}

// ---- Skills and their competencies ----------------------------------------------------------

function competencyItem(c: Competency): HTMLLIElement {
  const id = `c-${c.key.replace(/[^a-z0-9-]/g, '_')}`;
  const box = el('input', { type: 'checkbox', id, 'data-key': c.key });
  const s = c.status;
  box.checked = s.kind !== 'open';
  let how: string;
  if (s.kind === 'linked') {
    // Verified by a check: the learner cannot take it back.
    box.disabled = true;
    how = `Verified: "${s.exercise.title}" passed`;
  } else if (s.kind === 'project') {
    // Shown by a fix in the learner's own project: evidence, like a pass.
    box.disabled = true;
    how = `Shown in my project: "${s.shown.label}" since ${s.shown.at.slice(0, 10)}`;
  } else if (s.kind === 'self') {
    how = 'Self-assessed';
  } else {
    how = c.provenBy.length ? `Passing "${c.provenBy.map((e) => e.title).join('" or "')}" ticks this` : 'Self-assessed: tick it when you can';
  }
  box.addEventListener('change', () => post({ type: 'setCompetency', key: c.key, ticked: box.checked }));
  const note = el('span', { class: `how ${s.kind}`, id: `${id}-how` }, how);
  box.setAttribute('aria-describedby', note.id);
  return el('li', { class: `competency ${s.kind}` }, el('label', { for: id }, box, el('span', { class: 'text' }, c.text)), note);
}

function skillSection(skill: Skill, openNow: boolean | undefined, openByDefault: boolean, project: Project | undefined): HTMLElement {
  const titleId = `skill-${skill.id}`;
  const details = el('details', { class: 'skill', 'data-skill': skill.id });
  // The learner's choice, else as it is on screen (a skill never folds away under the
  // cursor when its last box is ticked), else the default.
  details.open = state.open?.[skill.id] ?? openNow ?? openByDefault;
  const summary = el(
    'summary',
    { 'aria-describedby': `${titleId}-count` },
    el('span', { class: 'skill-title', id: titleId }, skill.title),
    el('span', { class: 'figure', id: `${titleId}-count` }, `${skill.met.met}/${skill.met.total}`),
  );
  // Only the learner's own opening or closing is remembered (a click, or Enter or Space on
  // the summary, which the browser turns into a click); it happens before the toggle.
  summary.addEventListener('click', () => save({ ...state, open: { ...state.open, [skill.id]: !details.open } }));
  const body = el('div', { class: 'skill-body' });
  const score = projectScore(project, skill.id);
  body.append(
    bar(skill.met.met, skill.met.total, `${skill.title}: ${skill.met.met} of ${skill.met.total} competencies met`),
    el(
      'p',
      { class: 'muted' },
      `${skill.track} · ${skill.tally.total ? `${skill.tally.passed} of ${plural(skill.tally.total, 'exercise')} passed` : 'no exercises yet'}`,
      ...(score ? [' · ', el('span', { class: 'project-score', 'data-skill': skill.id }, score)] : []),
    ),
    el('ul', { class: 'competencies', 'aria-label': `${skill.title} competencies` }, ...skill.competencies.map(competencyItem)),
  );
  if (skill.next) {
    const next = skill.next;
    body.append(
      el(
        'div',
        { class: 'next' },
        el('span', { class: 'muted' }, 'Next: '),
        el('span', { class: 'next-title' }, next.title),
        button('Start', () => post({ type: 'startExercise', exerciseId: next.id }), 'primary'),
      ),
    );
    body.lastElementChild?.querySelector('button')?.setAttribute('aria-label', `Start ${next.title}`);
  }
  details.append(summary, body);
  return el('section', { 'aria-labelledby': titleId }, details);
}

// ---- The dashboard's charts ---------------------------------------------------------------

function weeksChart(d: Dashboard, goalMs: number): HTMLElement {
  const W = 640;
  const H = 220;
  const left = 36;
  const bottom = 28;
  const top = 12;
  const maxMs = Math.max(goalMs * 1.15, ...d.weeks.map((w) => w.ms), HOUR);
  const y = (ms: number) => top + (H - top - bottom) * (1 - ms / maxMs);
  const slot = (W - left) / d.weeks.length;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'weeks-title', class: 'chart', id: 'weeks-chart' });
  chart.append(svg('title', { id: 'weeks-title' }, `Hours studied per week for the last ${d.weeks.length} weeks, against a goal of ${hours(goalMs)}`));
  chart.append(svg('line', { x1: left, x2: W, y1: y(0), y2: y(0), class: 'axis' }));
  chart.append(svg('text', { x: left - 6, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'));
  d.weeks.forEach((w, i) => {
    const x = left + i * slot + slot * 0.2;
    const barH = y(0) - y(w.ms);
    chart.append(svg('rect', { x, y: y(w.ms), width: slot * 0.6, height: Math.max(barH, 0), class: w.ms >= goalMs ? 'bar met' : 'bar' }, undefined));
    chart.lastElementChild?.append(svg('title', {}, `Week of ${w.label}: ${hours(w.ms)}`));
    // Every other week is labelled, this week always, so the labels never touch.
    if ((d.weeks.length - 1 - i) % 2 === 0) chart.append(svg('text', { x: x + slot * 0.3, y: H - 10, class: 'tick', 'text-anchor': 'middle' }, w.label));
  });
  chart.append(svg('line', { x1: left, x2: W, y1: y(goalMs), y2: y(goalMs), class: 'goal' }));
  chart.append(svg('text', { x: left - 6, y: y(goalMs) + 4, class: 'tick goal-label', 'text-anchor': 'end' }, hours(goalMs).replace(' ', '')));
  return chart as unknown as HTMLElement;
}

function skillsChart(d: Dashboard): HTMLElement {
  const rowH = 22;
  const W = 640;
  const label = 200;
  const H = d.bySkill.length * rowH + 8;
  const maxMs = Math.max(HOUR, ...d.bySkill.map((s) => s.ms));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'skills-title', class: 'chart', id: 'skills-chart' });
  chart.append(svg('title', { id: 'skills-title' }, 'Hours studied per skill, all time'));
  d.bySkill.forEach((s, i) => {
    const yy = 4 + i * rowH;
    chart.append(svg('text', { x: label - 8, y: yy + 15, class: 'tick', 'text-anchor': 'end' }, s.title));
    chart.append(svg('rect', { x: label, y: yy + 3, width: ((W - label - 60) * s.ms) / maxMs, height: rowH - 8, class: 'bar' }));
    chart.append(svg('text', { x: label + ((W - label - 60) * s.ms) / maxMs + 6, y: yy + 15, class: 'tick' }, hours(s.ms)));
  });
  return chart as unknown as HTMLElement;
}

function dataTable(caption: string, rows: [string, string][]): HTMLTableElement {
  // The charts' figures for screen readers.
  return el('table', { class: 'sr-only' }, el('caption', {}, caption), ...rows.map(([a, b]) => el('tr', {}, el('th', { scope: 'row' }, a), el('td', {}, b))));
}

function dashboardSections(d: Dashboard, goalMs: number): HTMLElement[] {
  const pace = d.pace > 0 ? `at your pace of ${d.pace.toFixed(2).replace(/\.?0+$/, '')} exercises a week over the last 4 weeks` : '';
  const tracks = el(
    'ul',
    { class: 'tracks' },
    ...d.tracks.map((t) =>
      el(
        'li',
        {},
        el('span', { class: 'skill-title' }, t.title),
        ' ',
        el(
          'span',
          { class: 'muted' },
          t.total === 0
            ? 'no exercises yet'
            : t.remaining === 0
              ? 'every exercise passed'
              : `${t.remaining} of ${plural(t.total, 'exercise')} to go${t.weeksLeft !== undefined ? `: about ${plural(t.weeksLeft, 'week')} ${pace}` : ': pass an exercise to see an estimate'}`,
        ),
      ),
    ),
  );
  return [
    el('section', { class: 'panel', 'aria-labelledby': 'h-weeks' }, el('h2', { id: 'h-weeks' }, 'Study time per week'), weeksChart(d, goalMs), dataTable('Hours per week', d.weeks.map((w) => [`Week of ${w.label}`, hours(w.ms)]))),
    el('section', { class: 'panel', 'aria-labelledby': 'h-skills' }, el('h2', { id: 'h-skills' }, 'Study time per skill'), skillsChart(d), dataTable('Hours per skill', d.bySkill.map((s) => [s.title, hours(s.ms)]))),
    el('section', { class: 'panel', 'aria-labelledby': 'h-tracks' }, el('h2', { id: 'h-tracks' }, 'Weeks left per track'), tracks),
  ];
}

// ---- Rendering and messages -----------------------------------------------------------------

function render(m: ToWebview): void {
  // Keep keyboard focus on the same control across a re-render.
  const focused = document.activeElement as HTMLElement | null;
  const focusKey = focused?.dataset.key ?? (focused?.closest('details')?.getAttribute('data-skill') ? `skill:${focused.closest('details')!.getAttribute('data-skill')}` : undefined);
  const c = m.checklist;
  const firstOpen = c.skills.find((s) => s.met.met < s.met.total)?.id;
  const onScreen = new Map(Array.from(root.querySelectorAll('details')).map((d) => [d.dataset.skill, d.open]));
  const skills = el('div', { class: 'skills', role: 'list' }, ...c.skills.map((s) => skillSection(s, onScreen.get(s.id), surface === 'dashboard' || s.id === firstOpen, c.project)));
  for (const child of Array.from(skills.children)) child.setAttribute('role', 'listitem');
  const parts: HTMLElement[] = [];
  if (surface === 'dashboard') parts.push(el('h1', {}, 'Upskill Dashboard'));
  parts.push(overview(c));
  if (c.project) parts.push(projectSection(c.project));
  if (m.dashboard) parts.push(...dashboardSections(m.dashboard, c.study.goalMs));
  parts.push(el('h2', { class: 'skills-heading' }, 'Skills'), skills);
  root.replaceChildren(...parts);
  root.setAttribute('aria-busy', 'false');
  if (focusKey?.startsWith('skill:')) root.querySelector<HTMLElement>(`details[data-skill="${CSS.escape(focusKey.slice(6))}"] summary`)?.focus();
  else if (focusKey) root.querySelector<HTMLElement>(`input[data-key="${CSS.escape(focusKey)}"]`)?.focus();
  save({ ...state, message: m });
  markFirstPaint(root);
}

function isState(m: unknown): m is ToWebview {
  const r = m as Partial<ToWebview> | null;
  return typeof r === 'object' && r !== null && r.type === 'state' && typeof r.checklist === 'object' && Array.isArray(r.checklist?.skills);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isState(event.data)) render(event.data);
  else console.warn('[upskill] ignored a message of unexpected shape', event.data);
});

// Paint straight away: the state the page came with, else what was shown last time. The
// host's state follows `ready` either way.
const first = pageState(isState) ?? (state.message && isState(state.message) ? state.message : undefined);
if (first) render(first);
post({ type: 'ready' });
