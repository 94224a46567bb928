// Per-test results from pytest's JUnit XML (junit_family=xunit1, which keeps file and line).
// A tiny reader for that one well-known shape, so no XML dependency is bundled.

import type { TestCaseResult } from './types';

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]] = unescapeXml(m[2]);
  return out;
}

export function parseJUnit(xml: string): TestCaseResult[] {
  const results: TestCaseResult[] = [];
  const re = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(re)) {
    const a = attrs(m[1]);
    const body = m[3] ?? '';
    const file = a.file;
    const id = `${file ?? a.classname?.replace(/\./g, '/') + '.py'}::${a.name}`;
    const problem = /<(failure|error|skipped)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(body);
    let outcome: TestCaseResult['outcome'] = 'passed';
    let message: string | undefined;
    let detail: string | undefined;
    if (problem) {
      outcome = problem[1] === 'failure' ? 'failed' : problem[1] === 'error' ? 'error' : 'skipped';
      const pa = attrs(problem[2]);
      const body = unescapeXml(problem[3] ?? '');
      detail = body.length > 20_000 ? body.slice(-20_000) : body;
      // pytest's "E   …" lines hold the real cause (ModuleNotFoundError, the failed assert).
      const cause = body
        .split('\n')
        .filter((l) => /^E\s{2,}/.test(l))
        .map((l) => l.replace(/^E\s+/, '').trim())
        .filter(Boolean)
        .pop();
      const generic = !pa.message || /^(collection failure|failed on setup|failed on teardown)/i.test(pa.message);
      message = (generic ? cause : pa.message) || pa.message || body.trim().split('\n').slice(-1)[0];
      if (generic && cause && pa.message) message = `${pa.message}: ${cause}`;
      if (message && message.length > 500) message = `${message.slice(0, 500)}…`;
    }
    results.push({
      id,
      outcome,
      message,
      detail,
      file,
      // xunit1 lines are 0-based.
      line: a.line !== undefined ? Number(a.line) + 1 : undefined,
    });
  }
  return results;
}
