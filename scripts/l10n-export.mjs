// Writes l10n/bundle.l10n.json: every string the code passes to vscode.l10n.t, keyed by
// itself (the English bundle translators start from). `npm run l10n` runs it; a unit test
// fails when the bundle and the code drift apart.
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';

/** The string literals (single-quoted, as the code writes them) passed first to vscode.l10n.t. */
export function l10nStrings(root) {
  const out = new Set();
  const files = readdirSync(path.join(root, 'src'), { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  for (const f of files.sort()) {
    const text = readFileSync(path.join(root, 'src', f), 'utf8');
    for (const m of text.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
  }
  return [...out].sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const root = process.cwd();
  const bundle = Object.fromEntries(l10nStrings(root).map((s) => [s, s]));
  writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), JSON.stringify(bundle, null, 2) + '\n');
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings`);
}
