import { readdirSync } from 'fs';
import path from 'path';
import tseslint from 'typescript-eslint';

// ---- Layers (docs/architecture.md) -------------------------------------------------------
// Each part of src/ may import itself and the parts it lists, nothing else under src/.
// Only services and the layers above them import 'vscode'; below them the code runs (and is
// unit-tested) in plain Node.
const BELOW_SERVICES = ['core', 'state', 'checks'];
const SURFACE = { may: [...BELOW_SERVICES, 'services', 'constants'], vscode: true };
const LAYERS = {
  core: { may: [] },
  state: { may: ['core'] },
  checks: { may: ['core'] },
  services: { may: [...BELOW_SERVICES, 'constants'], vscode: true },
  // Surfaces own the UI; they do not import each other.
  views: SURFACE,
  webview: SURFACE,
  statusBar: SURFACE,
  commands: { may: [...BELOW_SERVICES, 'services', 'constants', 'views', 'webview', 'statusBar'], vscode: true },
  extension: { may: [...BELOW_SERVICES, 'services', 'constants', 'views', 'webview', 'statusBar', 'commands', 'workbench'], vscode: true },
  // What extension.ts loads on first use: the rest of the composition root.
  workbench: { may: [...BELOW_SERVICES, 'services', 'constants', 'views', 'webview', 'statusBar', 'commands'], vscode: true },
  // Ids shared by the manifest and the code.
  constants: { may: [] },
  // The webviews' browser side: it shares only the message types with the host.
  'webview-ui': { may: ['webview/protocol', 'webview/exerciseProtocol', 'webview/environmentProtocol'] },
};
const DOCS = 'see docs/architecture.md';

// A folder or top-level file under src/ that is not in LAYERS fails the lint run, so a new
// one gets its place in the layers before it gets code.
for (const entry of readdirSync(new URL('./src', import.meta.url), { withFileTypes: true })) {
  const name = entry.isDirectory() ? entry.name : entry.name.replace(/\.ts$/, '');
  if (!(name in LAYERS)) throw new Error(`eslint.config.mjs: src/${entry.name} has no layer; add it to LAYERS (${DOCS}).`);
}

const list = (names) => names.map((n) => `src/${n}`).join(', ');
const TOP_LEVEL = ['commands', 'extension', 'workbench', 'constants'];
const SRC = path.join(import.meta.dirname, 'src');
// The dynamic imports: services/lazy.ts, and extension.ts's one of the workbench.
const LAZY_SEAMS = [path.join(SRC, 'services', 'lazy.ts'), path.join(SRC, 'extension.ts')];

/**
 * Where an import lands, as the layer table names it: { part, file } with file relative to
 * src/ and without extension ('webview/protocol'), or undefined outside src/. The path is
 * resolved first, so '../checks/../services/x' is seen as services/x.
 */
function targetOf(fromFile, source) {
  if (!source.startsWith('.')) return undefined;
  const rel = path.relative(SRC, path.resolve(path.dirname(fromFile), source)).replace(/\.(ts|js|mjs)$/, '');
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return { part: parts[0], file: parts.join('/') };
}

/** Whether `allowed` (layer names, or 'part/file' for single files) lets an import reach `target`. */
const reaches = (allowed, target) => allowed.includes(target.part) || allowed.includes(target.file);

/**
 * The layer rule as one ESLint rule, so that every way of importing is seen: import and
 * export declarations, `import x = require()`, and dynamic import(), which only
 * services/lazy.ts may use. `options`: { part, may, vscode } for a part of src/, or
 * { tests: true } for the unit tests and the validator.
 */
const layerPlugin = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [{ type: 'object', additionalProperties: true }] },
      create(context) {
        const o = context.options[0];
        const file = context.filename;
        const check = (node, source) => {
          if (typeof source !== 'string') return;
          if (source === 'vscode') {
            if (!o.vscode) context.report({ node, message: o.message.vscode });
            return;
          }
          const target = targetOf(file, source);
          if (!target) return;
          if (o.part && target.part === o.part) return;
          if (!reaches(o.may, target)) context.report({ node, message: o.message.import });
        };
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          TSImportEqualsDeclaration: (n) => n.moduleReference.type === 'TSExternalModuleReference' && check(n, n.moduleReference.expression.value),
          ImportExpression: (n) => {
            if (file.startsWith(SRC + path.sep) && !LAZY_SEAMS.includes(file)) context.report({ node: n, message: `Layer rule: a dynamic import() goes in src/services/lazy.ts (or, for the workbench, src/extension.ts), so that what loads late is listed in one place; ${DOCS}.` });
            check(n, n.source.type === 'Literal' ? n.source.value : undefined);
          },
        };
      },
    },
  },
};

/** The layer rule for one part of src/. */
function layerRule(name, { may, vscode = false }) {
  const message = {
    import: `Layer rule: src/${name} ${may.length ? `may import only ${list(may)}` : 'imports nothing else in src/'}; ${DOCS}.`,
    vscode: `Layer rule: only src/services and the layers above it import vscode, and src/${name} is below them; ${DOCS}.`,
  };
  return {
    files: TOP_LEVEL.includes(name) ? [`src/${name}.ts`] : [`src/${name}/**/*.ts`],
    plugins: { upskill: layerPlugin },
    rules: { 'upskill/layers': ['error', { part: name, may, vscode, message }] },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'resources/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The bundles' vscode shim (esbuild.js, usedApiNames) holds the API names the sources
    // read as `vscode.<name>`: any other way of reading the namespace would find undefined.
    // (The webview scripts' `vscode` is the page's acquireVsCodeApi(), not the API.)
    files: ['src/**/*.ts'],
    ignores: ['src/webview-ui/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='vscode']:not(MemberExpression[computed=false] > Identifier.object):not(ImportNamespaceSpecifier > Identifier):not(TSQualifiedName > Identifier):not(TSTypeQuery > Identifier)",
          message: 'Read the VS Code API as vscode.<name>: the bundles hold only the names read that way (esbuild.js, usedApiNames).',
        },
      ],
    },
  },
  ...Object.entries(LAYERS).map(([name, layer]) => layerRule(name, layer)),
  {
    // The message types are imported by the browser side too: like it, they stay free of VS Code.
    files: ['src/webview/protocol.ts', 'src/webview/exerciseProtocol.ts', 'src/webview/environmentProtocol.ts'],
    plugins: { upskill: layerPlugin },
    rules: {
      'upskill/layers': [
        'error',
        {
          may: ['core'],
          message: {
            import: `Layer rule: the webview protocols are shared with the browser side and may import only src/core; ${DOCS}.`,
            vscode: `Layer rule: the webview protocols are shared with the browser side, so they never import vscode; ${DOCS}.`,
          },
        },
      ],
    },
  },
  {
    // Unit tests and the content validator run in plain Node: they reach only the layers below
    // services, and the two webview protocols (held to core alone, since they run in the
    // browser too), so message validation is unit-tested like core.
    files: ['test/unit/**/*.ts', 'test/curriculum/**/*.ts'],
    plugins: { upskill: layerPlugin },
    rules: {
      'upskill/layers': [
        'error',
        {
          may: [...BELOW_SERVICES, 'webview/protocol', 'webview/exerciseProtocol', 'webview/environmentProtocol'],
          message: {
            import: `Layer rule: unit tests import only ${list(BELOW_SERVICES)} and the webview protocols, which run without VS Code; ${DOCS}.`,
            vscode: `Layer rule: unit tests run without VS Code; test that in test/integration (${DOCS}).`,
          },
        },
      ],
    },
  },
);
