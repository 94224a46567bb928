// What an assessment needs to know of Python source, read from the text without running
// anything (the learner's code is never imported): function signatures and whether they are
// annotated, test functions and whether they assert, and what a file imports. A line-based
// reading, so that a large project is read in one pass and a file Python cannot parse still
// gives what it can.

export interface FunctionDef {
  readonly name: string;
  readonly line: number;
  /** The `def` line's indentation, in characters. */
  readonly indent: number;
  readonly annotated: boolean;
  /** Lines of the body (after the signature), up to the next line indented no deeper than the def. */
  readonly body: readonly string[];
}

const DEF = /^(\s*)(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;

/** Splits `text` at top-level commas (not inside brackets or quotes). */
function topLevelSplit(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') {
        cur += c + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Whether a signature (the text from `(` after the name to the `:` that ends it) annotates every parameter and the return. */
export function signatureAnnotated(signature: string, isMethod: boolean): boolean {
  let depth = 0;
  let close = -1;
  for (let i = 0; i < signature.length; i++) {
    if (signature[i] === '(') depth++;
    else if (signature[i] === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return false;
  const params = topLevelSplit(signature.slice(1, close), ',').map((p) => p.trim()).filter(Boolean);
  const returns = /^\s*->/.test(signature.slice(close + 1));
  const unannotated = params.filter((p, i) => {
    if (p === '*' || p === '/') return false;
    const name = p.replace(/^\*{1,2}/, '');
    if (i === 0 && isMethod && /^(self|cls)\b/.test(name)) return false;
    return topLevelSplit(name, '=')[0].indexOf(':') < 0;
  });
  return returns && unannotated.length === 0;
}

/** The functions defined in `lines` (a file's, or a notebook cell's). */
export function functionDefs(lines: readonly string[]): FunctionDef[] {
  const out: FunctionDef[] = [];
  const classIndents: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = line.length - line.trimStart().length;
    if (line.trim() && !line.trimStart().startsWith('#')) while (classIndents.length && classIndents[classIndents.length - 1] >= indent) classIndents.pop();
    if (/^\s*class\s+\w/.test(line)) classIndents.push(indent);
    const m = DEF.exec(line);
    if (!m) continue;
    // The signature runs until its brackets close and a colon follows.
    let sig = line.slice(m[0].length - 1);
    let j = i;
    while (j + 1 < lines.length && !signatureEnds(sig) && j - i < 60) sig += ` ${lines[++j].trim()}`;
    const isMethod = classIndents.length > 0 && classIndents[classIndents.length - 1] < indent;
    const body: string[] = [];
    for (let k = j + 1; k < lines.length; k++) {
      const l = lines[k];
      if (l.trim() && l.length - l.trimStart().length <= indent) break;
      body.push(l);
    }
    out.push({ name: m[2], line: i + 1, indent, annotated: signatureAnnotated(sig, isMethod), body });
  }
  return out;
}

function signatureEnds(sig: string): boolean {
  let depth = 0;
  for (const c of sig) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
  }
  return depth <= 0 && /:\s*(#.*)?$/.test(sig.replace(/\s+$/, ''));
}

/** A test module by pytest's default names. */
export function isTestFile(rel: string): boolean {
  const base = rel.split('/').pop() ?? '';
  return /^test_.*\.py$|_test\.py$/.test(base);
}

const ASSERTS = /\bassert\b|pytest\.(raises|warns|fail|approx)|\.assert_\w*\(|self\.assert\w+\(|\bassert_\w+\(|\bcheck_\w+\(|\bverify\w*\(|\bexpect\w*\(/;

/** Test functions (`test_…`) whose body asserts nothing, not even through pytest.raises or a mock's assert_called. */
export function testsAssertingNothing(lines: readonly string[]): FunctionDef[] {
  return functionDefs(lines).filter((f) => f.name.startsWith('test') && !f.body.some((l) => ASSERTS.test(l.replace(/#.*$/, ''))));
}

/** Dotted names a file imports: `a.b` for `import a.b`, and `a.b` and `a.b.c` for `from a.b import c`. Relative imports are left out. */
export function importedNames(lines: readonly string[]): Set<string> {
  const out = new Set<string>();
  const text = lines.join('\n').replace(/\(\s*([^)]*?)\s*\)/gs, (_, inner: string) => inner.replace(/\s*\n\s*/g, ' '));
  for (const line of text.split('\n')) {
    const imp = /^\s*import\s+(.+)$/.exec(line);
    if (imp) for (const part of imp[1].replace(/#.*$/, '').split(',')) out.add(part.trim().split(/\s+as\s+/)[0]);
    const from = /^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+(.+)$/.exec(line);
    if (from) {
      out.add(from[1]);
      for (const part of from[2].replace(/#.*$/, '').split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (/^\w+$/.test(name)) out.add(`${from[1]}.${name}`);
      }
    }
  }
  return out;
}

/** The dotted module name of a file (`src/` left out, as with a src layout), or undefined for a path that is not a module. */
export function moduleName(rel: string): string | undefined {
  const parts = rel.replace(/\.py$/, '').split('/');
  if (parts[0] === 'src' && parts.length > 1) parts.shift();
  if (parts[parts.length - 1] === '__init__') parts.pop();
  if (!parts.length || !parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) return undefined;
  return parts.join('.');
}
