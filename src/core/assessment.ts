// The assessment of a learner's own project (Assess My Project): what each check found, how
// it maps to a skill, a competency and an exercise to practise, the per-skill scores, and the
// comparison with the assessment before. Plain data and pure functions: the checks that read
// the project are in checks/assess, the surfaces only show what this builds.

/** Bumped when the JSON shape changes (resources/schema/assessment.schema.json). */
export const ASSESSMENT_VERSION = 1;

/** Where a finding was seen: a file (slash path relative to the project) and line, where there is one. */
export interface Evidence {
  readonly file?: string;
  readonly line?: number;
  readonly detail?: string;
}

/** What a check of the project found: passed, or how far (share) and why not. */
export interface CheckOutcome {
  readonly rule: RuleId;
  /** 0..1: the share met (annotated functions, modules imported by a test); 1 or 0 for yes/no checks. */
  readonly share: number;
  /** The sentence a learner reads when it is not met, e.g. "12 functions without annotations in features/". */
  readonly message?: string;
  /** How many things are wrong (functions, files, findings), for "(was N)". */
  readonly count?: number;
  readonly evidence?: readonly Evidence[];
}

/** A check that did not pass, with what to practise. */
export interface ProjectFinding {
  readonly rule: RuleId;
  readonly skill: string;
  /** The competency key, "skill.id", as in the content. */
  readonly competency: string;
  readonly exercise: string;
  readonly label: string;
  readonly message: string;
  readonly count: number;
  readonly evidence: readonly Evidence[];
}

export interface SkillScore {
  readonly skill: string;
  /** 0..100; undefined when nothing in the project applies (no notebooks, no Dockerfile). */
  readonly score: number | undefined;
  readonly checks: readonly { readonly rule: RuleId; readonly label: string; readonly share: number }[];
}

/** Something that is not a finding about the learner's skills: a file that could not be read, no git. */
export interface AssessmentNote {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}

export interface Assessment {
  readonly version: typeof ASSESSMENT_VERSION;
  /** The folder, as given. */
  readonly root: string;
  /** ISO 8601. */
  readonly date: string;
  /** HEAD's commit, when the project is a git repository with one. */
  readonly commit?: string;
  readonly stats: { readonly pythonFiles: number; readonly notebooks: number; readonly lines: number; readonly durationMs: number };
  readonly skills: readonly SkillScore[];
  readonly findings: readonly ProjectFinding[];
  readonly notes: readonly AssessmentNote[];
}

interface Rule {
  readonly skill: string;
  readonly competency: string;
  readonly exercise: string;
  /** What a project that passes has, shown beside the score. */
  readonly label: string;
  readonly weight: number;
}

