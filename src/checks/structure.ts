// Assertions about files and code: for notebook-to-module and cloud exercises (a
// Dockerfile's rules are in dockerfile.ts; its health check is run in dockerHealth.ts).

import { promises as fs, readFileSync, statSync } from 'fs';
import * as path from 'path';
import type { StructureAssertion, StructureCheck } from '../core/model';
import { inside } from '../core/paths';
import { likenessOf } from './likeness';
import { dockerBuild, dockerfileProblems } from './dockerfile';
import { healthcheckProblems } from './dockerHealth';
import { parseDockerfile } from './dockerfileParse';
import { describeEnd, runProcess, timeLeft } from './process';
import { preCommitProblems } from './precommit';
import { networkCodeTested } from './projectNetwork';
import { projectNotebooks, projectTestFiles, testCalls } from './projectNotebooks';
import { type HelperAnswer, askPython } from './pyhelper';
import { pythonModule, requireModule } from './python';
import { ruffAcceptsSettings } from './ruff';
import { filesUnder, safeName, storageRoot } from './scratch';
import { result } from './result';
import type { CheckContext, CheckResult, CommandRun, Finding } from './types';

/** Prints JSON about one function: found, annotated, docstring. Run by the learner's Python. */
/** For each (file, function name) pair in argv: the function's annotations, docstring and line, one JSON list for all (one interpreter start per check). */
const INSPECT = `
import ast, json, sys
trees, out = {}, []
for path, name in zip(sys.argv[1::2], sys.argv[2::2]):
    if path not in trees:
        try:
            trees[path] = ast.parse(open(path, encoding="utf-8").read(), path)
        except SyntaxError as e:
            trees[path] = f"syntax error at line {e.lineno}: {e.msg}"
    tree = trees[path]
    if isinstance(tree, str):
        out.append({"error": tree})
        continue
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            args = [a for a in args if a.arg not in ("self", "cls")]
            missing = [a.arg for a in args if a.annotation is None]
            out.append({"found": True, "line": node.lineno, "missing": missing, "returns": node.returns is not None, "doc": ast.get_docstring(node) is not None})
            break
    else:
        out.append({"found": False})
print(json.dumps(out))
`;

interface FunctionInfo {
  found?: boolean;
  error?: string;
  line?: number;
  missing?: string[];
  returns?: boolean;
  doc?: boolean;
}

/**
 * A moved function is still in the notebook, whatever it is called there, when the notebook
 * holds this share of its syntax (names, constants, docstrings and annotations erased; see
 * likeness.ts). Lower than a copy of the code under test needs (30 nodes): a moved function
 * is often small, and a notebook that calls it holds only calls, nothing of its body.
 */
export const NOTEBOOK_LEFTOVER = { share: 0.75, minNodes: 12 } as const;

/**
 * The moved functions the notebook still holds by likeness of code: each function of the
 * module, and each function of the starter's notebook that the module now defines (the code
 * as it was before it moved), measured against the learner's notebook.
 */
async function leftoversByLikeness(ctx: CheckContext, nbPath: string, notebook: string, moduleFile: string, moduleDefs: readonly string[], runs: CommandRun[]): Promise<string[]> {
  const originals: string[] = [];
  if (ctx.exercise.starter) {
    const starterNotebook = path.join(ctx.exercise.dir, ctx.exercise.starter, notebook);
    if (await fs.stat(starterNotebook).catch(() => undefined)) originals.push(starterNotebook);
  }
  const modules = [...((await fs.stat(moduleFile).catch(() => undefined)) ? [moduleFile] : []), ...originals];
  const found = await likenessOf(ctx, modules, [nbPath], runs);
  const moved = new Set(moduleDefs);
  return (found[0]?.functions ?? [])
    .filter((f) => f.total >= NOTEBOOK_LEFTOVER.minNodes && f.covered >= NOTEBOOK_LEFTOVER.share * f.total)
    .filter((f) => moved.has(f.name.split('.')[0]))
    .map((f) => `${f.name} (${Math.round((100 * f.covered) / f.total)}% of its code)`);
}

