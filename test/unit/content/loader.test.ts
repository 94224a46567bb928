// Content loading: the shipped catalog, every kind of error with its exact place, and
// the promise that one broken file disables only what it defines.

import * as assert from 'assert';
import Ajv from 'ajv';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCatalog, nodeContentFs } from '../../../src/core/content';
import { type Catalog, type ContentSource, formatContentError } from '../../../src/core/model';
import schema from '../../../resources/schema/content.schema.json';

const BUILTIN: ContentSource = { kind: 'builtin', root: path.join(process.cwd(), 'resources', 'content'), label: 'Upskill', trusted: true };

async function workspace(files: Record<string, string>): Promise<ContentSource> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-content-'));
  const root = path.join(dir, '.upskill');
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return { kind: 'workspace', root, label: 'ws/.upskill', trusted: true };
}

function errorsOf(catalog: Catalog, source: ContentSource): string[] {
  return catalog.errors.map((e) => formatContentError(e, (f) => path.relative(path.dirname(source.root), f)));
}

const TEAM = `tracks:
  - id: my-team
    title: My team
    skills: [team-review]
skills:
  - id: team-review
    track: my-team
    title: Code review
    why: Reviews catch bugs early.
`;

/** Content with one exercise "ex"; `fields` are its YAML lines after the four every exercise has. */
function withExercise(fields: string, { team = TEAM, skill = 'team-review' } = {}): string {
  return `${team}exercises:
  - id: ex
    skill: ${skill}
    title: Ex
    difficulty: beginner
${fields}`;
}

