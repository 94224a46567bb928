// What the project assessment panel shows, built from the latest assessment, the one before
// and the learner's progress: per skill "your project" beside "exercises passed", and the
// three weakest skills each with an exercise and the finding that led to it.

import { type Assessment, type ProjectFinding, compareAssessments, recommendations } from './assessment';
import type { Catalog } from './model';
import { type ProgressMap, tallySkill } from './progress';

export interface ProjectSkillRow {
  readonly skill: string;
  readonly title: string;
  /** 0..100, undefined when nothing in the project applies. */
  readonly score: number | undefined;
  /** The score at the assessment before, when it differs. */
  readonly was?: number;
  readonly passed: number;
  readonly total: number;
}

export interface ProjectRecommendation {
  readonly skill: string;
  readonly title: string;
  readonly score: number;
  readonly exerciseId: string;
  /** The exercise's title; undefined when the catalog has no such exercise. */
  readonly exerciseTitle?: string;
  readonly finding: ProjectFinding;
}

export interface ProjectFindingRow extends ProjectFinding {
  /** The count at the assessment before (0 for a new finding), when it differs. */
  readonly was?: number;
}

export interface ProjectView {
  readonly root: string;
  readonly date: string;
  readonly commit?: string;
  readonly previousDate?: string;
  readonly skills: readonly ProjectSkillRow[];
  readonly recommendations: readonly ProjectRecommendation[];
  readonly findings: readonly ProjectFindingRow[];
  /** Labels of findings the assessment before had and this one does not. */
  readonly fixed: readonly string[];
  readonly notes: readonly string[];
}

export function projectView(a: Assessment, before: Assessment | undefined, catalog: Catalog | undefined, progress: ProgressMap): ProjectView {
  const change = compareAssessments(a, before);
  const title = (skill: string) => catalog?.skills.get(skill)?.title ?? skill;
  return {
    root: a.root,
    date: a.date,
    ...(a.commit && { commit: a.commit }),
    ...(before && { previousDate: before.date }),
    skills: a.skills.map((s) => {
      const tally = catalog ? tallySkill(catalog, s.skill, progress) : { passed: 0, total: 0 };
      return { skill: s.skill, title: title(s.skill), score: s.score, ...(change.skills[s.skill] !== undefined && { was: change.skills[s.skill] }), passed: tally.passed, total: tally.total };
    }),
    recommendations: recommendations(a).map((r) => ({ skill: r.skill, title: title(r.skill), score: r.score, exerciseId: r.exercise, ...(catalog?.exercises.get(r.exercise) && { exerciseTitle: catalog.exercises.get(r.exercise)?.title }), finding: r.finding })),
    findings: a.findings.map((f) => ({ ...f, ...(change.findings[f.rule] !== undefined && { was: change.findings[f.rule] }) })),
    fixed: change.fixed.map((rule) => before?.findings.find((f) => f.rule === rule)?.label ?? rule),
    notes: a.notes.map((n) => n.message),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const was = (n: number | undefined) => (n === undefined ? '' : ` <span class="was">(was ${n})</span>`);
const commandLink = (command: string, args: unknown[], text: string) => `<a href="command:${command}?${encodeURIComponent(JSON.stringify(args))}">${text}</a>`;

/**
 * The assessment panel's body: written by Upskill, with everything from the project escaped.
 * Its only actions are command links (`commands`: the ids of Assess My Project and Start Exercise).
 */
export function assessmentHtml(v: ProjectView, commands: { readonly assess: string; readonly start: string }): string {
  const rows = v.skills
    .map((s) => `<tr><th scope="row">${esc(s.title)}</th><td class="score" data-skill="${esc(s.skill)}">${s.score === undefined ? '<span class="na">not applicable</span>' : `${s.score}${was(s.was)}`}</td><td>${s.passed} of ${s.total}</td></tr>`)
    .join('');
  const recs = v.recommendations
    .map((r) => `<li class="recommendation"><strong>${esc(r.title)}</strong> (${r.score}): ${esc(r.finding.message)} → ${commandLink(commands.start, [r.exerciseId], esc(r.exerciseTitle ?? r.exerciseId))}</li>`)
    .join('');
  const findings = v.findings
    .map((f) => {
      const ev = f.evidence
        .slice(0, 8)
        .map((e) => `<li><code>${esc([e.file && `${e.file}${e.line ? `:${e.line}` : ''}`, e.detail].filter(Boolean).join('  '))}</code></li>`)
        .join('');
      return `<li class="finding" data-rule="${esc(f.rule)}"><span class="skill">${esc(f.skill)}</span> ${esc(f.message)}${was(f.was)}${ev ? `<ul>${ev}</ul>` : ''}</li>`;
    })
    .join('');
  return `<header><h1>Your project</h1><p>${esc(v.root)} · ${esc(v.date.slice(0, 16).replace('T', ' '))} UTC${v.commit ? ` · commit <code>${esc(v.commit.slice(0, 12))}</code>` : ''}${v.previousDate ? ` · compared with ${esc(v.previousDate.slice(0, 10))}` : ''}</p>
<p>${commandLink(commands.assess, [], 'Assess again')}</p></header>
<table><thead><tr><th scope="col">Skill</th><th scope="col">Your project</th><th scope="col">Exercises passed</th></tr></thead><tbody>${rows}</tbody></table>
${recs ? `<h2>Practise next</h2><ol>${recs}</ol>` : '<p>Every check passed: nothing to practise from this project.</p>'}
${v.fixed.length ? `<h2>Fixed since last time</h2><ul>${v.fixed.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}
${findings ? `<h2>Findings</h2><ul class="findings">${findings}</ul>` : ''}
${v.notes.length ? `<h2>Notes</h2><ul>${v.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}`;
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/**
 * The learning log's "My project" section: per assessed folder, the first assessment beside
 * the latest, with their dates and commits, the score per skill, and the findings fixed in
 * between. No lines when nothing was assessed.
 */
export function myProjectSection(history: Readonly<Record<string, readonly Assessment[]>>): string[] {
  const folders = Object.entries(history).filter(([, list]) => list.length);
  if (!folders.length) return [];
  const out = ['', '## My project', '', 'Upskill: Assess My Project read these projects (read-only) and scored each skill from 0 to 100; the first assessment is the "before", the latest the "after".'];
  const when = (a: Assessment) => `${a.date.slice(0, 10)}${a.commit ? ` (commit ${a.commit.slice(0, 12)})` : ''}`;
  for (const [folder, list] of folders) {
    const first = list[0];
    const last = list[list.length - 1];
    out.push('', `### ${mdCell(folder)}`, '', list.length > 1 ? `Before: ${when(first)}. After: ${when(last)}.` : `Assessed ${when(last)}.`, '');
    out.push(list.length > 1 ? '| Skill | Before | After |' : '| Skill | Score |', list.length > 1 ? '| --- | ---: | ---: |' : '| --- | ---: |');
    for (const s of last.skills) {
      const score = (n: number | undefined) => (n === undefined ? 'n/a' : String(n));
      const before = first.skills.find((b) => b.skill === s.skill)?.score;
      out.push(list.length > 1 ? `| ${s.skill} | ${score(before)} | ${score(s.score)} |` : `| ${s.skill} | ${score(s.score)} |`);
    }
    const fixed = compareAssessments(last, first).fixed.map((rule) => first.findings.find((f) => f.rule === rule));
    if (list.length > 1 && fixed.length) out.push('', 'Fixed in the project since the first assessment:', '', ...fixed.map((f) => `- ${mdCell(f?.label ?? '')} (${f?.competency ?? ''})`));
  }
  return out;
}
