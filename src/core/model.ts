// The content model: what the YAML under resources/ (and users' .upskill/ folders)
// describes once it has been parsed, validated and linked. Plain data, no VS Code.

/** Where a piece of content came from. Shipped content is trusted; the rest is marked in the UI. */
export type SourceKind = 'builtin' | 'workspace' | 'setting';

export interface ContentSource {
  readonly kind: SourceKind;
  /** Absolute folder the content was read from. */
  readonly root: string;
  /** Short human label shown in the tree, e.g. "my-project/.upskill". */
  readonly label: string;
  /** Shipped content may run arbitrary check commands; workspace content only in a trusted workspace. */
  readonly trusted: boolean;
}

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

export interface Track {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** Skills in display order. */
  readonly skillIds: readonly string[];
  readonly source: ContentSource;
  /** Absolute path of the YAML file that defines it, for error reporting and "open source". */
  readonly file: string;
}

export interface Competency {
  /** Unique within its skill; `<skill>.<id>` names it everywhere else (see `competencyKey`). */
  readonly id: string;
  readonly text: string;
  /** The author marked it as one the learner ticks themselves (no exercise can check it). */
  readonly selfAssessed: boolean;
  /** Exercises whose pass proves it, in catalog order (filled in when linking). Empty: self-assessed. */
  readonly exerciseIds: readonly string[];
}

/** The id of a competency outside its skill, as exercises and progress name it: `typing.run-mypy-strict`. */
export function competencyKey(skillId: string, competencyId: string): string {
  return `${skillId}.${competencyId}`;
}

export interface Skill {
  readonly id: string;
  readonly trackId: string;
  readonly title: string;
  /** One paragraph: why this matters to a data scientist moving toward ML engineering. */
  readonly why: string;
  /** Codicon name for the tree, e.g. "symbol-type-parameter". */
  readonly icon?: string;
  readonly checklist: readonly Competency[];
  /** Exercises in display order (filled in when linking). */
  readonly exerciseIds: readonly string[];
  readonly source: ContentSource;
  readonly file: string;
}

/**
 * `scaffold`: starter files are copied into the learner's exercises folder.
 * `project`: the checks run against the learner's open workspace ("apply to your project").
 */
export type ExerciseKind = 'scaffold' | 'project';

export interface Exercise {
  readonly id: string;
  readonly skillId: string;
  readonly title: string;
  /** Why it matters, in a sentence or two; shown above the instructions. */
  readonly why?: string;
  /** Python packages (import names) its code and tests import, e.g. numpy. */
  readonly requires?: readonly string[];
  readonly difficulty: Difficulty;
  readonly tags: readonly string[];
  readonly kind: ExerciseKind;
  /** Minutes a learner might expect to spend; shown in the quick pick. */
  readonly minutes?: number;
  /** Absolute folder holding the exercise's own files; every path below is relative to it. */
  readonly dir: string;
  /** Markdown instructions, relative to `dir`. */
  readonly instructions: string;
  /** Folder (relative to `dir`) whose files are copied to start the exercise. Absent for `project`. */
  readonly starter?: string;
  /** Folder (relative to `dir`) with the reference solution, laid out like the starter. */
  readonly solution?: string;
  /** File (relative to the learner's exercise folder) opened when starting. */
  readonly main?: string;
  readonly hints: readonly string[];
  readonly checks: readonly CheckSpec[];
  /** Ways to pass without doing the work that the checks must refuse; the validator tries each. */
  readonly cheats?: readonly Cheat[];
  /** Correct solutions written differently from the reference; the validator requires each to pass. */
  readonly honest?: readonly HonestVariant[];
  /** Competencies its pass proves, as `<skill>.<competency>` keys that resolved when linking. */
  readonly competencies: readonly string[];
  readonly source: ContentSource;
  readonly file: string;
}

/**
 * A cheat: a folder (relative to `dir`) laid over the starter, or over the starter with the
 * solution when `base` is "solution" (for a sabotaged solution, say). A `make-history.sh`
 * in it is run instead of copied, as for git solutions.
 */
export interface Cheat {
  readonly folder: string;
  readonly description: string;
  readonly base?: 'starter' | 'solution';
}

/**
 * An honest variant: a correct solution written differently from the reference (other
 * names and order, another algorithm, another spelling of a tool), laid exactly like a
 * cheat, that every check must pass. It keeps the checks from refusing honest work.
 */
export interface HonestVariant {
  readonly folder: string;
  /** What it does differently from the reference, in one sentence. */
  readonly description: string;
  readonly base?: 'starter' | 'solution';
}

// ---- Checks ---------------------------------------------------------------------------
// Every check names the files it needs relative to the exercise's own folder (`dir`) for
// content it ships (tests, buggy versions), and relative to the learner's folder for the
// learner's work (targets). The engine resolves both and refuses anything that escapes.

