// The "hints teach" rule of the content validator. A hint leads the learner toward the
// answer (a question, a pointer into the documentation, a worked example on other code);
// it must never hand it over. Measured without running anything:
//
//   - the lines the solution changes: per file, the solution's lines that the starter does
//     not hold (blank lines, comments and whitespace differences ignored; a git exercise's
//     make-history.sh is all new, its here-documents judged as files of their own);
//   - a hint's code: its inline code spans and fenced blocks;
//   - a hint whose code covers more than a third of those lines, over the whole solution
//     or in one file of three lines or more, is a violation;
//   - so is a hint that names a command which writes the answer (a formatter, `--fix`)
//     in an exercise whose checks judge exactly that output;
//   - so is a README table whose rows map one-to-one onto the changed lines.
//
// "Covers": two thirds or more of the line's words appear, in order, in one code fragment,
// so renaming variables does not hide a copied line, and a worked example on other data
// does not count. Lines of fewer than three words (`import pytest`, `order_id: str`, a
// section header) count for nothing either way: naming them points at where to look.

import { promises as fs } from 'fs';
import * as path from 'path';
import { filesUnder } from '../../src/checks/scratch';
import type { Exercise } from '../../src/core/model';

/** More than this share of the changed lines in one hint's code gives the answer away. */
export const MAX_HINT_SHARE = 1 / 3;
/** Lines shorter than this (whitespace removed) are too short to be given away. */
const MIN_LINE = 6;
/** A code fragment shorter than this says too little to cover a line. */
const MIN_FRAGMENT = 4;
/** Files larger than this are data, not code a hint could give away. */
const MAX_FILE_BYTES = 256 * 1024;

