// The hint rule of the content validator (test/curriculum/hints.ts): a hint that hands
// over the solution is refused, a hint that teaches on other code passes.

import * as assert from 'assert';
import { changedLines, codeFragments, covers, hintFindings, markdownTables } from '../../curriculum/hints';

const STARTER = new Map([
  [
    'ranking.py',
    ['def top_k(predictions, k):', '    everything = list(predictions)', '    everything.sort(key=lambda p: p.confidence, reverse=True)', '    return everything[:k]', ''].join('\n'),
  ],
]);
const SOLUTION = new Map([
  [
    'ranking.py',
    [
      'import heapq',
      'from collections import Counter',
      '',
      'def top_k(predictions, k):',
      '    # A min-heap of the k best seen so far.',
      '    return heapq.nlargest(k, predictions, key=lambda p: p.confidence)',
      '',
      'def top_labels(predictions, k):',
      '    counts = Counter(p.label for p in predictions)',
      '    return heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))',
    ].join('\n'),
  ],
]);
const CHANGED = changedLines(STARTER, SOLUTION);

describe('hint rule (test/curriculum/hints.ts)', () => {
  it('takes the changed lines per file, ignoring blank lines, comments and whitespace-only differences', () => {
    const starter = new Map([['a.py', 'x = compute( 1, 2 )\ny = 3\n']]);
    const solution = new Map([['a.py', 'x = compute(1, 2)\n\n# why, not what\ny = 4\n'], ['b.py', 'z = 5\n']]);
    assert.deepStrictEqual(
      changedLines(starter, solution).map((l) => `${l.file}:${l.line}:${l.text}`),
      ['a.py:4:y = 4', 'b.py:1:z = 5'],
    );
    assert.deepStrictEqual(
      CHANGED.map((l) => l.line),
      [1, 2, 6, 8, 9, 10],
    );
  });

  it('refuses a hint that gives the answer away, even with other names, and names the lines it covers', () => {
    const hint = 'Use `heapq.nlargest(k, items, key=lambda p: p.confidence)`; for the labels, `counts = Counter(p.label for p in predictions)`.';
    const findings = hintFindings(['Which data structure keeps only the best k?', hint], '', CHANGED, ['pytest']);
    assert.strictEqual(findings.length, 1, JSON.stringify(findings));
    assert.strictEqual(findings[0].hint, 2);
    assert.match(findings[0].what, /hint 2 gives the answer away: its code covers 2 of the 5 lines/);
    assert.ok(findings[0].details?.some((d) => d.startsWith('ranking.py:6: return heapq.nlargest')), String(findings[0].details));
  });

  it('finds the code in fenced blocks as well as in inline spans', () => {
    const hint = 'Like this:\n\n```python\nreturn heapq.nlargest(k, predictions, key=lambda p: p.confidence)\ncounts = Counter(p.label for p in predictions)\n```\n';
    assert.strictEqual(codeFragments(hint).length, 2);
    assert.strictEqual(hintFindings([hint], '', CHANGED, []).length, 1);
  });

  it('passes a question, a pointer into the documentation and a worked example on different code', () => {
    const hints = [
      'How many predictions do you need to keep at any moment to know the best k?',
      'Read the `heapq` documentation: which function keeps the n largest items of an iterable, and what does its `key=` do?',
      'The same idea on other data, the three slowest requests of a log:\n\n```python\nslowest = heapq.nlargest(3, requests, key=lambda r: r.duration_ms)\n```\n',
    ];
    assert.deepStrictEqual(hintFindings(hints, '', CHANGED, ['pytest']), []);
  });

  it('does not count naming a function or an import as giving its line away', () => {
    assert.strictEqual(covers(['top_labels'], 'def top_labels(predictions, k):'), false);
    assert.strictEqual(covers(['heapq.nlargest(k, preds, key=lambda p: p.confidence)'], 'return heapq.nlargest(k, predictions, key=lambda p: p.confidence)'), true);
    assert.strictEqual(covers(['slowest = heapq.nlargest(3, requests, key=lambda r: r.duration_ms)'], 'return heapq.nlargest(k, predictions, key=lambda p: p.confidence)'), false);
  });

  it('judges one file of the solution on its own: the git commands of a script are the answer even beside much code', () => {
    const script = ['git_ init -q -b main', 'git_ add .', 'git_ commit -q -m "chore: first"', 'git_ switch -q -c feature/clean', "cat >> clean.py <<'PY'", ...Array.from({ length: 30 }, (_, i) => `value_${i} = compute(rows, ${i})`), 'PY', 'git_ add clean.py', 'git_ commit -q -m "feat: clean"', 'git_ switch -q main', 'git_ merge -q feature/clean'].join('\n');
    const changed = changedLines(new Map(), new Map([['make-history.sh', script]]));
    assert.ok(changed.some((l) => l.file === 'make-history.sh (here-document at line 5)'));
    const hint = '`git switch -c feature/clean`, `git add clean.py`, `git commit -m "feat: clean"`, `git switch main`, `git merge feature/clean`';
    const [finding] = hintFindings([hint], '', changed, ['git']);
    assert.match(finding?.what ?? '', /in make-history\.sh \(at most a third/);
  });

  it('refuses a hint that names the command which writes the answer the checks judge, not one that only shows it', () => {
    const changed = changedLines(new Map([['a.py', 'x=1\n']]), new Map([['a.py', 'x = 1\n']]));
    assert.match(hintFindings(['Run `ruff format a.py`.'], '', changed, ['ruff-format'])[0]?.what ?? '', /names `ruff format a\.py`, a command that writes the answer/);
    assert.deepStrictEqual(hintFindings(['Run `ruff format --diff a.py` and read each change.'], '', changed, ['ruff-format']), []);
    assert.deepStrictEqual(hintFindings(['Run `ruff check --fix --diff .` to see what it would change.'], '', changed, ['ruff-lint']), []);
    assert.strictEqual(hintFindings(['Run `ruff check --fix .`.'], '', changed, ['ruff-lint']).length, 1);
    // Where no check judges the formatter's output, naming it gives nothing away.
    assert.deepStrictEqual(hintFindings(['Run `ruff format a.py`.'], '', changed, ['pytest']), []);
  });

  it('refuses a README table that maps one-to-one onto the solution, not one that states requirements', () => {
    const solution = new Map([['pyproject.toml', '[tool.ruff]\nline-length = 100\ntarget-version = "py311"\nquote-style = "single"\nindent-width = 4\n']]);
    const changed = changedLines(new Map(), solution);
    const answer = '# Settings\n\n| Setting | Line |\n|---|---|\n| length | `line-length = 100` |\n| target | `target-version = "py311"` |\n| quotes | `quote-style = "single"` |\n| indent | `indent-width = 4` |\n';
    const [finding] = hintFindings([], answer, changed, []);
    assert.match(finding?.what ?? '', /the table at line 3 of the instructions maps one-to-one onto the solution: 4 of its 4 rows/);
    const spec = '# Settings\n\n| Rule | Why |\n|---|---|\n| lines of at most 100 characters | our screens are wide |\n| Python 3.11 syntax | the runtime we deploy |\n| single quotes | the house style |\n';
    assert.deepStrictEqual(hintFindings([], spec, changed, []), []);
  });

  it('reads tables outside code blocks only, with the line each starts on', () => {
    const text = '# T\n\n```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n\n| c | d |\n| --- | --- |\n| 3 | 4 |\n';
    assert.deepStrictEqual(markdownTables(text), [{ line: 9, rows: [['3', '4']] }]);
  });
});
