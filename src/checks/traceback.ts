// Reading pytest's long tracebacks (--tb=long): which files were running when the exception
// a test died of was raised. A seeded bug is caught by an exception that the module under
// test raised, or that something it called raised on its behalf: an autospec mock refusing
// a call the real object would refuse (TypeError from the signature check, in the standard
// library), a fake from the test raising because the module called it wrongly.

import * as path from 'path';

/** Lines pytest prints between the exceptions of a chain (`raise … from …`, or raised while handling another). */
const CHAIN = /^(The above exception was the direct cause of the following exception:|During handling of the above exception, another exception occurred:)\s*$/m;

/** The files of the last exception's traceback entries, outermost first: pytest's `file:line: ` location lines. */
export function tracebackFiles(detail: string): string[] {
  const parts = detail.split(CHAIN);
  const last = parts[parts.length - 1];
  const files: string[] = [];
  // Source lines are indented or start with ">" and messages with "E": neither is a location.
  for (const m of last.matchAll(/^(?![E>]\s)(\S.*?):(\d+): ?(?:[\w.]+)?\s*$/gm)) files.push(m[1]);
  return files;
}

/** Whether `module` (a file name) was running when the exception was raised: it is an entry of the last traceback. */
export function raisedUnder(detail: string, module: string): boolean {
  const name = path.basename(module);
  return tracebackFiles(detail).some((f) => path.basename(f) === name);
}