/** Every check of a project and what it teaches. The keys are stable: stored assessments and the JSON name them. */
export const RULES = {
  'lint.settings': { skill: 'linting', competency: 'linting.configure-ruff', exercise: 'project-lint-config', label: 'Lint settings in the project', weight: 1 },
  'lint.clean': { skill: 'linting', competency: 'linting.fix-common-bugs', exercise: 'linting-bugs-behind-findings', label: 'Ruff finds nothing', weight: 2 },
  'format.settings': { skill: 'formatting', competency: 'formatting.shared-config', exercise: 'project-format-config', label: 'Formatter settings in pyproject.toml', weight: 1 },
  'typing.annotated': { skill: 'typing', competency: 'typing.annotate-signatures', exercise: 'typing-annotate-metrics', label: 'Functions annotated', weight: 2 },
  'typing.mypy-configured': { skill: 'typing', competency: 'typing.run-mypy-strict', exercise: 'project-lint-config', label: 'mypy configured', weight: 1 },
  'typing.mypy-strict': { skill: 'typing', competency: 'typing.run-mypy-strict', exercise: 'typing-annotate-metrics', label: 'mypy strict', weight: 1 },
  'typing.mypy-clean': { skill: 'typing', competency: 'typing.run-mypy-strict', exercise: 'typing-annotate-metrics', label: 'mypy finds no errors', weight: 2 },
  'tests.exist': { skill: 'unit-testing', competency: 'unit-testing.write-pytest', exercise: 'unit-testing-first-tests', label: 'Tests exist', weight: 2 },
  'tests.assert': { skill: 'unit-testing', competency: 'unit-testing.tests-catch-bugs', exercise: 'unit-testing-first-tests', label: 'Every test asserts something', weight: 1 },
  'tests.modules': { skill: 'unit-testing', competency: 'unit-testing.project-suite', exercise: 'unit-testing-project-suite', label: 'Modules imported by a test', weight: 2 },
  'tests.pass': { skill: 'unit-testing', competency: 'unit-testing.write-pytest', exercise: 'unit-testing-first-tests', label: 'The tests pass', weight: 2 },
  'ci.workflow': { skill: 'ci-cd', competency: 'ci-cd.workflow-triggers', exercise: 'ci-cd-first-workflow', label: 'A workflow on push and pull request', weight: 2 },
  'ci.lint': { skill: 'ci-cd', competency: 'ci-cd.run-checks', exercise: 'project-ci-workflow', label: 'CI runs the linter', weight: 1 },
  'ci.tests': { skill: 'ci-cd', competency: 'ci-cd.run-checks', exercise: 'project-ci-workflow', label: 'CI runs the tests', weight: 1 },
  'ci.catches': { skill: 'ci-cd', competency: 'ci-cd.run-checks', exercise: 'project-ci-workflow', label: 'CI fails on a lint finding and a failing test', weight: 2 },
  'ci.pre-commit': { skill: 'ci-cd', competency: 'ci-cd.pre-commit', exercise: 'ci-cd-pre-commit-hooks', label: 'pre-commit runs a linter', weight: 1 },
  'git.repository': { skill: 'git', competency: 'git.commit-messages', exercise: 'git-feature-branch', label: 'The project is in git', weight: 2 },
  'git.gitignore': { skill: 'git', competency: 'git.gitignore', exercise: 'git-project-gitignore', label: '.gitignore keeps environments and caches out', weight: 1 },
  'git.data': { skill: 'git', competency: 'git.gitignore', exercise: 'git-project-gitignore', label: 'No data or model files tracked', weight: 1 },
  'git.secrets': { skill: 'git', competency: 'git.gitignore', exercise: 'git-project-gitignore', label: 'No secret files tracked', weight: 2 },
  'git.large': { skill: 'git', competency: 'git.gitignore', exercise: 'git-project-gitignore', label: 'No large files tracked', weight: 1 },
  'notebooks.functions': { skill: 'notebook-to-module', competency: 'notebook-to-module.extract-functions', exercise: 'notebook-to-module-extract', label: 'Notebook functions live in modules', weight: 2 },
  'notebooks.cells': { skill: 'notebook-to-module', competency: 'notebook-to-module.extract-functions', exercise: 'notebook-to-module-extract', label: 'Notebook cells fit on a screen', weight: 1 },
  'cloud.pinned-base': { skill: 'cloud', competency: 'cloud.image-hygiene', exercise: 'project-dockerfile', label: 'Dockerfile base image pinned', weight: 1 },
  'cloud.non-root': { skill: 'cloud', competency: 'cloud.image-hygiene', exercise: 'project-dockerfile', label: 'Container runs as a non-root user', weight: 1 },
  'cloud.no-secrets': { skill: 'cloud', competency: 'cloud.image-hygiene', exercise: 'cloud-dockerfile-model-server', label: 'No secrets in the image', weight: 2 },
  'cloud.exec-form': { skill: 'cloud', competency: 'cloud.container', exercise: 'cloud-dockerfile-model-server', label: 'CMD in exec form', weight: 1 },
  'cloud.settings-from-env': { skill: 'cloud', competency: 'cloud.config-from-env', exercise: 'cloud-settings-from-env', label: 'No secrets written in the code', weight: 2 },
  'deps.declared': { skill: 'cloud', competency: 'cloud.image-hygiene', exercise: 'project-dockerfile', label: 'Dependencies declared', weight: 1 },
  'deps.pinned': { skill: 'cloud', competency: 'cloud.image-hygiene', exercise: 'project-dockerfile', label: 'Dependencies pinned or locked', weight: 1 },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** The skills an assessment scores, in the order they are shown. */
export const ASSESSED_SKILLS: readonly string[] = [...new Set(Object.values(RULES).map((r: Rule) => r.skill))];

/** Evidence kept per finding: enough to act on, not a dump of a large project. */
export const EVIDENCE_CAP = 20;

/** A share at or above this passes; below it is a finding. */
const PASS_SHARE = 0.999;

/** Builds the assessment from what the checks found. Checks that do not apply are simply absent. */
export function buildAssessment(input: { root: string; date: string; commit?: string; stats: Assessment['stats']; outcomes: readonly CheckOutcome[]; notes: readonly AssessmentNote[] }): Assessment {
  const outcomes = [...input.outcomes].sort((a, b) => RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule));
  const skills: SkillScore[] = ASSESSED_SKILLS.map((skill) => {
    const mine = outcomes.filter((o) => RULES[o.rule].skill === skill);
    const total = mine.reduce((n, o) => n + RULES[o.rule].weight, 0);
    const got = mine.reduce((n, o) => n + RULES[o.rule].weight * clampShare(o.share), 0);
    return { skill, score: total ? Math.round((100 * got) / total) : undefined, checks: mine.map((o) => ({ rule: o.rule, label: RULES[o.rule].label, share: clampShare(o.share) })) };
  });
  const findings: ProjectFinding[] = outcomes
    .filter((o) => clampShare(o.share) < PASS_SHARE)
    .map((o) => {
      const r: Rule = RULES[o.rule];
      return { rule: o.rule, skill: r.skill, competency: r.competency, exercise: r.exercise, label: r.label, message: o.message ?? `Not yet: ${r.label.toLowerCase()}.`, count: o.count ?? 1, evidence: (o.evidence ?? []).slice(0, EVIDENCE_CAP) };
    });
  return { version: ASSESSMENT_VERSION, root: input.root, date: input.date, ...(input.commit && { commit: input.commit }), stats: input.stats, skills, findings, notes: input.notes };
}