/** How many notebook and module pairs of a project are looked at, at most. */
const MAX_PROJECT_PAIRS = 8;

/**
 * "Your project": some notebook of the project imports a function from a module of the
 * project, no longer holds that function's code itself, and a test file calls it. Passes
 * on the first pair that does; otherwise says what the most advanced pair still lacks.
 */
async function notebookModuleTested(ctx: CheckContext, runs: CommandRun[]): Promise<{ problems: string[]; note?: string }> {
  const notebooks = await projectNotebooks(ctx.workDir);
  if (!notebooks.length) {
    return {
      problems: [
        'No notebook of the project imports a module of the project yet. Move a function from one of your notebooks into a .py file beside it (or into your package) and import it in the notebook, e.g. "from cleaning import clip_outliers".',
      ],
    };
  }
  const tests = await projectTestFiles(ctx.workDir);
  const texts = new Map<string, string>();
  for (const t of tests) texts.set(t, await fs.readFile(path.join(ctx.workDir, t), 'utf8').catch(() => ''));
  let best: string[] | undefined;
  let looked = 0;
  for (const nb of notebooks) {
    for (const m of nb.modules) {
      if (looked++ >= MAX_PROJECT_PAIRS) break;
      const moduleRel = path.relative(ctx.workDir, m.file).split(path.sep).join('/');
      const found: string[] = [];
      let info: HelperAnswer<'notebook'>;
      try {
        info = await askPython(ctx, 'notebook', { notebook: nb.notebook, module: m.name, moduleFile: m.file }, runs);
      } catch (e) {
        found.push(`${nb.rel} could not be read as a notebook: ${(e as Error).message.split(': ').pop()}`);
        if (!best || found.length < best.length) best = found;
        continue;
      }
      if (info.errors.length) found.push(`${nb.rel} has code that is not valid Python: ${info.errors[0]}.`);
      if (!info.imports.length) found.push(`${nb.rel} imports ${m.name} only inside a block (code cell ${info.nestedImports[0] ?? '?'}); import it at the top level of a cell, where it always runs.`);
      const used = m.used.filter((n) => info.moduleDefs.includes(n));
      if (!used.length) found.push(`${nb.rel} imports ${m.name} but uses none of the functions ${moduleRel} defines; move the function there and call it from the notebook.`);
      if (info.leftovers.length) found.push(`${nb.rel} still defines ${info.leftovers.join(', ')} itself; delete that cell and use the one from ${m.name}.`);
      else {
        const kept = await leftoversByLikeness(ctx, nb.notebook, nb.rel, m.file, info.moduleDefs, runs);
        if (kept.length) found.push(`${nb.rel} still holds the code of ${kept.join(', ')} from ${m.name}, under another name; delete that cell and call the one from ${m.name}.`);
      }
      const called = used.flatMap((fn) => tests.filter((t) => testCalls(texts.get(t) ?? '', m.name, fn)).map((t) => [fn, t.split(path.sep).join('/')] as const));
      if (used.length && !called.length) {
        found.push(`No test file of the project (test_*.py or *_test.py) imports ${m.name} and calls ${used.join(' or ')} yet; write a test that does, with an assert on what it returns.`);
      }
      if (!found.length) return { problems: [], note: `${nb.rel} imports ${called[0][0]} from ${moduleRel}, and ${called[0][1]} calls it.` };
      if (!best || found.length < best.length) best = found;
    }
  }
  return { problems: best ?? [] };
}

/**
 * The TOML file parses (tomllib, in the learner's Python), each tool has a non-empty
 * `[tool.<name>]` table, and the tool itself accepts the settings.
 */