describe('content loading', () => {
  it('the schema compiles in ajv strict mode', () => {
    assert.doesNotThrow(() => new Ajv({ strict: true, allowUnionTypes: true, strictRequired: false }).compile(schema));
  });

  it('loads the shipped content with no errors: three tracks, twelve skills, in order', async () => {
    const c = await loadCatalog([BUILTIN], nodeContentFs);
    assert.deepStrictEqual(c.errors.map((e) => formatContentError(e)), []);
    assert.deepStrictEqual(c.tracks.map((t) => t.title), ['Production code', 'Engineering foundations', 'ML engineering']);
    assert.deepStrictEqual(
      c.tracks.flatMap((t) => t.skillIds.map((id) => c.skills.get(id)!.title)),
      ['Typing', 'Linting', 'Formatting', 'Unit testing', 'Mocking', 'CI/CD', 'Command line', 'Git & GitHub', 'Data structures & algorithms', 'From notebook to module', 'Cloud & deployment', 'ML fundamentals'],
    );
    for (const s of c.skills.values()) {
      assert.ok(s.why.length > 150, `${s.id} has a paragraph on why it matters`);
      assert.ok(s.checklist.length >= 4, `${s.id} has a checklist`);
    }
    assert.ok(c.exercises.size >= 10);
  });

  it('names file, line and column in plain sentences for schema errors', async () => {
    const ws = await workspace({
      'team.yaml': `tracks:
  - id: my-team
    title: My team
    colour: red
skills:
  - id: team-review
    track: my-team
    title: Code review
    why: 42
exercises:
  - id: ex
    skill: team-review
    title: Ex
    difficulty: expert
    hints: 3
    checks: [{ type: mypy, argz: [] }]
`,
    });
    const c = await loadCatalog([ws], nodeContentFs);
    assert.deepStrictEqual(errorsOf(c, ws), [
      '.upskill/team.yaml:4:5 tracks[0].colour: unknown field "colour"',
      '.upskill/team.yaml:9:10 skills[0].why: expected a string, got a number',
      '.upskill/team.yaml:14:17 exercises[0].difficulty: expected one of beginner, intermediate, advanced, got "expert"',
      '.upskill/team.yaml:15:12 exercises[0].hints: expected a list of strings, got a number',
      '.upskill/team.yaml:16:28 exercises[0].checks[0].argz: unknown field "argz"',
    ]);
    assert.strictEqual(c.tracks.length, 0, 'a file that fails the schema contributes nothing');
  });

  it('links competencies; a dangling one is an error at its line with a "did you mean", and the exercise still loads', async () => {
    const team = TEAM + `    checklist:
      - { id: review-pr, text: Review a pull request }
      - { id: give-feedback, text: Give kind feedback, selfAssessed: true }
`;
    const ws = await workspace({
      'team.yaml': withExercise(
        `    competencies: [team-review.review-pr, team-review.reveiw-pr, teem-review.review-pr, typing.run-mypy-strict, team-review.give-feedback, "Team.x"]
    checks: [{ type: mypy }]
`,
        { team },
      ),
    });
    const c = await loadCatalog([BUILTIN, ws], nodeContentFs);
    assert.deepStrictEqual(errorsOf(c, ws), [
      '.upskill/team.yaml:18:140 exercises[0].competencies[5]: expected a competency as <skill>.<competency-id>, e.g. "typing.run-mypy-strict", got "Team.x"',
    ], 'a key of the wrong form fails the schema');
    const fixed = await workspace({
      'team.yaml': withExercise(
        `    competencies: [team-review.review-pr, team-review.reveiw-pr, teem-review.review-pr, typing.run-mypy-strict, team-review.give-feedback]
    kind: project
    checks: [{ type: mypy }]
`,
        { team },
      ),
      'README.md': '# Ex',
    });
    const linked = await loadCatalog([BUILTIN, fixed], nodeContentFs);
    assert.deepStrictEqual(errorsOf(linked, fixed), [
      '.upskill/team.yaml:18:43 exercises[0].competencies[1]: unknown competency "team-review.reveiw-pr": skill "team-review" has no "reveiw-pr" in its checklist (did you mean "team-review.review-pr"?)',
      '.upskill/team.yaml:18:66 exercises[0].competencies[2]: unknown skill "teem-review" in competency "teem-review.review-pr" (did you mean "team-review"?)',
      '.upskill/team.yaml:18:113 exercises[0].competencies[4]: competency "team-review.give-feedback" is marked selfAssessed in its skill, so no exercise proves it: remove one or the other',
    ]);
    assert.deepStrictEqual(linked.exercises.get('ex')?.competencies, ['team-review.review-pr', 'typing.run-mypy-strict']);
    const review = linked.skills.get('team-review')!.checklist;
    assert.deepStrictEqual(review.map((r) => [r.id, r.selfAssessed, r.exerciseIds]), [['review-pr', false, ['ex']], ['give-feedback', true, []]]);
    assert.ok(linked.skills.get('typing')!.checklist.find((x) => x.id === 'run-mypy-strict')!.exerciseIds.includes('ex'), 'an exercise may prove another skill\'s competency');
  });

  it('reports YAML syntax errors at their line', async () => {
    const ws = await workspace({ 'bad.yaml': 'tracks:\n  - id: a\n   title: b\n' });
    const [e] = errorsOf(await loadCatalog([ws], nodeContentFs), ws);
    assert.match(e, /^\.upskill\/bad\.yaml:3:\d+ YAML syntax error: /);
  });

  it('one broken file disables only what it defines', async () => {
    const ws = await workspace({ 'a-broken.yaml': 'skills: 7\n', 'b-team.yaml': TEAM });
    const c = await loadCatalog([BUILTIN, ws], nodeContentFs);
    assert.deepStrictEqual(errorsOf(c, ws), ['.upskill/a-broken.yaml:1:9 skills: expected a list of mappings, got a number']);
    assert.deepStrictEqual(c.tracks.map((t) => t.id), ['production-code', 'engineering-foundations', 'ml-engineering', 'my-team']);
    assert.strictEqual(c.tracks[3].source.kind, 'workspace');
  });

  it('duplicate ids are errors at the second definition, naming the first', async () => {
    const ws = await workspace({ 'team.yaml': TEAM.replace('id: team-review\n    track: my-team', 'id: typing\n    track: my-team').replace('[team-review]', '[typing]') });
    const c = await loadCatalog([BUILTIN, ws], nodeContentFs);
    const errors = errorsOf(c, ws);
    assert.strictEqual(errors.length, 2, errors.join('\n'));
    assert.match(errors[0], /^\.upskill\/team\.yaml:6:9 skills\[0\]\.id: duplicate skill id "typing": already defined at resources\/content\/01-production-code\.yaml:\d+$/);
    assert.match(errors[1], /tracks\[0\]\.skills\[0\]: skill "typing" belongs to track "production-code", not "my-team"/);
    assert.strictEqual(c.skills.get('typing')!.trackId, 'production-code', 'the first definition stays');
  });

  it('dangling references are errors at the reference, with a suggestion for near misses', async () => {
    const ws = await workspace({
      'team.yaml': withExercise(
        `    starter: starter
    checks: [{ type: pytest }]
`,
        { team: TEAM.replace('track: my-team', 'track: my-teem'), skill: 'nope' },
      ),
      'README.md': '# Ex',
      'starter/a.py': '',
    });
    const errors = errorsOf(await loadCatalog([ws], nodeContentFs), ws);
    assert.deepStrictEqual(errors, [
      '.upskill/team.yaml:7:12 skills[0].track: unknown track "my-teem" (did you mean "my-team"?)',
      '.upskill/team.yaml:12:12 exercises[0].skill: unknown skill "nope"',
    ]);
  });

  it('paths may not leave the exercise folder, and shipped files must exist', async () => {
    const ws = await workspace({
      'team.yaml': withExercise(`    starter: ../outside
    solution: /etc
    main: ../../x.py
    checks:
      - { type: pytest, hiddenTests: hidden }
      - { type: mypy, targets: ["../.."] }
`),
    });
    assert.deepStrictEqual(errorsOf(await loadCatalog([ws], nodeContentFs), ws), [
      '.upskill/team.yaml:17:11 exercises[0].main: "../../x.py" leaves the exercise folder ("..")',
      '.upskill/team.yaml:20:33 exercises[0].checks[1].targets[0]: "../.." leaves the exercise folder ("..")',
      '.upskill/team.yaml:11:5 exercises[0].instructions: file "README.md" does not exist in .upskill/',
      '.upskill/team.yaml:15:14 exercises[0].starter: "../outside" leaves the exercise folder ("..")',
      '.upskill/team.yaml:16:15 exercises[0].solution: "/etc" is an absolute path; use a path relative to the exercise folder',
      '.upskill/team.yaml:19:38 exercises[0].checks[0].hiddenTests: folder "hidden" does not exist in .upskill/',
    ]);
  });

  it('a shipped file or folder that is a link to outside the exercise folder is refused', async () => {
    const ws = await workspace({
      'team.yaml': withExercise(`    starter: starter
    solution: solution
    checks: [{ type: pytest }]
`),
      'README.md': '# Ex',
      'solution/a.py': '',
    });
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-outside-'));
    await fs.symlink(outside, path.join(ws.root, 'starter'));
    assert.deepStrictEqual(errorsOf(await loadCatalog([ws], nodeContentFs), ws), [
      '.upskill/team.yaml:15:14 exercises[0].starter: "starter" is a link to a place outside the exercise folder',
    ]);
  });

  it('cheats name folders in the exercise and are read into the model; an escaping one is an error at its line, a missing one is left to the validator (the VSIX leaves them out)', async () => {
    const ex = (cheats: string) => `${TEAM}exercises:
  - id: ex
    skill: team-review
    title: Ex
    difficulty: beginner
    kind: project
    instructions: team.yaml
    checks:
      - { type: no-network, mustMock: { module: weather.py, name: urlopen } }
    cheats:
${cheats}`;
    const good = await workspace({ 'team.yaml': ex('      - { folder: cheats/a, description: mocks the function under test, base: solution }\n'), 'cheats/a/test_x.py': '' });
    const loaded = await loadCatalog([good], nodeContentFs);
    assert.deepStrictEqual(errorsOf(loaded, good), []);
    assert.deepStrictEqual(loaded.exercises.get('ex')?.cheats, [{ folder: 'cheats/a', description: 'mocks the function under test', base: 'solution' }]);
    const bad = await workspace({ 'team.yaml': ex('      - { folder: cheats/missing, description: x }\n      - { folder: ../up, description: y }\n      - { folder: cheats/a }\n') });
    assert.deepStrictEqual(errorsOf(await loadCatalog([bad], nodeContentFs), bad), [
      '.upskill/team.yaml:22:9 exercises[0].cheats[2]: missing required field "description"',
    ]);
    const bad2 = await workspace({ 'team.yaml': ex('      - { folder: cheats/missing, description: x }\n      - { folder: ../up, description: y }\n') });
    assert.deepStrictEqual(errorsOf(await loadCatalog([bad2], nodeContentFs), bad2), [
      '.upskill/team.yaml:21:19 exercises[0].cheats[1].folder: "../up" leaves the exercise folder ("..")',
    ]);
  });

  it('honest variants are read into the model like cheats; an escaping folder is an error at its line', async () => {
    const ex = (honest: string) => `${TEAM}exercises:
  - id: ex
    skill: team-review
    title: Ex
    difficulty: beginner
    kind: project
    instructions: team.yaml
    checks:
      - { type: pytest }
    honest:
${honest}`;
    const good = await workspace({ 'team.yaml': ex('      - { folder: honest/heap, description: a heap instead of a sort }\n      - { folder: honest/tweak, description: other names, base: solution }\n') });
    const loaded = await loadCatalog([good], nodeContentFs);
    assert.deepStrictEqual(errorsOf(loaded, good), []);
    assert.deepStrictEqual(loaded.exercises.get('ex')?.honest, [
      { folder: 'honest/heap', description: 'a heap instead of a sort' },
      { folder: 'honest/tweak', description: 'other names', base: 'solution' },
    ]);
    const bad = await workspace({ 'team.yaml': ex('      - { folder: /abs, description: y }\n') });
    assert.match(errorsOf(await loadCatalog([bad], nodeContentFs), bad).join('\n'), /^\.upskill\/team\.yaml:20:\d+ exercises\[0\]\.honest\[0\]\.folder: /);
  });

  it('reads only top-level YAML and exercise.yaml files as content', async () => {
    const ws = await workspace({ 'team.yaml': TEAM, 'ex/starter/.github/workflows/ci.yml': 'on: push\n', 'ex/starter/config.yaml': 'a: 1\n' });
    const c = await loadCatalog([ws], nodeContentFs);
    assert.deepStrictEqual(c.errors, []);
  });

  it('never throws on arbitrary or mutated content, and every error has a place', async () => {
    const ws = await workspace({});
    await fs.mkdir(ws.root, { recursive: true });
    const valid = TEAM;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.tuple(fc.nat(valid.length), fc.nat(20), fc.string({ maxLength: 12 })).map(([at, del, ins]) => valid.slice(0, at) + ins + valid.slice(at + del)),
        ),
        async (text) => {
          await fs.writeFile(path.join(ws.root, 'fuzz.yaml'), text);
          const c = await loadCatalog([ws], nodeContentFs);
          for (const e of c.errors) {
            assert.ok(e.line >= 1 && e.column >= 1, `position of ${e.message}`);
            assert.ok(e.file.endsWith('fuzz.yaml'));
            assert.ok(e.message.length > 0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
