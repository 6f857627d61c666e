// Issue 5: the Failed list in Chromium on djq2-latest: search, filter, open a detail, delete with
// confirmation and undo, by mouse and keyboard, checked through the app's mirror and against the
// djq CLI's rows for the same query.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const FIXTURE = path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3');

function cliNames(...args) {
  const djq = [path.join(h.ROOT, 'build-native-debug', 'djq'), path.join(h.ROOT, 'build-native', 'djq')].find(fs.existsSync);
  const out = JSON.parse(execFileSync(djq, ['tasks', FIXTURE, '--json', ...args], { encoding: 'utf8' }));
  return out.tasks.map((t) => t.name);
}

const rows = (mirror) => mirror.items.filter((i) => i.role === 'row').map((i) => i.name);
const results = (page, text) => h.waitForMirror(page, (m, t) => m.items.some((i) => i.name === 'Results' && i.value === t), text);
const shown = (page, name) => h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === n), name);
const press = (page, key) => h.afterInput(page, () => page.keyboard.press(key), 2);

test('the Failed list searches, filters, opens a task and deletes with undo', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.source.endsWith('djq2-latest.sqlite3'));
    await h.clickItem(page, 'Failed');
    await results(page, '8 results (8 total)');
    assert.deepEqual(rows(await h.snapshot(page)), cliNames('--failed'));

    // Django admin search: every word in name, func or group.
    await h.clickItem(page, 'Search');
    await h.afterInput(page, () => page.keyboard.type('fail'), 2);
    await results(page, '7 results (8 total)');
    await press(page, 'Enter');  // leaves the field; the list keeps the search

    await h.clickItem(page, 'Group filter');
    await shown(page, 'failures (5)');
    await h.clickItem(page, 'failures (5)');
    await results(page, '5 results (8 total)');
    assert.deepEqual(rows(await h.snapshot(page)), cliNames('--failed', '--search', 'fail', '--group', 'failures'));

    // A click puts the cursor on a row; Enter opens it; Escape comes back to the same list.
    await h.clickItem(page, 'fail-zero');
    await press(page, 'Enter');
    await h.waitForMirror(page, (m) => m.view === 'task');
    let mirror = await h.snapshot(page);
    assert.equal(h.valueOf(mirror, 'Name'), 'fail-zero');
    assert.equal(h.valueOf(mirror, 'Group'), 'failures');
    const traceback = mirror.items.find((i) => i.name === 'result' && i.role === 'code');
    assert.match(traceback.value, /^division by zero : Traceback \(most recent call last\):\n/);
    await h.screenshot(page, 'task-detail.png');
    await press(page, 'Escape');
    await results(page, '5 results (8 total)');

    // Delete the checked task: the confirmation says how many; Undo brings it back.
    await h.clickItem(page, 'Select fail-zero');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Selected' && i.value === '1'));
    await h.clickItem(page, 'Delete selected…');
    await shown(page, 'Delete 1 failed task?');
    await h.clickItem(page, 'Delete 1 failed task');
    await results(page, '4 results (7 total)');
    mirror = await h.snapshot(page);
    assert.ok(!rows(mirror).includes('fail-zero'));
    assert.ok(mirror.items.some((i) => i.name === '1 unsynced edit'));

    // Keyboard: Down moves the cursor, Delete asks, Escape cancels.
    await press(page, 'ArrowDown');
    await press(page, 'Delete');
    await shown(page, 'Delete 1 failed task?');
    await press(page, 'Escape');
    await h.waitForMirror(page, (m) => !m.items.some((i) => i.name === 'Delete 1 failed task?'));
    await results(page, '4 results (7 total)');

    await h.clickItem(page, 'Undo');
    await results(page, '5 results (8 total)');
    assert.ok(rows(await h.snapshot(page)).includes('fail-zero'));
    await h.screenshot(page, 'failed-list.png');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
