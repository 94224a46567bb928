// "Your project, offline": a project whose code never reaches the network has nothing to
// mock, so its offline suite proves nothing; the check says so instead of passing it.

import * as assert from 'assert';
import { runChecks } from '../../../src/checks/engine';
import { networkCodeTested, networkImports, networkModules } from '../../../src/checks/projectNetwork';
import { context, folder } from './helpers';

describe('checks: a project with network code to take offline', () => {
  it('reads which network libraries a module imports, however it spells the import', () => {
    assert.deepStrictEqual(networkImports('import json\nfrom urllib.request import urlopen\n'), ['urllib.request']);
    assert.deepStrictEqual(networkImports('from urllib import parse, request\n'), ['urllib.request']);
    assert.deepStrictEqual(networkImports('import requests as r, os\nimport boto3.session\n'), ['requests', 'boto3']);
    assert.deepStrictEqual(networkImports('from google.cloud import storage\n'), ['google.cloud']);
    assert.deepStrictEqual(networkImports('import pandas as pd\n\ndf = pd.read_csv("https://example.org/a.csv")\n'), ['a URL read by pandas']);
    assert.deepStrictEqual(networkImports('from urllib.parse import urlparse\nimport json\n# import requests\n'), []);
  });

  it('finds the modules outside the tests, named as the tests import them', async () => {
    const root = await folder({
      'src/air/fetch.py': 'from urllib.request import urlopen\n',
      'src/air/features.py': 'import statistics\n',
      'src/air/__init__.py': 'import requests\n',
      'tests/test_fetch.py': 'import requests\n',
      'tests/helpers.py': 'import socket\n',
      'conftest.py': 'import socket\n',
      '.venv/pyvenv.cfg': '',
      '.venv/lib/requests/api.py': 'import urllib3\n',
    });
    assert.deepStrictEqual(
      (await networkModules(root)).map((m) => [m.file, m.module, m.uses]),
      [
        ['src/air/__init__.py', 'air', ['requests']],
        ['src/air/fetch.py', 'air.fetch', ['urllib.request']],
      ],
    );
  });

  it('passes only a project whose network code some test imports; says why otherwise', async () => {
    const pure = await folder({ 'src/shop/prices.py': 'def total(p):\n    return sum(p)\n', 'tests/test_prices.py': 'from shop.prices import total\n\n\ndef test_total():\n    assert total([1, 2]) == 3\n' });
    const none = await networkCodeTested(pure);
    assert.match(none.problems.join('\n'), /^Your project's code makes no network call for a test to replace/);
    const untested = await folder({ 'src/air/fetch.py': 'from urllib.request import urlopen\n', 'src/air/features.py': 'X = 1\n', 'tests/test_features.py': 'from air.features import X\n\n\ndef test_x():\n    assert X == 1\n' });
    assert.deepStrictEqual((await networkCodeTested(untested)).problems, ['No test file imports the code of your project that reaches the network: src/air/fetch.py (urllib.request). Write tests that call it, with the outside call replaced by a mock or a saved answer.']);
    for (const spelling of ['from air.fetch import fetch_readings', 'from air import fetch', 'import air.fetch as f']) {
      const tested = await folder({ 'src/air/fetch.py': 'from urllib.request import urlopen\n', 'tests/test_fetch.py': `${spelling}\n` });
      const r = await networkCodeTested(tested);
      assert.deepStrictEqual(r.problems, [], spelling);
      assert.strictEqual(r.note, 'src/air/fetch.py reaches the network (urllib.request), and tests/test_fetch.py imports it.');
    }
    // The structure check says the same.
    const report = await runChecks(context(pure, [{ type: 'structure', assert: [{ networkCodeTested: true }] }]));
    assert.strictEqual(report.results[0].status, 'failed');
    assert.match(report.results[0].summary, /makes no network call for a test to replace/);
  });
});
