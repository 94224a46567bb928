// GitHub Actions' expression language, for running a workflow locally (workflowRun.ts):
// `${{ … }}` in strings, and `if:` conditions with or without the braces. It follows
// GitHub's documented semantics where they differ from JavaScript's: property names are
// case-insensitive, a missing property is null, strings compare case-insensitively, values
// of different types are compared as numbers, `&&`/`||` return an operand, and an `if:`
// without a status function means `success() && (…)`.
//
// An expression this module cannot evaluate (an unknown function or context, a syntax
// error) throws ExpressionError: the caller reports it as a failure, never as a pass.

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** What an expression can see: its contexts, and the job's status for status functions. */
export interface ExpressionScope {
  /** github, env, matrix, runner, steps, needs, job, strategy, inputs, vars, secrets… */
  readonly contexts: Readonly<Record<string, Value>>;
  /** Only in `if:`: whether an earlier step (or a needed job) failed, and whether the run was cancelled. */
  readonly status?: Status;
  /** hashFiles(patterns…): a stand-in digest of the files matching the patterns. */
  readonly hashFiles?: (patterns: string[]) => string;
}

/** A job's status for success()/failure(): `succeeded` is false when a needed job was skipped, though none failed. */
export interface Status {
  readonly failed: boolean;
  readonly cancelled: boolean;
  readonly succeeded?: boolean;
}

type Node =
  | { kind: 'literal'; value: Value }
  | { kind: 'context'; name: string }
  | { kind: 'member'; object: Node; property: string }
  | { kind: 'index'; object: Node; index: Node }
  | { kind: 'filter'; object: Node }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node };

interface Token {
  type: 'num' | 'str' | 'ident' | 'punct' | 'end';
  text: string;
  value?: Value;
  pos: number;
}

