// Issue 15's bad-input catalogue in Chromium, for the classes a browser user meets: JSON nested far
// too deep, an export carrying its own triggers, a planted queue entry whose pickle calls os.system,
// a memo-bomb pickle in a result, and a large fixture export. Each gets a message naming what is
// wrong, the page keeps answering, and nothing is signed or run. (tests/unit/test_hostile_inputs.cpp
// and tests/cli/check_hostile.cmake run the same classes natively.)
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const KEY = 'fixture-secret-key-1-not-for-production';  // settings-djq2-latest.json
const hasItem = (page, name) => h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === n), name);
const hasItemStarting = (page, text) => h.waitForMirror(page, (m, t) => m.items.some((i) => i.name.startsWith(t)), text);

let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-hostile-'));
  execFileSync('/usr/bin/python3', [path.join(__dirname, 'lib', 'make_hostile.py'), path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3'), dir]);
  execFileSync(h.djqPath(), ['demo', '-o', path.join(dir, 'big.sqlite3'), '--tasks', '100000']);
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('JSON nested a hundred thousand deep is refused with where, and the open export stays', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    const deep = '[{"model": "django_q.task", "pk": "a", "fields": {"name": ' + '['.repeat(100000) + ']'.repeat(100000) + '}}]';
    await h.chooseFile(page, { name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(deep) });
    await h.waitForMirror(page, (m) => m.error !== null);
    const mirror = await h.snapshot(page);
    assert.match(mirror.error.message, /^deep\.json: .*nested deeper than 64 levels \(byte \d+\)$/);
    assert.equal(mirror.source, app.url + 'fixtures/djq2-latest.sqlite3');
    await h.clickItem(page, 'Dismiss');
    await h.clickItem(page, 'Failed tasks');  // the page still answers
    await h.waitForMirror(page, (m) => m.view === 'failed' && m.items.some((i) => i.name === 'Results' && i.value === '8 results (8 total)'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('an export\'s own trigger is removed and named, and a delete does only what the journal says', async () => {
  const app = await h.startApp({ query: '?src=hostile/planted.sqlite3#/failed', mounts: { '/hostile/': dir } });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.includes('The export had its own')));
    const notice = (await h.snapshot(page)).items.find((i) => i.name.includes('The export had its own')).name;
    assert.match(notice, /The export had its own trigger rewrite, view leak: removed from the working copy/);
    await h.clickItem(page, 'OK');

    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '8 results (8 total)'));
    await h.clickItem(page, 'Select fail-zero');
    await h.clickItem(page, 'Delete selected…');
    await h.clickItem(page, 'Delete 1 failed task');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '7 results (7 total)'));

    // What the user would apply or load on the server: the schedules and the queue are as exported.
    const file = await h.downloadExport(page, 'Working copy (SQLite)');
    const copy = path.join(dir, 'planted-working-copy.sqlite3');
    fs.writeFileSync(copy, file.bytes);
    const { schedules } = JSON.parse(execFileSync(h.djqPath(), ['schedules', copy, '--json'], { encoding: 'utf8' }));
    assert.equal(schedules.length, 20);
    assert.ok(schedules.every((s) => s.func !== 'os.system'));
    assert.equal(JSON.parse(execFileSync(h.djqPath(), ['queue', copy, '--json'], { encoding: 'utf8' })).length, 10);
    const changes = JSON.parse((await h.downloadExport(page, 'Changeset (JSON) for djq apply')).bytes);
    assert.deepEqual(changes.changes.map((c) => [c.kind, c.table]), [['delete', 'django_q_task']]);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a planted queue entry that calls os.system is shown, warned about and never re-signed', async () => {
  const app = await h.startApp({ query: '?src=hostile/hostile.sqlite3#/queued/78', mounts: { '/hostile/': dir } });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.view === 'queued-task');
    await hasItem(page, 'Args kept as is: args[0]: a posix.system has no Python literal');
    await h.clickItem(page, 'SECRET_KEY');
    await h.afterInput(page, () => page.keyboard.type(KEY), 2);
    await hasItemStarting(page, 'Its signature does not verify with this key');
    await h.clickItem(page, 'Re-sign');
    await hasItemStarting(page, 'the package calls posix.system');
    await h.screenshot(page, 'hostile-queue-entry.png');
    const mirror = await h.snapshot(page);
    assert.ok(!mirror.items.some((i) => /unsynced edit/.test(i.name)), 'nothing was signed or journalled');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a 336-byte pickle that expands to 2^40 leaves shows its first characters at once', async () => {
  const app = await h.startApp({ query: '?src=hostile/hostile.sqlite3#/failed', mounts: { '/hostile/': dir } });
  const { page } = app;
  try {
    // The row as the mirror that showed it had it (a later snapshot may be of another frame).
    const row = await (await h.waitForMirror(page, (m) => m.items.find((i) => i.role === 'row' && i.name === 'fail-zero'))).jsonValue();
    assert.match(row.value, /\[\[\[\[.*…/);
    assert.ok(row.value.length < 1000);
    await h.clickItem(page, 'fail-zero');
    await page.keyboard.press('Enter');
    await h.waitForMirror(page, (m) => m.view === 'task' && m.items.some((i) => i.name === 'result'));
    const result = (await h.snapshot(page)).items.find((i) => i.name === 'result');
    assert.ok(result.value.length <= (1 << 20) + 64, `the shown result is bounded (${result.value.length} characters)`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a schedule whose name is not UTF-8 is shown escaped, paused, and applied with its bytes intact', async () => {
  const app = await h.startApp({ query: '?src=hostile/hostile.sqlite3#/schedule/3', mounts: { '/hostile/': dir } });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.view === 'schedule' && m.items.some((i) => i.name === 'Pause'));
    const mirror = await h.snapshot(page);
    assert.ok(mirror.items.some((i) => (i.name + (i.value || '')).includes('k\\xffey')), 'the name is shown with its bad byte escaped');
    await h.clickItem(page, 'Pause');
    await hasItem(page, '1 unsynced edit');
    const changes = await h.downloadExport(page, 'Changeset (JSON) for djq apply');
    const server = h.applyOnServerCopy(path.join(dir, 'hostile.sqlite3'), changes.bytes);
    const row = execFileSync('sqlite3', [server, 'SELECT hex(name), repeats FROM django_q_schedule WHERE id = 3'], { encoding: 'utf8' }).trim();
    assert.equal(row, '6BFF6579|0');  // paused (repeats 0), the name's bytes as they were
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a large fixture export leaves the wasm heap in pieces and arrives whole', async () => {
  // 100,000 tasks: a fixture of about 60 MB, written a megabyte at a time into a Blob. Made whole in
  // wasm memory, as it once was, the heap would grow by more than the fixture's size.
  const app = await h.startApp({ query: '?src=hostile/big.sqlite3', mounts: { '/hostile/': dir } });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.source.endsWith('big.sqlite3') && m.items.some((i) => i.name === 'Successful tasks'));
    await page.waitForFunction(() => djq.settled());  // the work after opening (the search index) is done
    const heapBefore = await page.evaluate(() => HEAPU8.length);
    const file = await h.downloadExport(page, 'Fixture for loaddata (JSON)');
    const objects = JSON.parse(file.bytes);
    const mirror = await h.snapshot(page);
    const tasks = Number(h.valueOf(mirror, 'Successful tasks')) + Number(h.valueOf(mirror, 'Failed tasks'));
    assert.equal(objects.filter((o) => o.model === 'django_q.task').length, tasks);
    const heapAfter = await page.evaluate(() => HEAPU8.length);
    assert.ok(heapAfter - heapBefore < file.bytes.length / 4,
      `the heap grew by ${heapAfter - heapBefore} bytes for a ${file.bytes.length}-byte fixture: it was never whole in wasm memory`);
  } finally {
    await app.close();
  }
});
