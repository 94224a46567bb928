// A notebook's code cells as one Python source, and the way back from a line of that source
// to a cell and a line in it. Ruff's WebAssembly build and mypy read Python files, not
// notebooks; joined in order the cells are what a kernel runs top to bottom, so a type
// error between cells (a name defined in one, misused in a later one) is found too.

/** One cell of a notebook, as the ipynb JSON holds it. */
export interface NotebookCell {
  /** Its index among all the notebook's cells (Markdown ones too), as the notebook editor counts. */
  readonly index: number;
  readonly kind: 'code' | 'markdown' | 'raw';
  readonly source: string;
}

export class NotebookFormatError extends Error {}

/** The cells of an .ipynb file's text; a file that is not a notebook says why. */
export function parseNotebook(text: string, file: string): NotebookCell[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${file} is not a notebook: its JSON does not parse (${(e as Error).message}).`);
  }
  const cells = (json as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) throw new NotebookFormatError(`${file} is not a notebook: it has no "cells" list.`);
  return cells.map((c: unknown, index) => {
    const cell = c as { cell_type?: unknown; source?: unknown };
    const kind = cell.cell_type === 'code' || cell.cell_type === 'markdown' ? cell.cell_type : 'raw';
    const src = cell.source;
    const source = Array.isArray(src) ? src.map(String).join('') : typeof src === 'string' ? src : '';
    return { index, kind, source };
  });
}

/** Where one code cell sits in the joined source. */
export interface CellSpan {
  readonly cell: number;
  /** 1-based line of the joined source where the cell's first line is. */
  readonly firstLine: number;
  readonly lineCount: number;
}

export interface JoinedCells {
  readonly source: string;
  readonly spans: readonly CellSpan[];
}

/**
 * IPython's own syntax (`%magic`, `!shell`, `name?`) is no Python: such a line becomes a
 * comment of the same indentation, and a `%%cell magic` makes its whole cell a comment, so
 * line numbers stay those of the cell.
 */
function pythonLines(source: string): string[] {
  const lines = source.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  // Cell magics that run their body as Python (as Ruff reads them): the body is checked,
  // so a cell cannot hide its code from the tools behind %%capture.
  if (/^\s*%%(time|timeit|capture|prun)\b/.test(lines[0] ?? '')) return [`# ${lines[0]}`, ...pythonLines(lines.slice(1).join('\n'))];
  if (/^\s*%%/.test(lines[0] ?? '')) return lines.map((l) => `# ${l}`);
  return lines.map((l) => (/^\s*([%!]|\w[\w.]*\?\??\s*$)/.test(l) ? l.replace(/^(\s*)/, '$1# ') : l));
}

/** Whether a cell's last top-level statement is an import. */
function endsWithImport(lines: readonly string[]): boolean {
  const last = [...lines].reverse().find((l) => /^[^\s#)\]}]/.test(l));
  return last !== undefined && /^(import|from)\s/.test(last);
}

/**
 * The code cells in order, a blank line between two. Where a cell ends with its imports,
 * as many blank lines as isort asks for before what follows (two before a def or class,
 * else one): in a notebook Ruff does not count the lines after an import block at the end
 * of a cell, so the joined source must not make them a finding (I001).
 */
export function joinCells(cells: readonly NotebookCell[]): JoinedCells {
  const out: string[] = [];
  const spans: CellSpan[] = [];
  let after = 1;
  for (const c of cells) {
    if (c.kind !== 'code' || !c.source.trim()) continue;
    const lines = pythonLines(c.source);
    if (spans.length) {
      const first = lines.find((l) => l.trim() && !l.startsWith('#')) ?? '';
      out.push(...Array<string>(after === 2 && /^(def|class|async\s+def|@)/.test(first) ? 2 : 1).fill(''));
    }
    spans.push({ cell: c.index, firstLine: out.length + 1, lineCount: lines.length });
    out.push(...lines);
    after = endsWithImport(lines) ? 2 : 1;
  }
  return { source: out.length ? `${out.join('\n')}\n` : '', spans };
}

/** The cell and its 1-based line for a line of the joined source; undefined between cells. */
export function cellOfLine(spans: readonly CellSpan[], line: number): { cell: number; line: number } | undefined {
  for (const s of spans) {
    if (line >= s.firstLine && line < s.firstLine + s.lineCount) return { cell: s.cell, line: line - s.firstLine + 1 };
  }
  // The blank line after a cell (where "no newline at end" lands) belongs to that cell.
  const before = [...spans].reverse().find((s) => line >= s.firstLine);
  return before ? { cell: before.cell, line: before.lineCount } : spans[0] && { cell: spans[0].cell, line: 1 };
}

/** "cell 3, line 2" as the notebook editor numbers them (from 1). */
export function cellPlace(cell: number, line: number): string {
  return `cell ${cell + 1}, line ${line}`;
}
