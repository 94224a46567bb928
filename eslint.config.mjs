import { readdirSync } from 'fs';
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
  extension: { may: [...BELOW_SERVICES, 'services', 'constants', 'views', 'webview', 'statusBar', 'commands'], vscode: true },
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

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const list = (names) => names.map((n) => `src/${n}`).join(', ');
const TOP_LEVEL = ['commands', 'extension', 'constants'];

/** no-restricted-imports for one part: relative imports of the parts it may not use, and 'vscode' below services. */
function layerRule(name, { may, vscode = false }) {
  // From a folder the other parts are "../x" ("../../x" from a subfolder); from a top-level file, "./x".
  const prefix = TOP_LEVEL.includes(name) ? '^\\./' : '^(\\.\\./)+';
  const message = `Layer rule: src/${name} ${may.length ? `may import only ${list(may)}` : 'imports nothing else in src/'}; ${DOCS}.`;
  // "part/file" allows those files of a part (webview-ui may read the webviews' protocols).
  const files = new Map();
  for (const [part, file] of may.filter((m) => m.includes('/')).map((m) => m.split('/'))) files.set(part, [...(files.get(part) ?? []), file]);
  const banned = Object.keys(LAYERS).filter((n) => n !== name && !may.includes(n) && !files.has(n));
  const patterns = [
    ...(banned.length ? [{ regex: `${prefix}(${banned.map(escape).join('|')})(/|$)`, message }] : []),
    ...[...files].map(([part, allowed]) => ({ regex: `${prefix}${escape(part)}(/(?!(${allowed.map(escape).join('|')})$)|$)`, message })),
  ];
  const paths = vscode ? [] : [{ name: 'vscode', message: `Layer rule: only src/services and the layers above it import vscode, and src/${name} is below them; ${DOCS}.` }];
  return {
    files: TOP_LEVEL.includes(name) ? [`src/${name}.ts`] : [`src/${name}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
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
  ...Object.entries(LAYERS).map(([name, layer]) => layerRule(name, layer)),
  {
    // The message types are imported by the browser side too: like it, they stay free of VS Code.
    files: ['src/webview/protocol.ts', 'src/webview/exerciseProtocol.ts', 'src/webview/environmentProtocol.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: `Layer rule: the webview protocols are shared with the browser side, so they never import vscode; ${DOCS}.` }],
          patterns: [{ regex: '^\\./|^(\\.\\./)+(?!core/)', message: `Layer rule: the webview protocols are shared with the browser side and may import only src/core; ${DOCS}.` }],
        },
      ],
    },
  },
  {
    // Unit tests and the content validator run in plain Node: they reach only the layers below services.
    files: ['test/unit/**/*.ts', 'test/curriculum/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: `Layer rule: unit tests run without VS Code; test that in test/integration (${DOCS}).` }],
          patterns: [
            {
              // webview/protocol.ts is held to core alone (it runs in the browser too), so its
              // message validation is unit-tested like core.
              regex: `^(\\.\\./)+src/(?!(${BELOW_SERVICES.join('|')})/|webview/(protocol|environmentProtocol)$)`,
              message: `Layer rule: unit tests import only ${list(BELOW_SERVICES)} (and the webview protocols held to core), which run without VS Code; ${DOCS}.`,
            },
          ],
        },
      ],
    },
  },
);