export interface CheckBase {
  /** Shown in results, e.g. "Type check (mypy --strict)". Defaults from the type. */
  readonly title?: string;
}

export interface PytestCheck extends CheckBase {
  readonly type: 'pytest';
  /** Folder in the exercise (relative to `dir`) with tests the learner does not see until the first check. */
  readonly hiddenTests?: string;
  /** Extra pytest arguments, e.g. ["-k", "not slow"]. */
  readonly args?: readonly string[];
  /** Block network access while the tests run (mocking exercises). */
  readonly noNetwork?: boolean;
  /** At least this many test functions must run and pass (the cases of one parametrized function count once). */
  readonly minTests?: number;
  /**
   * Every test that passed must check something: an assert on a value, pytest.raises/warns, or
   * an assert_… call, in its own code or a helper of the same file (a look at the code).
   */
  readonly requireAsserts?: boolean;
  /** Skipped and xfailed tests are allowed; they do not count as passing. */
  readonly allowSkips?: boolean;
  /**
   * "Apply to your project": pytest reads the learner's own pytest settings (pytest.ini, or a
   * pytest section in pyproject.toml, tox.ini or setup.cfg; addopts aside) and conftest.py
   * files. A Python file that implements a hook deciding test outcomes is refused.
   */
  readonly projectConfig?: boolean;
}

export interface NoNetworkCheck extends CheckBase {
  readonly type: 'no-network';
  readonly args?: readonly string[];
  /**
   * Proof that the outside world was replaced: some test must make `module` (relative to the
   * learner's folder) call a mock named `name` (unittest.mock or pytest-mock), e.g.
   * { module: "weather.py", name: "urlopen" }.
   */
  readonly mustMock?: { readonly module: string; readonly name: string };
}

export interface CatchBugsCheck extends CheckBase {
  readonly type: 'tests-catch-bugs';
  /** The module the learner's tests import, relative to the learner's folder, e.g. "slugify.py". */
  readonly module: string;
  /** Reference implementation (relative to `dir`) the tests must pass against. */
  readonly reference: string;
  /** Seeded buggy versions (relative to `dir`) the tests must fail against. */
  readonly bugs: readonly SeededBug[];
  /**
   * Further correct implementations (relative to `dir`), written differently from the
   * reference (other statement order, names, algorithm) and keeping every promise the
   * instructions make: the tests must pass on each, so a test that pins the code's shape
   * (a bytecode or syntax-tree fingerprint) fails.
   */
  readonly alternatives?: readonly { readonly file: string; readonly description: string }[];
}

export interface SeededBug {
  /** Names the bug in results; default: the file's name without ".py" (see `bugId`). */
  readonly id?: string;
  readonly file: string;
  /** Completes "they missed the one where …". */
  readonly description: string;
}

/** A seeded bug's id: its own, or its file's name without the extension. */
export function bugId(bug: SeededBug): string {
  return bug.id ?? bug.file.replace(/^.*[\\/]/, '').replace(/\.py$/, '');
}

export interface MypyCheck extends CheckBase {
  readonly type: 'mypy';
  readonly args?: readonly string[];
  /** Files or folders to check, relative to the learner's folder; default ".". */
  readonly targets?: readonly string[];
  readonly forbidTypeIgnore?: boolean;
  readonly forbidAny?: boolean;
  /**
   * A TOML file in the learner's folder whose `[tool.mypy]` settings (and overrides) the check
   * uses instead of the exercise's; settings that choose files or load code are left out,
   * and `ignore_errors` for the whole project is refused (see checks/mypyConfig.ts).
   */
  readonly config?: string;
}

export interface RuffLintCheck extends CheckBase {
  readonly type: 'ruff-lint';
  /** Rule selectors, e.g. ["E", "F", "I", "B"]; with `config`, only when the learner's settings choose none. */
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly targets?: readonly string[];
  readonly forbidNoqa?: boolean;
  /**
   * A TOML file in the learner's folder whose Ruff settings the check uses: `[tool.ruff]` of a
   * pyproject.toml, or a whole ruff.toml. Settings that choose files or change how Ruff runs
   * (exclude, per-file-ignores, extend, fix…) are left out; see checks/ruffConfig.ts.
   */
  readonly config?: string;
}

export interface RuffFormatCheck extends CheckBase {
  readonly type: 'ruff-format';
  readonly targets?: readonly string[];
  /** Default 88; with `config`, only when the learner's settings set no line-length. */
  readonly lineLength?: number;
  /** As for RuffLintCheck: the learner's own Ruff settings (line length, quote style…). */
  readonly config?: string;
  /**
   * Every Python file and notebook the starter ships keeps its syntax tree (a notebook's code
   * cells joined in order), so rewriting is not formatting; default true. false where the
   * exercise asks for code changes too and other checks judge them.
   */
  readonly sameCode?: boolean;
}