export interface ChangedLine {
  readonly file: string;
  /** 1-based line number in the solution's file. */
  readonly line: number;
  readonly text: string;
  /** `text` with every whitespace character removed: what the rule compares. */
  readonly key: string;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Comments teach nothing a hint could give away, and a shebang is not the answer. */
const isComment = (trimmed: string) => /^(#|\/\/|--\s)/.test(trimmed);

/**
 * A git solution's make-history.sh writes files with here-documents: their bodies are
 * the code of those files, judged apart from the git commands around them.
 */
function splitHeredocs(file: string, text: string): [string, string[]][] {
  if (!file.endsWith('.sh')) return [[file, text.split(/\r?\n/)]];
  const script: string[] = [];
  const parts: [string, string[]][] = [[file, script]];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /<<-?\s*['"]?(\w+)['"]?/.exec(lines[i]);
    script.push(lines[i]);
    if (!m) continue;
    const body: string[] = [];
    const start = i + 1;
    while (++i < lines.length && lines[i].trim() !== m[1]) {
      body.push(lines[i]);
      script.push('');
    }
    script.push('');
    parts.push([`${file} (here-document at line ${start})`, [...Array<string>(start).fill(''), ...body]]);
  }
  return parts;
}

/** The solution's lines that the starter does not hold, per file, as a multiset (a line the starter has twice may appear twice). */
export function changedLines(starter: ReadonlyMap<string, string>, solution: ReadonlyMap<string, string>): ChangedLine[] {
  const out: ChangedLine[] = [];
  for (const [name, text] of [...solution].sort(([a], [b]) => a.localeCompare(b))) {
    const have = new Map<string, number>();
    for (const l of (starter.get(name) ?? '').split(/\r?\n/)) {
      const k = squash(l);
      if (k) have.set(k, (have.get(k) ?? 0) + 1);
    }
    for (const [file, lines] of splitHeredocs(name, text)) {
      lines.forEach((l, i) => {
        const key = squash(l);
        if (!key || isComment(l.trim())) return;
        const n = have.get(key) ?? 0;
        if (n > 0) have.set(key, n - 1);
        else out.push({ file, line: i + 1, text: l.trim(), key });
      });
    }
  }
  return out;
}

/** The code in a piece of Markdown: every line of its fenced blocks and every inline code span. */
export function codeFragments(markdown: string): string[] {
  const fragments: string[] = [];
  const prose = markdown.replace(/^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^[ \t]{0,3}\1[ \t]*$/gm, (_m, _f, body: string) => {
    fragments.push(...body.split(/\r?\n/));
    return '';
  });
  for (const m of prose.matchAll(/(`+)([\s\S]+?)\1/g)) fragments.push(m[2]);
  return fragments.filter((f) => squash(f).length >= MIN_FRAGMENT);
}

/** The words of a line (names and numbers): what carries its meaning; brackets and operators would make every call look alike. */
const words = (s: string) => s.match(/[A-Za-z_]\w*|\d+/g) ?? [];

/** The length of the longest common subsequence of two word lists. */
function lcs(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 0; j < b.length; j++) row.push(x === b[j] ? prev[j] + 1 : Math.max(prev[j + 1], row[j]));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Whether some fragment gives the line away: two thirds or more of the line's words appear
 * in it, in order. The same code with other names still counts; a worked example on other
 * data (other names, other values, the same API) and naming a function do not.
 */
export function covers(fragments: readonly string[], line: string): boolean {
  const want = words(line);
  if (want.length < 3 || squash(line).length < MIN_LINE) return false;
  return fragments.some((f) => lcs(words(f), want) * 3 >= want.length * 2);
}

/**
 * Lines that count: three words or more, and not a section header. A hint that names
 * `[tool.mypy]`, `import pytest` or `order_id: str` points at where to look; it does not
 * do the work.
 */
export function significant(lines: readonly ChangedLine[]): ChangedLine[] {
  return lines.filter((l) => l.key.length >= MIN_LINE && words(l.text).length >= 3 && !/^\[[^\]]*\]$|^\[\[[^\]]*\]\]$/.test(l.key));
}

/** A command that writes the fixed files itself: with it a hint does the exercise for the learner. */
const FIXERS: readonly { readonly re: RegExp; readonly judgedBy: readonly string[] }[] = [
  { re: /\bruff\s+format\b(?![^`\n]*--(?:check|diff)\b)/, judgedBy: ['ruff-format'] },
  { re: /\bblack\b(?=\s+[\w./-])(?![^`\n]*--(?:check|diff)\b)/, judgedBy: ['ruff-format'] },
  { re: /\bruff\s+check\b(?![^`\n]*--diff\b)[^`\n]*--fix\b/, judgedBy: ['ruff-lint'] },
  { re: /\bisort\s+[\w./-](?![^`\n]*--(?:check|diff)\b)/, judgedBy: ['ruff-lint', 'ruff-format'] },
];

/** The code of a hint as one string per span or block, not squashed (commands keep their spaces). */
function rawCode(markdown: string): string[] {
  const code: string[] = [];
  const prose = markdown.replace(/^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^[ \t]{0,3}\1[ \t]*$/gm, (_m, _f, body: string) => {
    code.push(body);
    return '';
  });
  for (const m of prose.matchAll(/(`+)([\s\S]+?)\1/g)) code.push(m[2]);
  return code;
}

export interface HintFinding {
  /** 1-based; absent for a finding in the instructions. */
  readonly hint?: number;
  readonly what: string;
  readonly details?: readonly string[];
}

/**
 * The rule on one exercise's texts: its hints, its instructions, the lines its solution
 * changes and the kinds of its checks. Pure, so that it is unit-tested without files.
 */
export function hintFindings(hints: readonly string[], readme: string, changed: readonly ChangedLine[], checkTypes: readonly string[]): HintFinding[] {
  const findings: HintFinding[] = [];
  const lines = significant(changed);
  const where = (l: ChangedLine) => `${l.file}:${l.line}: ${l.text}`;
  hints.forEach((hint, i) => {
    if (lines.length) {
      const fragments = codeFragments(hint);
      const hit = lines.filter((l) => covers(fragments, l.text));
      // Over the whole solution, or over one file of it (the git commands of a script, say) that has lines enough to judge.
      const files = [...new Set(lines.map((l) => l.file))].map((file) => ({ file, all: lines.filter((l) => l.file === file).length, hit: hit.filter((l) => l.file === file).length }));
      const worst = files.filter((f) => f.all >= 3 && f.hit > f.all * MAX_HINT_SHARE).sort((a, b) => b.hit / b.all - a.hit / a.all)[0];
      const overall = hit.length > lines.length * MAX_HINT_SHARE;
      if (overall || worst) {
        const share = overall ? `${hit.length} of the ${lines.length} lines the solution changes` : `${worst.hit} of the ${worst.all} lines the solution changes in ${worst.file}`;
        findings.push({
          hint: i + 1,
          what: `hint ${i + 1} gives the answer away: its code covers ${share} (at most a third may be); show the idea on other code instead`,
          details: hit.slice(0, 12).map(where),
        });
      }
    }
    for (const code of rawCode(hint)) {
      const fixer = FIXERS.find((f) => f.re.test(code) && f.judgedBy.some((t) => checkTypes.includes(t)));
      if (fixer) {
        findings.push({ hint: i + 1, what: `hint ${i + 1} names \`${code.trim().split('\n')[0]}\`, a command that writes the answer the checks judge; point to what to look for (\`--diff\`, \`--check\`) instead` });
        break;
      }
    }
  });
  for (const table of markdownTables(readme)) {
    if (table.rows.length < 2 || !lines.length) continue;
    const matched = new Set<ChangedLine>();
    let rowsMapped = 0;
    for (const row of table.rows) {
      const fragments = codeFragments(row.join(' | ')).concat(row.filter((c) => squash(c).length >= MIN_FRAGMENT));
      const hit = lines.find((l) => !matched.has(l) && covers(fragments, l.text));
      if (hit) {
        matched.add(hit);
        rowsMapped++;
      }
    }
    if (rowsMapped * 3 >= table.rows.length * 2 && matched.size > lines.length * MAX_HINT_SHARE) {
      findings.push({
        what: `the table at line ${table.line} of the instructions maps one-to-one onto the solution: ${rowsMapped} of its ${table.rows.length} rows are lines of it (${matched.size} of the ${lines.length} changed lines); state the requirement, not the lines that meet it`,
        details: [...matched].slice(0, 12).map(where),
      });
    }
  }
  return findings;
}

