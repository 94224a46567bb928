// Ruff and mypy on notebooks. Each .ipynb among a check's targets is written, in the
// scratch copy, as one Python file of its code cells in order (core/notebookCells.ts), the
// tools run as on any module, and what they find is moved back to the notebook's cell and
// line, so the learner sees it on the cell in the notebook editor and in Problems.

import { promises as fs } from 'fs';
import * as path from 'path';
import { type CellSpan, cellOfLine, cellPlace, joinCells, NotebookFormatError, parseNotebook } from '../core/notebookCells';
import { listFiles } from '../core/folderWalk';
import { inside } from '../core/paths';
import type { CheckContext, CheckResult, Finding } from './types';

/** A notebook and the Python file that stands for it while a tool runs. */
export interface NotebookShadow {
  readonly notebook: string;
  readonly shadow: string;
  readonly spans: readonly CellSpan[];
  /** The code cells, for telling which line ends a cell. */
  readonly cellLines: ReadonlyMap<number, readonly string[]>;
}

/** The notebooks that a check's targets name (default "."), folders walked. */
export async function notebookFiles(workDir: string, targets: readonly string[] | undefined): Promise<string[]> {
  const out = new Set<string>();
  for (const t of targets?.length ? targets : ['.']) {
    const abs = inside(workDir, t, 'target');
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) {
      for (const f of await listFiles(abs, { unreadable: 'skip' })) if (f.endsWith('.ipynb')) out.add(path.join(abs, f));
    } else if (stat?.isFile() && abs.endsWith('.ipynb')) out.add(path.normalize(abs));
  }
  return [...out];
}

/** The stand-in's name: beside the notebook, so its imports of sibling modules resolve. */
export function shadowPath(notebook: string): string {
  const stem = path.basename(notebook, '.ipynb').replace(/\W/g, '_');
  return path.join(path.dirname(notebook), `_upskill_nb_${stem}.py`);
}

export interface Shadows {
  readonly shadows: readonly NotebookShadow[];
  /** The check's targets with each notebook named replaced by its stand-in. */
  readonly targets: readonly string[] | undefined;
  /** Notebooks that could not be read, as findings on them. */
  readonly problems: readonly Finding[];
  remove(): Promise<void>;
}

export async function writeShadows(workDir: string, targets: readonly string[] | undefined): Promise<Shadows> {
  const shadows: NotebookShadow[] = [];
  const problems: Finding[] = [];
  for (const notebook of await notebookFiles(workDir, targets)) {
    try {
      const cells = parseNotebook(await fs.readFile(notebook, 'utf8'), path.relative(workDir, notebook));
      const joined = joinCells(cells);
      const shadow = shadowPath(notebook);
      await fs.writeFile(shadow, joined.source, 'utf8');
      const cellLines = new Map(cells.filter((c) => c.kind === 'code').map((c) => [c.index, c.source.replace(/\n$/, '').split('\n')] as const));
      shadows.push({ notebook, shadow, spans: joined.spans, cellLines });
    } catch (e) {
      if (!(e instanceof NotebookFormatError)) throw e;
      problems.push({ file: notebook, line: 1, column: 1, severity: 'error', message: e.message, source: 'upskill', code: 'notebook' });
    }
  }
  const mapped = targets?.map((t) => (t.endsWith('.ipynb') ? path.relative(workDir, shadowPath(inside(workDir, t, 'target'))) : t));
  return {
    shadows,
    targets: mapped,
    problems,
    remove: async () => {
      for (const s of shadows) await fs.rm(s.shadow, { force: true });
    },
  };
}

/**
 * Whether a line is the last statement of its cell: nothing after it in the cell starts a
 * new statement at the left margin. Ruff does not call a cell's last expression useless
 * (B018) in a notebook: it is what the cell displays.
 */
function endsCell(lines: readonly string[], line: number): boolean {
  return lines.slice(line).every((l) => !l.trim() || /^(\s|#|[)\]}])/.test(l));
}

/** A finding of a stand-in, put on its notebook's cell; undefined for one Ruff would not report in a notebook. */
export function toCell(f: Finding, s: NotebookShadow): Finding | undefined {
  // In a notebook Ruff allows imports at the top of any cell, not only the first.
  if (f.code === 'E402') return undefined;
  const at = cellOfLine(s.spans, f.line);
  if (!at) return { ...f, file: s.notebook, line: 1 };
  if (f.code === 'B018' && endsCell(s.cellLines.get(at.cell) ?? [], at.line)) return undefined;
  const end = f.endLine !== undefined ? cellOfLine(s.spans, f.endLine) : undefined;
  const sameCell = end?.cell === at.cell;
  return { ...f, file: s.notebook, cell: at.cell, line: at.line, endLine: sameCell ? end.line : undefined, endColumn: sameCell ? f.endColumn : undefined };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A check's result with every stand-in's findings and mentions moved to the notebook. */
export function mapResult(r: CheckResult, shadows: readonly NotebookShadow[], workDir: string): CheckResult {
  if (!shadows.length) return r;
  const byFile = new Map(shadows.map((s) => [s.shadow, s]));
  let text = (t: string) => t;
  for (const s of shadows) {
    const prev = text;
    const rel = path.relative(workDir, s.shadow);
    const nb = path.relative(workDir, s.notebook);
    const placed = new RegExp(`${escape(rel)}:(\\d+)(?::(\\d+))?`, 'g');
    const named = new RegExp(escape(path.basename(s.shadow)), 'g');
    text = (t) =>
      prev(t)
        .replace(placed, (_m, line: string, col?: string) => {
          const at = cellOfLine(s.spans, Number(line));
          return at ? `${nb} ${cellPlace(at.cell, at.line)}${col ? `, column ${col}` : ''}` : nb;
        })
        .replace(named, path.basename(s.notebook));
  }
  const findings = r.findings.flatMap((f) => {
    const s = byFile.get(f.file);
    if (!s) return [f];
    const moved = toCell(f, s);
    return moved ? [moved] : [];
  });
  // Findings Ruff would not report in a notebook may have been all there was.
  const cleared = r.status === 'failed' && r.findings.length > 0 && findings.length === 0;
  return {
    ...r,
    status: cleared ? 'passed' : r.status,
    summary: cleared ? 'Nothing found in the notebook cells that Ruff reports in a notebook.' : text(r.summary),
    details: r.details.map(text),
    findings,
  };
}

/** Runs a Ruff or mypy check with the targets' notebooks standing in as Python files. */
export async function withNotebookCells(ctx: CheckContext, targets: readonly string[] | undefined, run: (targets: readonly string[] | undefined) => Promise<CheckResult>): Promise<CheckResult> {
  const shadows = await writeShadows(ctx.workDir, targets);
  try {
    const r = mapResult(await run(shadows.targets), shadows.shadows, ctx.workDir);
    if (!shadows.problems.length) return r;
    return { ...r, status: 'failed', summary: shadows.problems[0].message, findings: [...shadows.problems, ...r.findings] };
  } finally {
    await shadows.remove();
  }
}
