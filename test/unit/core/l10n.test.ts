// The l10n bundle (l10n/bundle.l10n.json) holds every string the code passes to
// vscode.l10n.t, and the manifest's %keys% are all in package.nls.json: a translator's
// starting point that never drifts from the code. `npm run l10n` rewrites the bundle.

import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const ROOT = process.cwd();

function l10nStrings(): string[] {
  // The same extraction as scripts/l10n-export.mjs.
  const out = new Set<string>();
  for (const f of readdirSync(path.join(ROOT, 'src'), { recursive: true }).map(String).filter((x) => x.endsWith('.ts'))) {
    const text = readFileSync(path.join(ROOT, 'src', f), 'utf8');
    for (const m of text.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
  }
  return [...out].sort();
}

describe('l10n', () => {
  it('the bundle has exactly the strings the code localises (run "npm run l10n" after changing them)', () => {
    const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    assert.deepStrictEqual(Object.keys(bundle).sort(), l10nStrings());
  });

  it('every %key% of package.json is in package.nls.json, and no manifest title or description is left unlocalised', () => {
    const manifest = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 50, `${keys.length} keys`);
    assert.deepStrictEqual(keys.filter((k) => !(k in nls)), []);
    assert.deepStrictEqual(Object.keys(nls).filter((k) => !keys.includes(k)), [], 'no unused entries');
    const pkg = JSON.parse(manifest) as { contributes: { commands: { title: string }[]; walkthroughs: { steps: { title: string; description: string }[] }[] } };
    const literal = (s: string) => !/^%[^%]+%$/.test(s);
    assert.deepStrictEqual(pkg.contributes.commands.filter((c) => literal(c.title)), []);
    assert.deepStrictEqual(pkg.contributes.walkthroughs[0].steps.filter((st) => literal(st.title) || literal(st.description)), []);
  });
});
