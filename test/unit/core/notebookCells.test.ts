import * as assert from 'assert';
import { cellOfLine, joinCells, NotebookFormatError, parseNotebook } from '../../../src/core/notebookCells';

const nb = (...cells: [string, string | string[]][]) => JSON.stringify({ cells: cells.map(([cell_type, source]) => ({ cell_type, source, metadata: {} })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('notebook cells', () => {
  it('joins the code cells in order and maps each joined line back to its cell and line', () => {
    const cells = parseNotebook(nb(['markdown', '# Title'], ['code', ['import os\n', 'x = 1\n']], ['markdown', 'text'], ['code', 'y = x\nprint(y)']), 'a.ipynb');
    const joined = joinCells(cells);
    assert.strictEqual(joined.source, 'import os\nx = 1\n\ny = x\nprint(y)\n');
    assert.deepStrictEqual(cellOfLine(joined.spans, 1), { cell: 1, line: 1 });
    assert.deepStrictEqual(cellOfLine(joined.spans, 2), { cell: 1, line: 2 });
    assert.deepStrictEqual(cellOfLine(joined.spans, 5), { cell: 3, line: 2 });
    // The blank line between cells belongs to the cell before it.
    assert.deepStrictEqual(cellOfLine(joined.spans, 3), { cell: 1, line: 2 });
  });

  it('keeps line numbers through IPython magics, shell lines and cell magics', () => {
    const cells = parseNotebook(nb(['code', '%load_ext autoreload\n!pip list\nx = 1'], ['code', '%%time\ny = 2'], ['code', 'df?\nz = 3']), 'a.ipynb');
    const joined = joinCells(cells);
    assert.strictEqual(joined.source, '# %load_ext autoreload\n# !pip list\nx = 1\n\n# %%time\ny = 2\n\n# df?\nz = 3\n');
    assert.deepStrictEqual(cellOfLine(joined.spans, 9), { cell: 2, line: 2 });
    // %%capture runs its body as Python: the tools read it.
    assert.strictEqual(joinCells(parseNotebook(nb(['code', '%%capture\nimport os']), 'a.ipynb')).source, '# %%capture\nimport os\n');
  });

  it('says why a file is not a notebook', () => {
    assert.throws(() => parseNotebook('{"cells": ', 'bad.ipynb'), (e: Error) => e instanceof NotebookFormatError && /bad\.ipynb is not a notebook: its JSON does not parse/.test(e.message));
    assert.throws(() => parseNotebook('{}', 'x.ipynb'), /x\.ipynb is not a notebook: it has no "cells" list/);
  });
});
