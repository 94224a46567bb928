// What the Check Environment report shows, as plain serialisable data shared by the host and
// the webview (through src/webview/environmentProtocol.ts), so this file imports nothing
// that needs Node. services/environment.ts gathers it; the webview only draws it.

export interface EnvironmentToolLine {
  readonly label: string;
  readonly kind: 'module' | 'program';
  readonly present: boolean;
  readonly version?: string;
  /** Titles of the exercises that need it; empty when none does. */
  readonly neededBy: readonly string[];
  /** Missing and needed: a gap the fixes below close. */
  readonly gap: boolean;
  /** Why it is never a gap (Ruff: the bundled WebAssembly build stands in). */
  readonly optional?: string;
}

export interface EnvironmentFixLine {
  readonly title: string;
  readonly detail: string;
  /** Each step as the learner could type it; "select" steps read as a sentence. */
  readonly commands: readonly string[];
}

export interface EnvironmentModel {
  readonly interpreter?: {
    readonly path: string;
    readonly version: string;
    /** How it was chosen: "setting upskill.pythonPath", "Python extension", "PATH (python3)". */
    readonly origin: string;
    /** "virtual environment (venv)", "system Python, externally managed (PEP 668)". */
    readonly kind: string;
    readonly prefix: string;
  };
  /** Interpreters tried before one answered (or all of them when none did). */
  readonly tried: readonly string[];
  readonly problem?: string;
  readonly tools: readonly EnvironmentToolLine[];
  readonly fix?: EnvironmentFixLine;
  readonly alternative?: EnvironmentFixLine;
  readonly manual: readonly { readonly title: string; readonly detail: string }[];
  readonly ready: boolean;
  /** "asked in 140 ms" or "from the cache". */
  readonly timing: string;
  /** A fix is running in its terminal. */
  readonly fixing?: string;
}
