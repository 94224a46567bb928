// Two windows each see globalState through a copy that learns of the other's writes late. The
// study state lives in a file that every change reads and writes under a lock: these tests
// give each window a copy that never learns (the worst case) and show that no change is lost.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { heartbeat, pause, start, stop } from '../../../src/core/studyTimer';
import type { KeyValueStore } from '../../../src/core/versionedStore';
import { FileCell } from '../../../src/state/sharedCell';
import { STUDY_KEY, StudyStore, TIMER_KEY } from '../../../src/state/studyStore';

const M = 60_000;

function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return { map, get: (k) => structuredClone(map.get(k)), update: async (k, v) => void map.set(k, structuredClone(v)), keys: () => [...map.keys()] };
}

describe('state/FileCell: study time shared by windows', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-cell-'));
    file = path.join(dir, 'global', 'study-state.json');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('a pause in one window is not undone by a heartbeat or a takeover in a window that had not seen it', async () => {
    let now = 1_700_000_000_000;
    // Each window with its own globalState copy that never hears of the other's writes.
    const a = new StudyStore(memoryStore(), () => now, new FileCell(file));
    const b = new StudyStore(memoryStore(), () => now, new FileCell(file));
    await a.apply((s) => start(s, now, 'A', { skill: 'typing' }));
    now += 2 * M;
    await b.apply((s) => pause(s, now, 'user'));
    const pausedAt = now;
    now += M;
    // Window A's heartbeat and its focus takeover, as the service makes them: decided on the stored state.
    await a.apply((s) => heartbeat(s, now, 'A'));
    await a.apply((s) => (s.timer.status === 'running' && s.timer.owner !== 'A' ? start(s, now, 'A', { skill: 'typing' }) : s));
    const seen = await a.read();
    assert.strictEqual(seen.timer.status, 'paused');
    assert.deepStrictEqual(
      seen.log.sessions.map((s) => [s.start, s.end, s.closed]),
      [[pausedAt - 2 * M, pausedAt, true]],
      'the session ends at the pause, not at the later heartbeat',
    );
    now += M;
    await a.apply((s) => stop(s, now));
    const after = await b.read();
    assert.strictEqual(after.timer.status, 'stopped');
    assert.strictEqual(after.log.sessions[0].end, pausedAt, 'stopping a paused run adds nothing');
  });

  it('changes racing from two windows through the lock all land', async () => {
    const one = new FileCell(file);
    const two = new FileCell(file);
    const add = (cell: FileCell) => cell.transact((text) => ({ text: String(Number(text ?? '0') + 1), result: undefined }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => add(i % 2 ? one : two)));
    assert.strictEqual(await one.read(), '40');
    assert.deepStrictEqual((await fs.readdir(path.dirname(file))).sort(), ['study-state.json'], 'no lock or temporary file is left');
  });

  it('a lock left by a window that died is broken once stale; a live one makes the change wait, then fail with where it is', async () => {
    await fs.mkdir(`${file}.lock`, { recursive: true });
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(`${file}.lock`, old, old);
    await new FileCell(file).transact(() => ({ text: 'after a crash', result: undefined }));
    assert.strictEqual(await new FileCell(file).read(), 'after a crash');
    await fs.mkdir(`${file}.lock`);
    await assert.rejects(
      new FileCell(file, 10_000, 200).transact(() => ({ text: 'never', result: undefined })),
      (e: Error) => e.message.includes(`${file}.lock`) && /delete that folder/.test(e.message),
    );
    assert.strictEqual(await new FileCell(file).read(), 'after a crash', 'nothing was written without the lock');
  });

  it('an unreadable file is kept beside it and named, and the timer goes on from empty', async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"v": 1, "data": {"timer": ');
    const store = new StudyStore(memoryStore(), () => 5, new FileCell(file));
    const s = await store.apply((x) => start(x, 5, 'A', { skill: 'git' }));
    assert.strictEqual(s.timer.status, 'running');
    assert.match(store.problem ?? '', /study-state\.json\.unreadable\.5/);
    assert.strictEqual(await fs.readFile(`${file}.unreadable.5`, 'utf8'), '{"v": 1, "data": {"timer": ');
  });

  it('a timer and log stored in globalState by an earlier version are read, and the log is copied back for Settings Sync', async () => {
    const kv = memoryStore();
    const first = new StudyStore(kv, () => 10 * M);
    await first.apply((s) => start(s, 10 * M, 'A', { skill: 'git' }));
    // The earlier layout: a timer key and the study key.
    await kv.update(TIMER_KEY, { v: 1, data: (await first.read()).timer });
    const store = new StudyStore(kv, () => 12 * M, new FileCell(file));
    const read = await store.read();
    assert.strictEqual(read.timer.status, 'running');
    assert.strictEqual(read.log.sessions.length, 1);
    await store.apply((s) => stop(s, 12 * M));
    const synced = kv.map.get(STUDY_KEY) as { data: { sessions: { end: number }[] } };
    assert.strictEqual(synced.data.sessions[0].end, 12 * M);
  });
});