export interface WorkflowRules {
  /** Events that must trigger the workflow, e.g. ["push", "pull_request"]. */
  readonly triggers?: readonly string[];
  /**
   * Tools the workflow must really run, e.g. ["ruff", "mypy", "pytest"]; "ruff|flake8|pylint" is
   * met by any one of them. A linter, a test runner or a type checker is shown at work by
   * running the workflow on a change with a seeded lint finding, failing test or type error
   * (checks/workflowJudge.ts); any other tool must be the command of a `run:` step.
   */
  readonly runs?: readonly string[];
  /** Python versions the matrix must include. */
  readonly pythonMatrix?: readonly string[];
  readonly requireCache?: boolean;
  readonly minJobs?: number;
}

export interface WorkflowCheck extends CheckBase {
  readonly type: 'workflow';
  /**
   * Workflow file relative to the learner's folder, e.g. ".github/workflows/ci.yml"; or a
   * pattern whose file name holds `*`, `?` or `{yml,yaml}` (checks/workflowFiles.ts): every
   * matching file is read, and each tool must be run by one that meets every rule.
   */
  readonly file: string;
  readonly rules: WorkflowRules;
}

export type GitAssertion =
  | { readonly branchExists: string }
  | { readonly currentBranch: string }
  | { readonly commitCount: { readonly branch?: string; readonly min?: number; readonly max?: number } }
  | { readonly lastMessageMatches: string }
  | { readonly noConflictMarkers: readonly string[] }
  | { readonly cleanWorkingTree: true }
  /** The .gitignore files of the last commit ignore these paths (not the work tree's edits, not .git/info/exclude). */
  | { readonly ignored: readonly string[] }
  /** The .gitignore files of the last commit do not ignore these paths (code that belongs in git). */
  | { readonly notIgnored: readonly string[] }
  /** In the last commit. */
  | { readonly tracked: readonly string[] }
  | { readonly mergedInto: { readonly branch: string; readonly into: string } }
  /** No commit on any ref ever held these paths (raw data never committed, not even before .gitignore). */
  | { readonly neverCommitted: readonly string[] }
  /** `branch` has a commit of its own (not a merge) that changes `file`. */
  | { readonly branchCommitTouches: { readonly branch: string; readonly file: string } };

export interface GitCheck extends CheckBase {
  readonly type: 'git';
  readonly assert: readonly GitAssertion[];
  /**
   * A script in the learner's folder that creates the practice repository (history,
   * branches, a conflict to resolve), e.g. "setup_repo.sh": a folder that is not a
   * repository yet is told to run it with bash, not to "git init".
   */
  readonly setup?: string;
}

export type StructureAssertion =
  | { readonly fileExists: string }
  | { readonly fileAbsent: string }
  | { readonly functionAnnotated: { readonly file: string; readonly name: string } }
  | { readonly functionHasDocstring: { readonly file: string; readonly name: string } }
  /**
   * The notebook's code cells (parsed by Python) import `module` at the top level of a cell,
   * and no longer define anything that the module (`<module>.py` beside the notebook) defines.
   */
  | { readonly notebookImports: { readonly notebook: string; readonly module: string } }
  /**
   * For "your project", where the notebook has a name of the learner's: some notebook of the
   * project imports a function from a module of the project (checks/projectNotebooks.ts),
   * no longer defines it itself, and a test file of the project imports the module and
   * calls that function.
   */
  | { readonly notebookModuleTested: true }
  /**
   * For "your project" offline: some module of the project (not its tests) reaches the
   * network (an HTTP client, a socket, a cloud, database or model-hub SDK), and a test file
   * imports it (checks/projectNetwork.ts). A project with nothing to mock fails, saying so.
   */
  | { readonly networkCodeTested: true }
  /**
   * A TOML file (parsed with tomllib) configures each tool in `[tool.<name>]`, and the tool
   * accepts the settings (Ruff: its own settings reader; mypy: its config parser).
   */
  | { readonly toolConfig: { readonly file: string; readonly tools: readonly ('ruff' | 'mypy')[] } }
  | { readonly fileContains: { readonly file: string; readonly pattern: string } }
  /**
   * A pre-commit configuration (YAML) that pre-commit accepts, with every rev pinned, each
   * hook in `hooks` taken from its repository, and hooks that, run here on commits, let a
   * clean new module through and refuse one with the problem each required hook is for
   * (see checks/precommit.ts and checks/precommitRun.ts).
   */
  | { readonly preCommitHooks: { readonly file: string; readonly hooks: readonly { readonly repo: string; readonly ids: readonly string[] }[] } }
  /**
   * A Dockerfile (parsed as Docker does: continuations, comments, any case, multi-stage)
   * keeps the rules; the build context is the Dockerfile's folder (with its .dockerignore).
   */
  | { readonly dockerfile: { readonly file: string } & DockerfileRules };