const clampShare = (s: number) => (Number.isFinite(s) ? Math.min(1, Math.max(0, s)) : 0);

export interface Recommendation {
  readonly skill: string;
  readonly score: number;
  readonly exercise: string;
  /** The finding that led to it: the one that costs the skill most. */
  readonly finding: ProjectFinding;
}

/** The weakest scored skills (up to `n`) that have a finding, each with the exercise its costliest finding names. */
export function recommendations(a: Assessment, n = 3): Recommendation[] {
  const out: Recommendation[] = [];
  const ranked = a.skills.filter((s) => s.score !== undefined && s.score < 100).sort((x, y) => (x.score ?? 0) - (y.score ?? 0) || ASSESSED_SKILLS.indexOf(x.skill) - ASSESSED_SKILLS.indexOf(y.skill));
  for (const s of ranked) {
    const costs = (f: ProjectFinding) => {
      const c = s.checks.find((k) => k.rule === f.rule);
      return (RULES[f.rule] as Rule).weight * (1 - (c?.share ?? 0));
    };
    const finding = a.findings.filter((f) => f.skill === s.skill).sort((x, y) => costs(y) - costs(x))[0];
    if (finding) out.push({ skill: s.skill, score: s.score ?? 0, exercise: finding.exercise, finding });
    if (out.length >= n) break;
  }
  return out;
}

/** What changed since the assessment before: the earlier score per skill and count per finding, where they differ. */
export interface AssessmentChange {
  readonly skills: Readonly<Record<string, number>>;
  readonly findings: Readonly<Partial<Record<RuleId, number>>>;
  /** Findings the earlier assessment had and this one does not. */
  readonly fixed: readonly RuleId[];
}

export function compareAssessments(now: Assessment, before: Assessment | undefined): AssessmentChange {
  const skills: Record<string, number> = {};
  const findings: Partial<Record<RuleId, number>> = {};
  if (!before) return { skills, findings, fixed: [] };
  for (const s of now.skills) {
    const was = before.skills.find((b) => b.skill === s.skill)?.score;
    if (was !== undefined && was !== s.score) skills[s.skill] = was;
  }
  for (const f of now.findings) {
    const was = before.findings.find((b) => b.rule === f.rule);
    if (!was) findings[f.rule] = 0;
    else if (was.count !== f.count) findings[f.rule] = was.count;
  }
  const fixed = before.findings.filter((b) => !now.findings.some((f) => f.rule === b.rule)).map((b) => b.rule);
  return { skills, findings, fixed };
}

