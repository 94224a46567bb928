// Entry point of `npm run validate-content`, bundled by esbuild.js into
// out/curriculum/validate.js (see cli.ts for the options, validator.ts for what it checks).

import * as path from 'path';
import { main } from './cli';

// out/curriculum/validate.js: the extension's folder is two levels up.
const root = path.resolve(__dirname, '..', '..');
main(process.argv.slice(2), root, { log: (l) => console.log(l), error: (l) => console.error(l) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
