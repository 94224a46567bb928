// A fast reader for the common shape of a content file: block mappings and sequences,
// one-line plain and quoted scalars, one-line flow sequences and mappings of scalars, `|`
// and `>` block scalars, comments. It gives the same value the `yaml` library's
// parseDocument(…).toJS() gives, or `undefined` whenever it is not sure (anchors, tags,
// multi-line plain or quoted scalars, numbers other than plain integers, tabs, duplicate
// keys, anything unusual): the caller then parses the file fully. It never reports
// problems; the full parse does, with their positions. A unit test and the content fuzz
// test compare it with the full parse on every document they make.

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Thrown inside the reader when the text is outside the shape it knows. */
class NotSure extends Error {}

interface Line {
  readonly indent: number;
  /** The line without its indentation (and without a comment when it is only a comment). */
  readonly text: string;
  /** The line's number in the file (0-based), for block scalars that read raw lines. */
  readonly at: number;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_./-]{0,200}):(?= |$)/;
const INT = /^(0|[1-9][0-9]{0,14})$/;
/** A key in a flow mapping, read where the reader stands (sticky). */
const FLOW_KEY = /([A-Za-z_][A-Za-z0-9_./-]{0,200}): /y;
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['true', 'True', 'TRUE']);
const FALSES = new Set(['false', 'False', 'FALSE']);
// Characters that start something other than a plain string (or that this reader leaves to
// the full parse): indicators, digits, signs, dots.
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`0-9+.~]/;

/** The value of `text`, or undefined when the full parse must decide. */
export function fastYaml(text: string): Value | undefined {
  // Tabs, carriage returns, control and unusual line-break characters, a byte-order mark:
  // the full parser's rules for them are not repeated here.
  if (/[\t\r\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (e) {
    if (e instanceof NotSure) return undefined;
    throw e;
  }
}

class Reader {
  private readonly raw: string[];
  private readonly lines: Line[] = [];
  private i = 0;

  constructor(text: string) {
    this.raw = text.split('\n');
    this.raw.forEach((line, at) => {
      const indent = spacesAt(line, 0);
      const body = line.slice(indent);
      if (body === '' || body.startsWith('#')) return;
      // Directives and document markers.
      if (line.startsWith('%') || line.startsWith('---') || line.startsWith('...')) throw new NotSure();
      this.lines.push({ indent, text: body, at });
    });
  }

  document(): Value {
    if (!this.lines.length) throw new NotSure();
    const first = this.lines[0];
    if (first.indent !== 0 || first.text.startsWith('-')) throw new NotSure();
    const value = this.mapping(0);
    if (this.i !== this.lines.length) throw new NotSure();
    return value;
  }

  private get line(): Line | undefined {
    return this.lines[this.i];
  }

  private block(indent: number): Value {
    const line = this.line;
    if (!line || line.indent !== indent) throw new NotSure();
    return isItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number, firstText?: string): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    let text = firstText;
    for (;;) {
      if (text === undefined) {
        const line = this.line;
        if (!line || line.indent < indent) break;
        if (line.indent > indent || isItem(line.text)) throw new NotSure();
        text = line.text;
      }
      const m = KEY.exec(text);
      if (!m) throw new NotSure();
      const key = m[1];
      if (!plainKey(key) || Object.prototype.hasOwnProperty.call(out, key)) throw new NotSure();
      const at = this.line!.at;
      this.i++;
      out[key] = this.valueAfter(text.slice(m[0].length), indent, at, true);
      text = undefined;
    }
    return out;
  }

  private sequence(indent: number): Value[] {
    const out: Value[] = [];
    for (;;) {
      const line = this.line;
      if (!line || line.indent < indent) break;
      if (line.indent > indent || !isItem(line.text)) break;
      const rest = line.text.slice(1);
      const body = rest.slice(spacesAt(rest, 0));
      if (body !== '' && !body.startsWith('#') && KEY.test(body)) {
        // `- key: value` and the keys under it: a mapping at the column of `key`.
        out.push(this.mapping(indent + 1 + (rest.length - body.length), body));
      } else {
        this.i++;
        out.push(this.valueAfter(rest, indent, line.at, false));
      }
    }
    return out;
  }

  /**
   * The value after `key:` or `-` (in `rest`) on a line at `indent`: inline, a block scalar,
   * or the block on the lines below.
   */
  private valueAfter(rest: string, indent: number, at: number, inMapping: boolean): Value {
    const body = stripComment(rest);
    if (body === '') {
      const next = this.line;
      if (next && next.indent > indent) return this.block(next.indent);
      // A mapping's sequence may sit at the key's own indentation.
      if (inMapping && next && next.indent === indent && isItem(next.text)) return this.sequence(indent);
      return null;
    }
    if (!rest.startsWith(' ')) throw new NotSure();
    const value = body.startsWith('|') || body.startsWith('>') ? this.blockScalar(body, indent, at) : inline(body);
    // What follows must not continue the value (a multi-line plain scalar, say).
    const next = this.line;
    if (next && next.indent > indent) throw new NotSure();
    return value;
  }

  /** `|`, `|-`, `>` or `>-` and the more indented lines below (`at` is the header's line). */
  private blockScalar(header: string, indent: number, at: number): string {
    if (!/^[|>]-?$/.test(header)) throw new NotSure();
    const folded = header[0] === '>';
    const strip = header.endsWith('-');
    const lines: string[] = [];
    let base = -1;
    let end = at + 1;
    for (; end < this.raw.length; end++) {
      const line = this.raw[end];
      const lineIndent = spacesAt(line, 0);
      const body = line.slice(lineIndent);
      if (body === '') {
        // An empty line, or one of spaces that must not reach past the content's indentation.
        if (base < 0 || line.length > base) throw new NotSure();
        lines.push('');
        continue;
      }
      if (base < 0) {
        if (lineIndent <= indent) break;
        base = lineIndent;
      }
      if (lineIndent < base) {
        if (lineIndent > indent) throw new NotSure();
        break;
      }
      // Folding around more indented lines has rules of its own.
      // Folding around more indented lines, or lines ending in spaces, has rules of its own.
      if (folded && (lineIndent > base || line.endsWith(' '))) throw new NotSure();
      lines.push(line.slice(base));
    }
    if (base < 0) throw new NotSure();
    // Trailing empty lines are chomped (clip keeps one line break, strip none).
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    // Skip the structural lines the scalar covered.
    while (this.line && this.line.at < end) this.i++;
    let text: string;
    if (!folded) text = lines.join('\n');
    else {
      text = '';
      for (let k = 0; k < lines.length; k++) {
        const l = lines[k];
        if (k === 0) text = l;
        else if (l === '') text += '\n';
        else text += lines[k - 1] === '' ? l : ` ${l}`;
      }
    }
    return strip ? text : `${text}\n`;
  }
}

/** A key read as the string it spells (not null, a boolean, a merge key or the prototype). */
function plainKey(key: string): boolean {
  return key !== '__proto__' && !NULLS.has(key) && !TRUES.has(key) && !FALSES.has(key);
}

function isItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** How many spaces (only spaces: YAML indents with nothing else) start `s` at `from`. */
function spacesAt(s: string, from: number): number {
  let p = from;
  while (s.charCodeAt(p) === 32) p++;
  return p - from;
}

/** `s` without spaces at either end (spaces only: other white space is content). */
function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (s.charCodeAt(a) === 32) a++;
  while (b > a && s.charCodeAt(b - 1) === 32) b--;
  return s.slice(a, b);
}

/** The text before a comment (` #`), trimmed; quoted text is left for `inline` to read. */
function stripComment(rest: string): string {
  const body = trimSpaces(rest);
  if (body.startsWith('#')) return '';
  if (body.startsWith('"') || body.startsWith("'") || body.startsWith('[') || body.startsWith('{')) return body;
  const hash = body.indexOf(' #');
  return trimSpaces(hash >= 0 ? body.slice(0, hash) : body);
}