/** "12 functions", "1 file": a count with its noun. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The folder most of these paths sit in ("features/"), or '' when they are spread out. */
export function commonFolder(files: readonly string[]): string {
  if (!files.length) return '';
  const folders = new Map<string, number>();
  for (const f of files) {
    const i = f.lastIndexOf('/');
    const dir = i < 0 ? '' : f.slice(0, i + 1);
    folders.set(dir, (folders.get(dir) ?? 0) + 1);
  }
  const [dir, n] = [...folders].sort((a, b) => b[1] - a[1])[0];
  return n * 2 > files.length ? dir : '';
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The assessment as plain text: a table of skills, then the findings with their evidence, then the notes. */
export function assessmentTable(a: Assessment, before?: Assessment): string {
  const change = compareAssessments(a, before);
  const out: string[] = [`Upskill assessment of ${a.root}`, `${a.date}${a.commit ? `  commit ${a.commit.slice(0, 12)}` : '  (no commit)'}  ${a.stats.pythonFiles} Python files, ${a.stats.notebooks} notebooks, ${a.stats.lines} lines, ${(a.stats.durationMs / 1000).toFixed(1)} s`, ''];
  out.push(`${pad('skill', 20)}score`);
  for (const s of a.skills) {
    const was = change.skills[s.skill];
    out.push(`${pad(s.skill, 20)}${s.score === undefined ? 'n/a' : String(s.score)}${was !== undefined ? ` (was ${was})` : ''}`);
  }
  out.push('', a.findings.length ? 'Findings' : 'No findings.');
  for (const f of a.findings) {
    const was = change.findings[f.rule];
    out.push(`- [${f.skill}] ${f.message}${was !== undefined ? ` (was ${was})` : ''}  → practise ${f.exercise}`);
    for (const e of f.evidence.slice(0, 5)) out.push(`    ${[e.file && `${e.file}${e.line ? `:${e.line}` : ''}`, e.detail].filter(Boolean).join('  ')}`);
    if (f.evidence.length > 5) out.push(`    … and ${f.evidence.length - 5} more`);
  }
  if (a.notes.length) out.push('', 'Notes');
  for (const n of a.notes) out.push(`- ${n.message}`);
  const recs = recommendations(a);
  if (recs.length) out.push('', 'Practise next');
  for (const r of recs) out.push(`- ${r.skill} (${r.score}): ${r.finding.message} → ${r.exercise}`);
  return out.join('\n');
}

/**
 * A competency shown in the learner's own project: a finding an earlier assessment of the
 * folder had is gone, and its check ran again and passed (a check that no longer applies,
 * such as notebooks deleted or tests not run, shows nothing).
 */
export interface ShownInProject {
  readonly folder: string;
  readonly rule: RuleId;
  /** What the project now has ("Ruff finds nothing"). */
  readonly label: string;
  /** The assessment that still had the finding, and the one that no longer did (ISO dates). */
  readonly since: string;
  readonly at: string;
  readonly sinceCommit?: string;
  readonly commit?: string;
}

/** Competency key ("skill.id") → the first time a fix in a project showed it. */
export type ShownMap = Readonly<Record<string, ShownInProject>>;

/** The rules whose findings `before` had and `now` does not, where the check ran in `now` and passed. */
export function fixedInProject(now: Assessment, before: Assessment): RuleId[] {
  const ran = new Set(now.skills.flatMap((s) => s.checks.filter((c) => c.share >= PASS_SHARE).map((c) => c.rule)));
  return before.findings.filter((b) => ran.has(b.rule) && !now.findings.some((f) => f.rule === b.rule)).map((b) => b.rule);
}

/** `shown` with the competencies the fixes between `before` and `now` show; the first showing of each is kept. */
export function addShown(shown: ShownMap, folder: string, now: Assessment, before: Assessment | undefined): ShownMap {
  if (!before) return shown;
  const out: Record<string, ShownInProject> = { ...shown };
  for (const rule of fixedInProject(now, before)) {
    // A rule this version does not know (a newer Upskill's) shows nothing, rather than failing.
    const r = (RULES as Record<string, Rule | undefined>)[rule];
    if (!r) continue;
    out[r.competency] ??= { folder, rule, label: r.label, since: before.date, at: now.date, ...(before.commit && { sinceCommit: before.commit }), ...(now.commit && { commit: now.commit }) };
  }
  return out;
}

/**
 * The assessment the Checklist shows: the latest of the folders open in the window, else
 * the latest of any folder; with the one before it in the same folder.
 */
export function latestAssessment(history: Readonly<Record<string, readonly Assessment[]>>, open: readonly string[]): { readonly folder: string; readonly assessment: Assessment; readonly before?: Assessment } | undefined {
  const pick = (folders: string[]) =>
    folders
      .filter((f) => history[f]?.length)
      .map((f) => ({ folder: f, list: history[f] }))
      .sort((a, b) => b.list[b.list.length - 1].date.localeCompare(a.list[a.list.length - 1].date))[0];
  const best = pick(open.filter((f) => f in history)) ?? pick(Object.keys(history));
  if (!best) return undefined;
  const { folder, list } = best;
  return { folder, assessment: list[list.length - 1], ...(list.length > 1 && { before: list[list.length - 2] }) };
}