/** The body rows (cells) of each Markdown table outside code blocks, with the line the table starts on. */
export function markdownTables(text: string): { line: number; rows: string[][] }[] {
  const tables: { line: number; rows: string[][] }[] = [];
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  let i = 0;
  const cells = (l: string) => l.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
  while (i < lines.length) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (f) {
      fence = fence === undefined ? f[1][0] : f[1][0] === fence ? undefined : fence;
      i++;
      continue;
    }
    if (fence === undefined && /^\s*\|/.test(lines[i]) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      const start = i + 1;
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(cells(lines[i++]));
      tables.push({ line: start, rows });
      continue;
    }
    i++;
  }
  return tables;
}

async function readTexts(dir: string | undefined): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (dir === undefined) return texts;
  for (const rel of await filesUnder(dir).catch(() => [] as string[])) {
    const buf = await fs.readFile(path.join(dir, rel)).catch(() => undefined);
    if (!buf || buf.length > MAX_FILE_BYTES || buf.includes(0)) continue;
    texts.set(rel.split(path.sep).join('/'), buf.toString('utf8'));
  }
  return texts;
}

/** The rule on an exercise as shipped: reads its starter, solution and instructions. */
export async function exerciseHintProblems(ex: Exercise): Promise<HintFinding[]> {
  if (ex.solution === undefined) return [];
  const at = (rel: string | undefined) => (rel === undefined ? undefined : path.join(ex.dir, rel));
  const [starter, solution, readme] = await Promise.all([readTexts(at(ex.starter)), readTexts(at(ex.solution)), fs.readFile(path.join(ex.dir, ex.instructions), 'utf8').catch(() => '')]);
  return hintFindings(ex.hints, readme, changedLines(starter, solution), ex.checks.map((c) => c.type));
}