async function toolConfigProblems(ctx: CheckContext, file: string, tools: readonly string[], runs: CommandRun[]): Promise<string[]> {
  const abs = inside(ctx.workDir, file, 'file');
  if (!(await fs.stat(abs).catch(() => undefined))) return [`${file} does not exist yet.`];
  const toml = await askPython(ctx, 'toml', { file: abs, keys: tools.map((t) => `tool.${t}`) }, runs);
  if (toml.error) return [`${file}: ${toml.error}.`];
  const problems: string[] = [];
  for (const tool of tools) {
    const table = toml.found?.[`tool.${tool}`];
    if (!table || typeof table !== 'object' || !Object.keys(table).length) {
      problems.push(`${file} has no [tool.${tool}] settings yet; add a [tool.${tool}] table with at least one setting.`);
      continue;
    }
    if (tool === 'ruff') {
      const rejected = ruffAcceptsSettings(table as Record<string, unknown>);
      if (rejected) problems.push(`Ruff does not accept the [tool.ruff] settings in ${file}: ${rejected}`);
    } else if (tool === 'mypy') {
      await requireModule(ctx.python, 'mypy');
      const cache = path.join(storageRoot(ctx.storageDir), 'cache', safeName(ctx.exercise.id), 'mypy-config');
      // A probe file rather than `-c`: mypy refuses `-c` beside a config that names `files`,
      // `packages` or `modules`, which are honest settings; files on the command line win.
      await fs.mkdir(cache, { recursive: true });
      const probe = path.join(cache, 'upskill_config_probe.py');
      await fs.writeFile(probe, 'x = 1\n', 'utf8');
      const run = await runProcess([...pythonModule(ctx.python, 'mypy'), '--config-file', abs, '--cache-dir', cache, probe], { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
      runs.push(run);
      const ended = describeEnd(run, ctx.timeoutMs);
      if (ended) throw new Error(`mypy reading ${file} did not finish: ${ended}`);
      const complaints = run.stderr.split('\n').filter((l) => l.includes(path.basename(abs)) || /error:/.test(l));
      if (complaints.length || run.exitCode === 2) problems.push(`mypy does not accept the [tool.mypy] settings in ${file}: ${(complaints[0] ?? run.stderr.trim().split('\n').pop() ?? '').trim()}`);
    }
  }
  return problems;
}

/** Files larger than this are not read for secrets (model weights, data); keys and configs are small. */
const SECRET_SCAN_BYTES = 2 * 1024 * 1024;

/** Reads build-context files as latin1 (every byte a character, so binary files read too), the large ones left out. */
function contextReader(contextDir: string): (file: string) => string | undefined {
  return (file) => {
    try {
      const abs = inside(contextDir, file, 'file');
      return statSync(abs).size > SECRET_SCAN_BYTES ? undefined : readFileSync(abs, 'latin1');
    } catch {
      return undefined;
    }
  };
}

/** Modules imported by the code cells of a notebook (a quick look; the check itself parses with Python). */
export function notebookImports(json: string): Set<string> {
  const nb = JSON.parse(json) as { cells?: { cell_type?: string; source?: string | string[] }[] };
  const modules = new Set<string>();
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type !== 'code') continue;
    const src = Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '');
    for (const m of src.matchAll(/^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([^#\n]+))/gm)) {
      if (m[1]) modules.add(m[1]);
      else for (const part of m[2].split(',')) modules.add(part.trim().split(/\s+as\s+/)[0].trim());
    }
  }
  return modules;
}

export async function checkStructure(spec: StructureCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const runs: CommandRun[] = [];
  const problems: string[] = [];
  /** How something was judged, when the learner should know (shown after the problems). */
  const notes: string[] = [];
  const findings: Finding[] = [];
  const exists = async (f: string) => (await fs.stat(inside(ctx.workDir, f, 'file')).catch(() => undefined)) !== undefined;
  const key = (file: string, name: string) => `${file}\0${name}`;
  /** Every function the assertions name, in files that exist, inspected by one interpreter. */
  const inspectAll = async (): Promise<Map<string, FunctionInfo>> => {
    const pairs: [string, string][] = [];
    for (const a of spec.assert as StructureAssertion[]) {
      if (!('functionAnnotated' in a) && !('functionHasDocstring' in a)) continue;
      const { file, name } = 'functionAnnotated' in a ? a.functionAnnotated : a.functionHasDocstring;
      if (await exists(file)) pairs.push([file, name]);
    }
    const run = await runProcess([ctx.python.path, '-I', '-c', INSPECT, ...pairs.flatMap(([file, name]) => [inside(ctx.workDir, file, 'file'), name])], { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
    runs.push(run);
    const ended = describeEnd(run, ctx.timeoutMs);
    if (ended) throw new Error(`inspecting ${[...new Set(pairs.map(([file]) => file))].join(', ')} did not finish: ${ended}`);
    let infos: unknown;
    try {
      infos = JSON.parse(run.stdout.trim().split('\n').pop() ?? '');
    } catch {
      infos = undefined;
    }
    const unreadable: FunctionInfo = { error: run.stderr.trim().split('\n').pop() || 'could not be read' };
    return new Map(pairs.map(([file, name], i) => [key(file, name), Array.isArray(infos) && typeof infos[i] === 'object' && infos[i] !== null ? (infos[i] as FunctionInfo) : unreadable]));
  };
  let inspected: Promise<Map<string, FunctionInfo>> | undefined;
  const inspect = async (file: string, name: string): Promise<FunctionInfo> => (await (inspected ??= inspectAll())).get(key(file, name)) ?? { error: 'could not be read' };

  for (const a of spec.assert as StructureAssertion[]) {
    if ('fileExists' in a) {
      if (!(await exists(a.fileExists))) problems.push(`${a.fileExists} does not exist yet.`);
    } else if ('fileAbsent' in a) {
      if (await exists(a.fileAbsent)) problems.push(`${a.fileAbsent} should not be there any more.`);
    } else if ('functionAnnotated' in a || 'functionHasDocstring' in a) {
      const { file, name } = 'functionAnnotated' in a ? a.functionAnnotated : a.functionHasDocstring;
      if (!(await exists(file))) {
        problems.push(`${file} does not exist yet, so ${name}() cannot be checked.`);
        continue;
      }
      const info = await inspect(file, name);
      const abs = inside(ctx.workDir, file, 'file');
      if (info.error) problems.push(`${file}: ${info.error}`);
      else if (!info.found) problems.push(`${file} has no function ${name}().`);
      else if ('functionAnnotated' in a && (info.missing?.length || !info.returns)) {
        const what = [...(info.missing ?? []).map((m) => `parameter "${m}"`), ...(info.returns ? [] : ['the return type'])].join(', ');
        const msg = `${name}() needs annotations: ${what}.`;
        problems.push(`${file}: ${msg}`);
        findings.push({ file: abs, line: info.line ?? 1, column: 1, severity: 'error', message: msg, source: 'upskill' });
      } else if ('functionHasDocstring' in a && !info.doc) {
        const msg = `${name}() needs a docstring saying what it does.`;
        problems.push(`${file}: ${msg}`);
        findings.push({ file: abs, line: info.line ?? 1, column: 1, severity: 'error', message: msg, source: 'upskill' });
      }
    } else if ('notebookImports' in a) {
      const { notebook, module } = a.notebookImports;
      const nbPath = inside(ctx.workDir, notebook, 'notebook');
      if (!(await exists(notebook))) {
        problems.push(`${notebook} does not exist.`);
        continue;
      }
      const moduleFile = path.join(path.dirname(nbPath), `${module.split('.').join(path.sep)}.py`);
      let nb: HelperAnswer<'notebook'>;
      try {
        nb = await askPython(ctx, 'notebook', { notebook: nbPath, module, moduleFile }, runs);
      } catch (e) {
        problems.push(`${notebook} could not be read as a notebook: ${(e as Error).message.split(': ').pop()}`);
        continue;
      }
      if (nb.errors.length) problems.push(`${notebook} has code that is not valid Python: ${nb.errors[0]}.`);
      if (!nb.imports.length) {
        problems.push(
          nb.nestedImports.length
            ? `${notebook} imports ${module} only inside a block (code cell ${nb.nestedImports[0]}); import it at the top level of a cell, where it always runs.`
            : `${notebook} does not import ${module} yet; add "from ${module} import …" to a code cell.`,
        );
      }
      if (nb.leftovers.length) problems.push(`${notebook} still defines ${nb.leftovers.join(', ')} itself; delete that cell and use the one from ${module}.`);
      else {
        const kept = await leftoversByLikeness(ctx, nbPath, notebook, moduleFile, nb.moduleDefs, runs);
        if (kept.length) problems.push(`${notebook} still holds the code of ${kept.join(', ')} from ${module}, under another name; delete that cell and call the one from ${module}.`);
      }
    } else if ('notebookModuleTested' in a) {
      const found = await notebookModuleTested(ctx, runs);
      problems.push(...found.problems);
      if (found.note) notes.push(found.note);
    } else if ('networkCodeTested' in a) {
      const found = await networkCodeTested(ctx.workDir);
      problems.push(...found.problems);
      if (found.note) notes.push(found.note);
    } else if ('toolConfig' in a) {
      problems.push(...(await toolConfigProblems(ctx, a.toolConfig.file, a.toolConfig.tools, runs)));
    } else if ('dockerfile' in a) {
      const { file, ...rules } = a.dockerfile;
      const abs = inside(ctx.workDir, file, 'file');
      const text = await fs.readFile(abs, 'utf8').catch(() => undefined);
      if (text === undefined) {
        problems.push(`${file} does not exist yet.`);
        continue;
      }
      // The build context is the Dockerfile's folder: its files and its .dockerignore (or <Dockerfile>.dockerignore).
      const contextDir = path.dirname(abs);
      const ignore = (await fs.readFile(`${abs}.dockerignore`, 'utf8').catch(() => undefined)) ?? (await fs.readFile(path.join(contextDir, '.dockerignore'), 'utf8').catch(() => undefined));
      const files = (await filesUnder(contextDir)).map((f) => f.split(path.sep).join('/'));
      const dockerContext = { dockerignore: ignore, files, read: contextReader(contextDir) };
      const found = dockerfileProblems(text, rules, dockerContext);
      // The health check by behaviour: run beside stand-ins for the server up and down.
      const build = dockerBuild(parseDockerfile(text), dockerContext);
      if (build) {
        const health = await healthcheckProblems(build, rules, contextDir, ctx, runs);
        found.push(...health.problems);
        for (const n of health.notes) ctx.log(`  ${n}`);
        notes.push(...health.notes.filter((n) => n.startsWith('This machine')));
      }
      for (const p of found) {
        problems.push(`${file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
        findings.push({ file: abs, line: p.line || 1, column: 1, severity: 'error', message: p.message, source: 'upskill', code: 'dockerfile' });
      }
    } else if ('preCommitHooks' in a) {
      const { file, hooks } = a.preCommitHooks;
      const abs = inside(ctx.workDir, file, 'file');
      const text = await fs.readFile(abs, 'utf8').catch(() => undefined);
      if (text === undefined) problems.push(`${file} does not exist yet.`);
      else problems.push(...(await preCommitProblems(ctx, file, abs, text, hooks, runs)));
    } else if ('fileContains' in a) {
      const text = await fs.readFile(inside(ctx.workDir, a.fileContains.file, 'file'), 'utf8').catch(() => undefined);
      if (text === undefined) problems.push(`${a.fileContains.file} does not exist yet.`);
      else if (!new RegExp(a.fileContains.pattern, 'm').test(text)) problems.push(`${a.fileContains.file} does not contain /${a.fileContains.pattern}/ yet.`);
    }
  }
  for (const p of problems) ctx.log(`  ${p}`);
  return result(spec, started, {
    status: problems.length ? 'failed' : 'passed',
    summary: problems.length ? problems[0] + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '') : spec.assert.length === 1 ? 'The check of the files holds.' : `All ${spec.assert.length} checks of the files hold.`,
    details: [...problems, ...notes],
    findings,
    runs,
    tool: 'Upskill structure rules',
  });
}
