// The layer rule of eslint.config.mjs (docs/architecture.md), tried on imports planted in
// files of each layer: what it must refuse, and what it must let through.

import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');
// The planted files are not in tsconfig's project, so type-aware rules are switched off.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-unused-vars': 'off' } }],
});

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return r.messages.map((m) => m.message).filter((m) => m.startsWith('Layer rule'));
}

describe('lint: the layer rule', () => {
  const refused: [string, string][] = [
    ['src/checks/probe.ts', "import type { X } from '../checks/../services/lazy';"],
    ['src/checks/probe.ts', "export { x } from '../state/progressStore';"],
    ['src/checks/probe.ts', "export const m = () => import('../core/model');"],
    ['src/core/probe.ts', "import * as vscode from 'vscode';"],
    ['src/core/sub/probe.ts', "import { y } from '../../core/../checks/engine';"],
    ['src/core/probe.ts', "import x = require('../services/lazy');"],
    ['src/views/probe.ts', "import { z } from '../webview/./checklistHost';"],
    ['src/services/probe.ts', "export const m = () => import('./contentService');"],
    ['src/workbench.ts', "export const m = () => import('./commands');"],
    ['src/views/probe.ts', "import type { Workbench } from '../workbench';"],
    ['src/webview/protocol.ts', "import { s } from '../services/lazy';"],
    ['src/webview-ui/probe.ts', "import { m } from '../webview/checklistHost';"],
    ['test/unit/probe.test.ts', "import { v } from '../../src/views/nodes';"],
    ['test/unit/probe.test.ts', "import * as vscode from 'vscode';"],
  ];
  for (const [file, code] of refused) {
    it(`refuses, in ${file}: ${code}`, async () => {
      assert.strictEqual((await layerErrors(file, code)).length, 1);
    });
  }
  const allowed: [string, string][] = [
    ['src/checks/probe.ts', "import { inside } from '../core/paths';"],
    ['src/services/lazy.ts', "export const m = () => import('../core/content');"],
    ['src/extension.ts', "export const m = () => import('./workbench');"],
    ['src/views/probe.ts', "import { a } from '../services/contentService';"],
    ['src/webview-ui/probe.ts', "import type { ToExerciseView } from '../webview/exerciseProtocol';"],
    ['test/unit/probe.test.ts', "import { isFromExerciseView } from '../../src/webview/exerciseProtocol';"],
    ['test/unit/probe.test.ts', "import { isFromWebview } from '../../src/webview/protocol';"],
    ['test/unit/probe.test.ts', "export const m = () => import('../../src/core/model');"],
  ];
  for (const [file, code] of allowed) {
    it(`allows, in ${file}: ${code}`, async () => {
      assert.deepStrictEqual(await layerErrors(file, code), []);
    });
  }
});
