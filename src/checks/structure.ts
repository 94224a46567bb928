// Assertions about files and code: for notebook-to-module and cloud exercises.

import { promises as fs } from 'fs';
import type { StructureAssertion, StructureCheck } from '../core/model';
import { inside } from './paths';
import { describeEnd, runProcess, timeLeft } from './process';
import { result } from './result';
import type { CheckContext, CheckResult, CommandRun, Finding } from './types';

/** Prints JSON about one function: found, annotated, docstring. Run by the learner's Python. */
const INSPECT = `
import ast, json, sys
path, name = sys.argv[1], sys.argv[2]
try:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
except SyntaxError as e:
    print(json.dumps({"error": f"syntax error at line {e.lineno}: {e.msg}"})); sys.exit(0)
for node in ast.walk(tree):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
        args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
        args = [a for a in args if a.arg not in ("self", "cls")]
        missing = [a.arg for a in args if a.annotation is None]
        print(json.dumps({"found": True, "line": node.lineno, "missing": missing, "returns": node.returns is not None, "doc": ast.get_docstring(node) is not None}))
        break
else:
    print(json.dumps({"found": False}))
`;

interface FunctionInfo {
  found?: boolean;
  error?: string;
  line?: number;
  missing?: string[];
  returns?: boolean;
  doc?: boolean;
}

/** Modules imported by the code cells of a notebook. */
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
  const findings: Finding[] = [];
  const inspect = async (file: string, name: string): Promise<FunctionInfo> => {
    const run = await runProcess([ctx.python.path, '-c', INSPECT, inside(ctx.workDir, file, 'file'), name], { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
    runs.push(run);
    const ended = describeEnd(run, ctx.timeoutMs);
    if (ended) throw new Error(`inspecting ${file} did not finish: ${ended}`);
    try {
      return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as FunctionInfo;
    } catch {
      return { error: run.stderr.trim().split('\n').pop() ?? 'could not be read' };
    }
  };
  const exists = async (f: string) => (await fs.stat(inside(ctx.workDir, f, 'file')).catch(() => undefined)) !== undefined;

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
      const text = await fs.readFile(inside(ctx.workDir, notebook, 'notebook'), 'utf8').catch(() => undefined);
      if (text === undefined) {
        problems.push(`${notebook} does not exist.`);
        continue;
      }
      try {
        if (!notebookImports(text).has(module)) problems.push(`${notebook} does not import ${module} yet; add "from ${module} import …" to a code cell.`);
      } catch {
        problems.push(`${notebook} is not a valid notebook (JSON).`);
      }
    } else if ('fileContains' in a) {
      const text = await fs.readFile(inside(ctx.workDir, a.fileContains.file, 'file'), 'utf8').catch(() => undefined);
      if (text === undefined) problems.push(`${a.fileContains.file} does not exist yet.`);
      else if (!new RegExp(a.fileContains.pattern, 'm').test(text)) problems.push(`${a.fileContains.file} does not contain /${a.fileContains.pattern}/ yet.`);
    }
  }
  for (const p of problems) ctx.log(`  ${p}`);
  return result(spec, started, {
    status: problems.length ? 'failed' : 'passed',
    summary: problems.length ? problems[0] + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '') : `All ${spec.assert.length} checks of the files hold.`,
    details: problems,
    findings,
    runs,
    tool: 'Upskill structure rules',
  });
}