/** Rules for a Dockerfile, checked without Docker (see checks/dockerfile.ts). */
export interface DockerfileRules {
  /** Every FROM names a tag with a version number in it (not latest) or a digest; earlier stages and scratch are fine. */
  readonly pinnedBase?: boolean;
  /** The final stage's last USER is not root, and a named user is created in it (useradd/adduser) or numeric. */
  readonly nonRootUser?: boolean;
  /** No secret written in the Dockerfile (ENV/ARG names; keys, tokens and .env values in any instruction) and none in a file that reaches the final image (COPY/ADD, COPY --from, bind mounts a RUN copies from), found by content. */
  readonly noSecrets?: boolean;
  /** Ports the final stage must EXPOSE. */
  readonly expose?: readonly number[];
  /**
   * The final stage has a HEALTHCHECK that Docker can run, and it behaves: run beside a stand-in
   * server, it succeeds when the server answers 200 and fails when nothing listens or the server
   * answers 500. A path (e.g. "/health"): the one it must request.
   */
  readonly healthcheck?: boolean | string;
  /** The final stage has CMD or ENTRYPOINT, in exec form (a JSON array). */
  readonly execForm?: boolean;
}

export interface StructureCheck extends CheckBase {
  readonly type: 'structure';
  readonly assert: readonly StructureAssertion[];
}

export interface CommandCheck extends CheckBase {
  readonly type: 'command';
  /** argv; "{python}" is replaced by the interpreter, "{input}" by the generated file. Run in the learner's folder. */
  readonly run: readonly string[];
  readonly expectExitCode?: number;
  /** Regular expression the combined output must match. */
  readonly expectOutput?: string;
  /** What stdout must be, exactly; "{rows}" is the generated file's row count. */
  readonly expectStdout?: string;
  /** Regular expression stderr must match, checked on its own ("^$" for nothing). */
  readonly expectStderr?: string;
  /**
   * A CSV generated at check time (a header and a random number of rows), so hard-coded
   * answers cannot pass. Written to `file` in the copy the check runs in.
   */
  readonly generate?: { readonly file: string; readonly minRows?: number; readonly maxRows?: number; readonly finalNewline?: boolean };
}

/**
 * The notebook runs top to bottom in a fresh kernel of the learner's interpreter (nbclient and
 * ipykernel), every cell without an error, within the time limit.
 */
export interface NotebookRunCheck extends CheckBase {
  readonly type: 'notebook-run';
  /**
   * The notebook, relative to the learner's folder; or a file-name pattern ("*.ipynb", for
   * "your project"): every notebook of the folder that matches and imports a module of the
   * project (checks/projectNotebooks.ts).
   */
  readonly notebook: string;
  /** Seconds the whole notebook may take, per run; default 60. */
  readonly timeoutSeconds?: number;
  /** Run it twice, each in a fresh kernel: every code cell must show the same outputs both times. */
  readonly sameOutputs?: boolean;
}

export type CheckSpec =
  | NotebookRunCheck
  | PytestCheck
  | NoNetworkCheck
  | CatchBugsCheck
  | MypyCheck
  | RuffLintCheck
  | RuffFormatCheck
  | WorkflowCheck
  | GitCheck
  | StructureCheck
  | CommandCheck;

export type CheckType = CheckSpec['type'];

// ---- Errors and the catalog --------------------------------------------------------------

/** A problem in a content file, always pointing at a place a person can open. */
export interface ContentError {
  /** Absolute path. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Plain sentence, e.g. "exercises[2].hints: expected a list of strings, got a number". */
  readonly message: string;
  readonly source: ContentSource;
}

/** Everything loaded from every source, linked. Unknown references have become errors. */
export interface Catalog {
  readonly tracks: readonly Track[];
  readonly skills: ReadonlyMap<string, Skill>;
  readonly exercises: ReadonlyMap<string, Exercise>;
  readonly errors: readonly ContentError[];
}

export function formatContentError(e: ContentError, relativeTo?: (file: string) => string): string {
  const file = relativeTo ? relativeTo(e.file) : e.file;
  return `${file}:${e.line}:${e.column} ${e.message}`;
}

/** Exercises of a skill in display order. */
export function exercisesOf(catalog: Catalog, skillId: string): Exercise[] {
  const skill = catalog.skills.get(skillId);
  if (!skill) return [];
  return skill.exerciseIds.map((id) => catalog.exercises.get(id)).filter((e): e is Exercise => e !== undefined);
}

/** All exercises in curriculum order: track, then skill, then exercise. */
export function exercisesInOrder(catalog: Catalog): Exercise[] {
  const out: Exercise[] = [];
  for (const track of catalog.tracks) {
    for (const skillId of track.skillIds) out.push(...exercisesOf(catalog, skillId));
  }
  return out;
}