const CONTEXTS = new Set(['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs']);
const STATUS_FUNCTIONS = new Set(['success', 'failure', 'cancelled', 'always']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith', 'format', 'join', 'tojson', 'fromjson', 'hashfiles', ...STATUS_FUNCTIONS]);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new ExpressionError(`a string that starts at column ${start + 1} is never closed`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      tokens.push({ type: 'str', text: src.slice(start, i), value: s, pos: start });
      continue;
    }
    const num = /^(?:0x[0-9a-f]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)/i.exec(src.slice(i));
    const prev = tokens[tokens.length - 1];
    const afterValue = prev !== undefined && (prev.type === 'ident' || prev.text === ')' || prev.text === ']');
    if (num && (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? '') && !afterValue))) {
      tokens.push({ type: 'num', text: num[0], value: Number(num[0]), pos: start });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0], pos: start });
      i += ident[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      tokens.push({ type: 'punct', text: two, pos: start });
      i += 2;
      continue;
    }
    if ('()[].,!<>*'.includes(c)) {
      tokens.push({ type: 'punct', text: c, pos: start });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character "${c}" at column ${i + 1}`);
  }
  tokens.push({ type: 'end', text: '', pos: src.length });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private accept(text: string): boolean {
    const t = this.peek();
    if (t.type === 'punct' && t.text === text) {
      this.i++;
      return true;
    }
    return false;
  }
  private expect(text: string): void {
    if (!this.accept(text)) throw new ExpressionError(`expected "${text}" at column ${this.peek().pos + 1}, found ${this.peek().text || 'the end'}`);
  }
  parse(): Node {
    const node = this.or();
    if (this.peek().type !== 'end') throw new ExpressionError(`unexpected "${this.peek().text}" at column ${this.peek().pos + 1}`);
    return node;
  }
  private or(): Node {
    let left = this.and();
    while (this.accept('||')) left = { kind: 'binary', op: '||', left, right: this.and() };
    return left;
  }
  private and(): Node {
    let left = this.equality();
    while (this.accept('&&')) left = { kind: 'binary', op: '&&', left, right: this.equality() };
    return left;
  }
  private equality(): Node {
    let left = this.comparison();
    for (;;) {
      const t = this.peek();
      if (t.type === 'punct' && (t.text === '==' || t.text === '!=')) {
        this.i++;
        left = { kind: 'binary', op: t.text, left, right: this.comparison() };
      } else return left;
    }
  }
  private comparison(): Node {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.type === 'punct' && ['<', '<=', '>', '>='].includes(t.text)) {
        this.i++;
        left = { kind: 'binary', op: t.text, left, right: this.unary() };
      } else return left;
    }
  }
  private unary(): Node {
    if (this.accept('!')) return { kind: 'not', operand: this.unary() };
    return this.postfix();
  }
  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.accept('.')) {
        if (this.accept('*')) {
          node = { kind: 'filter', object: node };
          continue;
        }
        const t = this.next();
        if (t.type !== 'ident') throw new ExpressionError(`expected a property name after "." at column ${t.pos + 1}`);
        node = { kind: 'member', object: node, property: t.text };
      } else if (this.accept('[')) {
        if (this.accept('*')) {
          this.expect(']');
          node = { kind: 'filter', object: node };
          continue;
        }
        const index = this.or();
        this.expect(']');
        node = { kind: 'index', object: node, index };
      } else return node;
    }
  }
  private primary(): Node {
    const t = this.next();
    if (t.type === 'num' || t.type === 'str') return { kind: 'literal', value: t.value ?? null };
    if (t.type === 'punct' && t.text === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (t.type === 'ident') {
      const lower = t.text.toLowerCase();
      if (this.accept('(')) {
        if (!FUNCTIONS.has(lower)) throw new ExpressionError(`unknown function ${t.text}()`);
        const args: Node[] = [];
        if (!this.accept(')')) {
          do args.push(this.or());
          while (this.accept(','));
          this.expect(')');
        }
        return { kind: 'call', name: lower, args };
      }
      if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
      if (lower === 'null') return { kind: 'literal', value: null };
      if (lower === 'nan') return { kind: 'literal', value: NaN };
      if (lower === 'infinity') return { kind: 'literal', value: Infinity };
      if (!CONTEXTS.has(lower)) throw new ExpressionError(`unknown context "${t.text}" (GitHub has ${[...CONTEXTS].join(', ')})`);
      return { kind: 'context', name: lower };
    }
    throw new ExpressionError(t.type === 'end' ? 'the expression ends too early' : `unexpected "${t.text}" at column ${t.pos + 1}`);
  }
}

export function parseExpression(src: string): Node {
  return new Parser(tokenize(src)).parse();
}

const isObject = (v: Value): v is { [key: string]: Value } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** GitHub's truthiness: false, 0, -0, "", null and NaN are false; arrays and objects are true. */
export function truthy(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v !== '';
  return true;
}

/** A value as text, the way `${{ }}` puts it into a string. */
export function toText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return v;
  return Array.isArray(v) ? 'Array' : 'Object';
}

function toNumber(v: Value): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v.trim());
  return NaN;
}

/** `==` as GitHub defines it: same types compare directly (strings ignoring case), others as numbers. */
export function looseEquals(a: Value, b: Value): boolean {
  const ta = a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a;
  const tb = b === null ? 'null' : Array.isArray(b) ? 'array' : typeof b;
  if (ta === tb) {
    if (typeof a === 'string') return a.toLowerCase() === (b as string).toLowerCase();
    if (ta === 'array' || ta === 'object') return a === b;
    return a === b;
  }
  if (ta === 'array' || ta === 'object' || tb === 'array' || tb === 'object') return false;
  return toNumber(a) === toNumber(b);
}

function compare(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x < y ? -1 : x > y ? 1 : 0;
}

function member(object: Value, property: string): Value {
  if (Array.isArray(object)) return object.map((o) => member(o, property)).filter((x) => x !== null) as Value;
  if (!isObject(object)) return null;
  if (Object.prototype.hasOwnProperty.call(object, property)) return object[property];
  const lower = property.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? null : object[key];
}

function fromJson(text: Value): Value {
  try {
    return JSON.parse(toText(text)) as Value;
  } catch (e) {
    throw new ExpressionError(`fromJSON could not read ${JSON.stringify(toText(text)).slice(0, 80)}: ${(e as Error).message}`);
  }
}

function format(args: Value[]): string {
  const [fmt, ...rest] = args;
  const text = toText(fmt ?? null);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' && text[i + 1] === '{') {
      out += '{';
      i++;
    } else if (c === '}' && text[i + 1] === '}') {
      out += '}';
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)\}/.exec(text.slice(i));
      if (!m) throw new ExpressionError(`format(): "${text}" has a "{" that is not {N} or {{`);
      const n = Number(m[1]);
      if (n >= rest.length) throw new ExpressionError(`format(): "${text}" uses {${n}} but has ${rest.length} argument(s)`);
      out += toText(rest[n]);
      i += m[0].length - 1;
    } else if (c === '}') {
      throw new ExpressionError(`format(): "${text}" has a "}" that is not part of {N} or }}`);
    } else out += c;
  }
  return out;
}

const succeeded = (s: Status) => s.succeeded ?? (!s.failed && !s.cancelled);

function call(name: string, args: Value[], scope: ExpressionScope): Value {
  const arity = (min: number, max = min) => {
    if (args.length < min || args.length > max) throw new ExpressionError(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  };
  switch (name) {
    case 'success':
    case 'failure':
    case 'cancelled':
    case 'always': {
      arity(0);
      if (!scope.status) throw new ExpressionError(`${name}() can only be used in an "if:" condition`);
      if (name === 'always') return true;
      if (name === 'cancelled') return scope.status.cancelled;
      if (name === 'failure') return scope.status.failed && !scope.status.cancelled;
      return succeeded(scope.status);
    }
    case 'contains': {
      arity(2);
      const [search, item] = args;
      if (Array.isArray(search)) return search.some((x) => looseEquals(x, item));
      return toText(search).toLowerCase().includes(toText(item).toLowerCase());
    }
    case 'startswith':
      arity(2);
      return toText(args[0]).toLowerCase().startsWith(toText(args[1]).toLowerCase());
    case 'endswith':
      arity(2);
      return toText(args[0]).toLowerCase().endsWith(toText(args[1]).toLowerCase());
    case 'format':
      if (!args.length) throw new ExpressionError('format() needs a format string');
      return format(args);
    case 'join': {
      arity(1, 2);
      const sep = args.length > 1 ? toText(args[1]) : ',';
      return Array.isArray(args[0]) ? args[0].map(toText).join(sep) : toText(args[0]);
    }
    case 'tojson':
      arity(1);
      return JSON.stringify(args[0], null, 2);
    case 'fromjson':
      arity(1);
      return fromJson(args[0]);
    case 'hashfiles':
      if (!args.length) throw new ExpressionError('hashFiles() needs at least one pattern');
      if (!scope.hashFiles) throw new ExpressionError('hashFiles() is not available here');
      return scope.hashFiles(args.map(toText));
    default:
      throw new ExpressionError(`unknown function ${name}()`);
  }
}

function evaluateNode(node: Node, scope: ExpressionScope): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'context': {
      const key = Object.keys(scope.contexts).find((k) => k.toLowerCase() === node.name);
      if (key === undefined) throw new ExpressionError(`the "${node.name}" context is not available here`);
      return scope.contexts[key];
    }
    case 'member':
      return member(evaluateNode(node.object, scope), node.property);
    case 'index': {
      const object = evaluateNode(node.object, scope);
      const index = evaluateNode(node.index, scope);
      if (Array.isArray(object)) {
        const n = toNumber(index);
        return Number.isInteger(n) && n >= 0 && n < object.length ? object[n] : null;
      }
      return isObject(object) ? member(object, toText(index)) : null;
    }
    case 'filter': {
      const object = evaluateNode(node.object, scope);
      if (Array.isArray(object)) return object;
      return isObject(object) ? Object.values(object) : [];
    }
    case 'call':
      return call(node.name, node.args.map((a) => evaluateNode(a, scope)), scope);
    case 'not':
      return !truthy(evaluateNode(node.operand, scope));
    case 'binary': {
      if (node.op === '&&') {
        const left = evaluateNode(node.left, scope);
        return truthy(left) ? evaluateNode(node.right, scope) : left;
      }
      if (node.op === '||') {
        const left = evaluateNode(node.left, scope);
        return truthy(left) ? left : evaluateNode(node.right, scope);
      }
      const left = evaluateNode(node.left, scope);
      const right = evaluateNode(node.right, scope);
      switch (node.op) {
        case '==':
          return looseEquals(left, right);
        case '!=':
          return !looseEquals(left, right);
        case '<':
          return compare(left, right) < 0;
        case '<=':
          return compare(left, right) <= 0;
        case '>':
          return compare(left, right) > 0;
        default:
          return compare(left, right) >= 0;
      }
    }
  }
}

/** Evaluates an expression (the text inside `${{ }}`). */
export function evaluate(src: string, scope: ExpressionScope): Value {
  return evaluateNode(parseExpression(src), scope);
}

function usesStatusFunction(node: Node): boolean {
  switch (node.kind) {
    case 'call':
      return STATUS_FUNCTIONS.has(node.name) || node.args.some(usesStatusFunction);
    case 'member':
    case 'filter':
      return usesStatusFunction(node.object);
    case 'index':
      return usesStatusFunction(node.object) || usesStatusFunction(node.index);
    case 'not':
      return usesStatusFunction(node.operand);
    case 'binary':
      return usesStatusFunction(node.left) || usesStatusFunction(node.right);
    default:
      return false;
  }
}

/** Finds each `${{ … }}` in a string: [start, end, inner text]; `}}` inside a quoted string does not end one. */
function templates(text: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  let i = 0;
  for (;;) {
    const start = text.indexOf('${{', i);
    if (start < 0) return out;
    let j = start + 3;
    let quoted = false;
    for (; j < text.length; j++) {
      if (text[j] === "'") quoted = !quoted;
      else if (!quoted && text.startsWith('}}', j)) break;
    }
    if (j >= text.length) throw new ExpressionError(`"\${{" at column ${start + 1} is never closed with "}}"`);
    out.push([start, j + 2, text.slice(start + 3, j)]);
    i = j + 2;
  }
}

/** Replaces every `${{ … }}` in a string with its value as text. */
export function interpolate(text: string, scope: ExpressionScope): string {
  let out = '';
  let last = 0;
  for (const [start, end, inner] of templates(text)) {
    out += text.slice(last, start) + toText(evaluate(inner, scope));
    last = end;
  }
  return out + text.slice(last);
}

/**
 * A value from the workflow (a string, number, boolean, list or mapping) with its
 * expressions evaluated. A string that is exactly one `${{ … }}` keeps the value's type
 * (so `continue-on-error: ${{ matrix.experimental }}` is a boolean).
 */
export function resolveValue(v: unknown, scope: ExpressionScope): Value {
  if (typeof v === 'string') {
    const t = templates(v);
    if (t.length === 1 && t[0][0] === 0 && t[0][1] === v.length) return evaluate(t[0][2], scope);
    return t.length ? interpolate(v, scope) : v;
  }
  if (Array.isArray(v)) return v.map((x) => resolveValue(x, scope));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveValue(x, scope)]));
  return (v ?? null) as Value;
}

/**
 * Whether an `if:` holds. Without `${{ }}` the text is an expression; wrapped whole in
 * `${{ }}` it is the expression inside. Anything else with `${{` in it is a string, and a
 * non-empty string is true (GitHub's own trap: `if: ${{ a }} == 'b'` always runs). Without a
 * status function the condition is `success() && (…)`. No `if:` at all is `success()`.
 */
export function conditionHolds(cond: unknown, scope: ExpressionScope): boolean {
  const status = scope.status ?? { failed: false, cancelled: false };
  const ok = succeeded(status);
  if (cond === undefined || cond === null || cond === '') return ok;
  if (typeof cond === 'boolean' || typeof cond === 'number') return ok && truthy(cond);
  if (typeof cond !== 'string') throw new ExpressionError(`an "if:" must be an expression, not ${JSON.stringify(cond)}`);
  const trimmed = cond.trim();
  const t = templates(trimmed);
  let src: string;
  if (t.length === 0) src = trimmed;
  else if (t.length === 1 && t[0][0] === 0 && t[0][1] === trimmed.length) src = t[0][2];
  else return ok && truthy(interpolate(trimmed, scope));
  const node = parseExpression(src);
  const value = truthy(evaluateNode(node, { ...scope, status }));
  return usesStatusFunction(node) ? value : ok && value;
}
