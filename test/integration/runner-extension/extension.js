// Test-only: loaded next to Upskill in code-server by test/harness/run-e2e.mjs. It runs
// the bundled in-host suite (suite/index.js, copied here from out/integration) once and
// writes { passed, failed, failures } to the results file named in config.json.
const fs = require('fs');
const path = require('path');

exports.activate = async () => {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8'));
  const write = (r) => fs.writeFileSync(config.results, JSON.stringify(r, null, 2));
  try {
    const suite = require(path.join(__dirname, 'suite', 'index.js'));
    write(await suite.runSuite());
  } catch (e) {
    write({ passed: 0, failed: 1, failures: [{ title: 'in-host runner', error: String((e && e.stack) || e) }] });
  }
};

exports.deactivate = () => {};