/** A one-line scalar or flow collection: the whole of `body`, else NotSure. */
function inline(body: string): Value {
  const r = new FlowReader(body);
  const value = r.value(false);
  r.end();
  return value;
}

/** Reads one line of flow: scalars, `[…]` and `{…}`. */
class FlowReader {
  private p = 0;
  constructor(private readonly s: string) {}

  end(): void {
    this.spaces();
    if (this.p < this.s.length) {
      // Only a comment may follow, after a space.
      if (this.s[this.p] === '#' && this.p > 0 && this.s[this.p - 1] === ' ') return;
      throw new NotSure();
    }
  }

  private spaces(): void {
    while (this.s[this.p] === ' ') this.p++;
  }

  value(inFlow: boolean): Value {
    this.spaces();
    const c = this.s[this.p];
    if (c === '"') return this.doubleQuoted();
    if (c === "'") return this.singleQuoted();
    if (c === '[') return this.flowSequence();
    if (c === '{') return this.flowMapping();
    return this.plain(inFlow);
  }

  private plain(inFlow: boolean): Value {
    const start = this.p;
    if (inFlow) while (this.p < this.s.length && !',[]{}#'.includes(this.s[this.p])) this.p++;
    else this.p = this.s.length;
    const text = trimSpaces(this.s.slice(start, this.p));
    if (text === '' || text.includes(': ') || text.endsWith(':') || text.includes(' #')) throw new NotSure();
    if (inFlow && text.includes(':')) throw new NotSure();
    if (NULLS.has(text)) return null;
    if (TRUES.has(text)) return true;
    if (FALSES.has(text)) return false;
    if (INT.test(text)) return Number(text);
    if (NOT_PLAIN_START.test(text)) throw new NotSure();
    return text;
  }

