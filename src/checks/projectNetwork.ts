// "Your project, offline": a project whose code never reaches the network has nothing to
// mock, and its suite passes with the network blocked without a test having learnt anything.
// So the exercise asks first for code of the project that does reach out (an HTTP client, a
// socket, a cloud or database SDK, a model hub download), read from its source, and for a
// test file that imports that code.

import { promises as fs } from 'fs';
import * as path from 'path';
import { walkFolder } from '../core/folderWalk';
import { projectTestFiles, testImports } from './projectNotebooks';

/** Modules whose import means the code talks to another machine. */
const NETWORK_MODULES = [
  'urllib.request', 'urllib3', 'http.client', 'requests', 'httpx', 'aiohttp', 'socket', 'ftplib', 'smtplib', 'imaplib', 'poplib', 'paramiko', 'websocket', 'websockets', 'grpc',
  'boto3', 'botocore', 'aiobotocore', 's3fs', 'gcsfs', 'adlfs', 'google.cloud', 'azure', 'huggingface_hub', 'transformers', 'kaggle', 'openai', 'pymongo', 'psycopg', 'psycopg2', 'pymysql', 'redis', 'sqlalchemy', 'snowflake', 'databricks',
];

const IMPORT = /^[ \t]*(?:from\s+([\w.]+)\s+import\s+([^#\n]+)|import\s+([^#\n]+))/gm;

/** The network modules a Python source imports (`from urllib import request` counts as urllib.request). */
export function networkImports(source: string): string[] {
  const found = new Set<string>();
  const network = (name: string) => NETWORK_MODULES.find((m) => name === m || name.startsWith(`${m}.`));
  for (const m of source.matchAll(IMPORT)) {
    const names = m[1] ? [m[1], ...m[2].replace(/[()]/g, '').split(',').map((n) => `${m[1]}.${n.trim().split(/\s+as\s+/)[0]}`)] : m[3].split(',').map((p) => p.trim().split(/\s+as\s+/)[0]);
    for (const n of names) {
      const hit = network(n.trim());
      if (hit) found.add(hit);
    }
  }
  // pandas and friends read a URL themselves.
  if (/\bread_(csv|json|parquet|excel|table|html)\(\s*[rbf]?["']https?:\/\//.test(source)) found.add('a URL read by pandas');
  return [...found];
}

export interface NetworkModule {
  /** Relative, with forward slashes. */
  readonly file: string;
  /** Its dotted name as the tests import it (from the root, or from src/). */
  readonly module: string;
  readonly uses: readonly string[];
}

/** The project's modules (not its tests) that reach the network, sorted by path. */
export async function networkModules(root: string): Promise<NetworkModule[]> {
  const files: string[] = [];
  await walkFolder(root, (e) => void (e.kind === 'file' && e.name.endsWith('.py') && !/^(test_.*|.*_test|conftest)\.py$/.test(e.name) && !/^(tests?|testing)$/.test(e.rel.split(path.sep)[0]) && files.push(e.rel)), { unreadable: 'skip' });
  const out: NetworkModule[] = [];
  for (const rel of files.sort()) {
    const uses = networkImports(await fs.readFile(path.join(root, rel), 'utf8').catch(() => ''));
    if (!uses.length) continue;
    const parts = rel.split(path.sep);
    if (parts[0] === 'src' && parts.length > 1) parts.shift();
    const last = parts.pop()!.replace(/\.py$/, '');
    const module = [...parts, ...(last === '__init__' ? [] : [last])].join('.');
    out.push({ file: rel.split(path.sep).join('/'), module, uses });
  }
  return out;
}

/**
 * Problems with a project as an exercise in testing offline: none when some module of the
 * project reaches the network and some test file imports it; `note` says which.
 */
export async function networkCodeTested(root: string): Promise<{ problems: string[]; note?: string }> {
  const modules = await networkModules(root);
  if (!modules.length) {
    return {
      problems: [
        "Your project's code makes no network call for a test to replace: no module outside the tests imports an HTTP client (urllib.request, requests, httpx), a socket, a cloud, database or model-hub SDK (boto3, google.cloud, sqlalchemy, huggingface_hub…). Its tests pass offline whatever they do, so this exercise has nothing to check here. Open a project that fetches data or a model from somewhere, or do the exercise on the sample project in the instructions.",
      ],
    };
  }
  for (const t of await projectTestFiles(root)) {
    const text = await fs.readFile(path.join(root, t), 'utf8').catch(() => '');
    const hit = modules.find((m) => m.module && testImports(text, m.module));
    if (hit) return { problems: [], note: `${hit.file} reaches the network (${hit.uses.join(', ')}), and ${t.split(path.sep).join('/')} imports it.` };
  }
  const list = modules.slice(0, 3).map((m) => `${m.file} (${m.uses.join(', ')})`).join(', ');
  return { problems: [`No test file imports the code of your project that reaches the network: ${list}${modules.length > 3 ? ` and ${modules.length - 3} more` : ''}. Write tests that call it, with the outside call replaced by a mock or a saved answer.`] };
}
