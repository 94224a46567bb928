// Plain-language help for the findings the shipped exercises produce most: one sentence
// each, for a data scientist who knows Python from notebooks but not the tool's jargon.
// Matched on the tool and its rule code (mypy's error codes, Ruff's rule ids, Upskill's
// own bans) and, for pytest failures that carry no code, on the message.

/** What the help table needs of a finding or a failed test. */
export interface HelpQuery {
  /** "mypy", "ruff", "ruff-format", "upskill", "pytest", … */
  readonly source: string;
  readonly code?: string;
  readonly message: string;
}

const BY_CODE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  mypy: {
    'no-untyped-def':
      'A function without annotations: add a type to every parameter and the return value (`def f(x: float) -> float:`), so mypy can check every call to it.',
    'no-untyped-call':
      'Code that mypy checks calls one of your functions that has no annotations yet; annotate that function and this message goes away by itself.',
    'type-arg': 'A container needs its item type: write `list[int]` or `dict[str, float]` rather than a bare `list` or `dict`.',
    'arg-type': 'A call passes a value of a different type than the parameter declares; convert the value or widen the annotation if both are valid.',
    'return-value': 'The function returns a value whose type differs from its `->` annotation; fix the return or the annotation.',
    'no-any-return': 'The function is declared to return a precise type but returns something mypy only knows as `Any`; convert or annotate that value.',
    assignment: 'A variable gets a value of a different type than it was declared (or first assigned) with; use a new name or a union type.',
    'var-annotated': 'mypy cannot guess the type of an empty container: annotate it, e.g. `counts: dict[str, int] = {}`.',
    'union-attr': 'The value may be `None` here; check `if x is not None:` before using it, as you would guard a missing value in a DataFrame.',
    'attr-defined': 'That name does not exist on this object or module; check the spelling, or the import.',
    'name-defined': 'That name is used before it is defined or imported.',
    'import-untyped': 'The library ships no type information; install its stubs package (often `types-<name>`) or ask mypy to ignore that import in its configuration.',
    'import-not-found': 'mypy cannot find this module with the Python it runs; install the package into that interpreter.',
    'call-arg': 'The call has too many, too few or misnamed arguments for the function it calls.',
    index: 'The value cannot be indexed this way: check its type (a dict needs its key type, a tuple its length).',
    operator: 'The operator is not defined for these types, e.g. adding `None` to a number.',
    misc: 'mypy found a problem without a specific category; the message names what to change.',
  },
  ruff: {
    F401: 'An import that the file never uses; delete it (notebooks collect these as cells change).',
    F841: 'A variable is assigned and never read; delete it, or use its value.',
    F811: 'A name is defined twice, so the first definition is silently replaced; rename or remove one.',
    F821: 'A name is used that is never defined or imported.',
    E711: 'Compare with `None` using `is None` / `is not None`, not `==`.',
    E712: 'Test a boolean directly (`if flag:`) rather than comparing it with `True` or `False`.',
    E722: 'A bare `except:` also catches Ctrl+C and typos; name the exception you expect, e.g. `except ValueError:`.',
    E501: 'The line is longer than the project allows; break it inside brackets or name an intermediate value.',
    E741: 'Names like `l`, `O` and `I` look like digits; choose a descriptive name.',
    I001: 'Imports go in three sorted groups: standard library, third-party, then your own; `ruff check --select I --fix` sorts them.',
    B006: 'A list or dict as a default argument is created once and shared between calls; default to `None` and create it inside the function.',
    B008: 'A function call in a default argument runs once, when the function is defined; default to `None` and call it inside.',
    B904: 'Inside `except`, raise the new error with `from err` so the original cause stays in the traceback.',
    UP006: 'Since Python 3.9 the built-in `list`, `dict` and `tuple` take item types directly; use them instead of `typing.List`, `Dict`, `Tuple`.',
    UP035: 'This `typing` import is deprecated: use the built-in type (`list`, `dict`) or `collections.abc` instead.',
    UP007: 'Write an optional or union type as `X | None` or `X | Y` (Python 3.10+), not `Optional[X]` or `Union[X, Y]`.',
    UP045: 'Write an optional type as `X | None` (Python 3.10+), not `Optional[X]`.',
    UP015: 'The `"r"` mode is the default for `open()`; leave it out.',
  },
  upskill: {
    'no-type-ignore': 'Silencing mypy hides the problem rather than fixing it; a reviewer would ask for the real type.',
    'no-noqa': 'Silencing Ruff hides the problem rather than fixing it; fix the line the rule points at.',
    'no-any': '`Any` turns type checking off for that value; name the real type instead.',
  },
};

const BY_SOURCE: Readonly<Record<string, string>> = {
  'ruff-format': 'The formatter would lay this file out differently; run `ruff format` on it (or Format Document) and keep the result.',
};

/** pytest failures carry no code: the exception in the message says what went wrong. */
const PYTEST_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/ModuleNotFoundError|ImportError/, 'The test could not import a module: check the file name and that the package is installed in the Python the check uses.'],
  [/fixture '.*' not found/, 'The test asks for a pytest fixture that does not exist; check its name, or define it with `@pytest.fixture`.'],
  [/ZeroDivisionError/, 'The code divided by zero for an input the test uses; decide what that case should return and handle it before dividing.'],
  [/TypeError/, 'The code used a value of the wrong type while the test ran, e.g. `None` where a number was expected.'],
  [/KeyError/, 'The code looked up a key that is not in the dict for this input; handle the missing key.'],
  [/IndexError/, 'The code indexed past the end of a sequence for this input, often an empty list.'],
  [/NetworkBlocked|network|socket/i, 'The test tried to use the network; replace the call to the outside world with a mock.'],
  [/AssertionError|assert /, "A test's `assert` was false: the code returned something other than what the test expects; compare the two values shown."],
];

/** One sentence of help for a finding, or undefined when the table has none. */
export function helpFor(q: HelpQuery): string | undefined {
  if (q.code) {
    const byCode = BY_CODE[q.source]?.[q.code];
    if (byCode) return byCode;
  }
  if (BY_SOURCE[q.source]) return BY_SOURCE[q.source];
  if (q.source === 'pytest') return PYTEST_PATTERNS.find(([re]) => re.test(q.message))?.[1];
  return undefined;
}