  // Quoted text is taken in runs between its quote and escape characters, not a character
  // at a time (which left a string for the collector at every step).
  private doubleQuoted(): string {
    let out = '';
    for (this.p++; this.p < this.s.length; this.p++) {
      const quote = this.s.indexOf('"', this.p);
      const escape = this.s.indexOf('\\', this.p);
      if (quote < 0) break;
      if (escape < 0 || quote < escape) {
        out += this.s.slice(this.p, quote);
        this.p = quote + 1;
        return out;
      }
      out += this.s.slice(this.p, escape);
      this.p = escape;
      const e = this.s[++this.p];
      if (e === '\\' || e === '"' || e === '/') out += e;
      else if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else throw new NotSure();
    }
    throw new NotSure();
  }

  private singleQuoted(): string {
    let out = '';
    for (this.p++; this.p < this.s.length; this.p++) {
      const quote = this.s.indexOf("'", this.p);
      if (quote < 0) break;
      out += this.s.slice(this.p, quote);
      this.p = quote;
      if (this.s[this.p + 1] === "'") {
        out += "'";
        this.p++;
        continue;
      }
      this.p++;
      return out;
    }
    throw new NotSure();
  }

  private flowSequence(): Value[] {
    const out: Value[] = [];
    this.p++;
    this.spaces();
    if (this.s[this.p] === ']') {
      this.p++;
      return out;
    }
    for (;;) {
      const c = this.s[(this.spaces(), this.p)];
      // Nested collections and empty entries are left to the full parse.
      if (c === '[' || c === '{' || c === ',' || c === ']') throw new NotSure();
      out.push(this.value(true));
      this.spaces();
      const sep = this.s[this.p++];
      if (sep === ']') return out;
      if (sep !== ',') throw new NotSure();
    }
  }

  private flowMapping(): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    this.p++;
    this.spaces();
    if (this.s[this.p] === '}') {
      this.p++;
      return out;
    }
    for (;;) {
      this.spaces();
      FLOW_KEY.lastIndex = this.p;
      const m = FLOW_KEY.exec(this.s);
      if (!m) throw new NotSure();
      const key = m[1];
      if (!plainKey(key) || Object.prototype.hasOwnProperty.call(out, key)) throw new NotSure();
      this.p += m[0].length;
      this.spaces();
      const c = this.s[this.p];
      if (c === '{' || c === ',' || c === '}') throw new NotSure();
      out[key] = c === '[' ? this.flowSequence() : this.value(true);
      this.spaces();
      const sep = this.s[this.p++];
      if (sep === '}') return out;
      if (sep !== ',') throw new NotSure();
    }
  }
}
