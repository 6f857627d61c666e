// Issue 5: the Failed list in Chromium on djq2-latest: search, filter, open a detail, delete with
// confirmation and undo, by mouse and keyboard, resubmit with a typed SECRET_KEY, deep links and
// Back; checked through the app's mirror, against the djq CLI, and on a server copy after djq apply.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const FIXTURE = path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3');

function cliNames(...args) {
  const out = JSON.parse(execFileSync(h.djqPath(), ['tasks', FIXTURE, '--json', ...args], { encoding: 'utf8' }));
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

test('resubmit with a typed SECRET_KEY queues a signed entry the server accepts, and the key is stored nowhere', async () => {
  const KEY = 'fixture-secret-key-1-not-for-production';  // the fixture server's key (settings-djq2-latest.json)
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3' });
  const { page } = app;
  const logs = [];
  page.on('console', (message) => logs.push(message.text()));
  try {
    await h.waitForMirror(page, (m) => m.source.endsWith('djq2-latest.sqlite3'));
    await h.clickItem(page, 'Failed');
    await results(page, '8 results (8 total)');
    await h.clickItem(page, 'Select fail-zero');
    await h.clickItem(page, 'Resubmit selected…');
    await shown(page, 'Resubmit 1 task?');
    // A wrong key is caught by the export's own signed entries before anything is signed.
    await h.clickItem(page, 'SECRET_KEY');
    await h.afterInput(page, () => page.keyboard.type('not-the-server-key'), 2);
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('Wrong key: with cluster name "djqdemo" it does not verify queued task')));
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('the SECRET_KEY with cluster name "djqdemo" does not verify')));
    await h.afterInput(page, () => page.keyboard.press('Control+A'), 2);
    await h.afterInput(page, () => page.keyboard.type(KEY), 2);
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('Key checked: it verifies queued task')));
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('Adds 1 signed queue entry (django_q_ormq, key djqdemo)')));
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === "Signs: demoapp.tasks.fail args ('zero',) kwargs {}"));
    await h.screenshot(page, 'resubmit-dialog.png');
    await h.clickItem(page, 'Resubmit 1 task');
    await results(page, '7 results (7 total)');
    await h.clickItem(page, 'Overview');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Queued tasks' && i.value === '11'));

    // The key is in no saved copy (which holds the journal), no export, no console log and not in the page's DOM mirror.
    await page.waitForFunction(() => djq.pendingSaves() === 0);
    const saved = (await h.keptCopy(page)).bytes;
    assert.ok(saved.length > 0);
    assert.ok(!Buffer.from(saved).includes(KEY));
    assert.ok(!(await page.content()).includes(KEY));
    assert.ok(!logs.some((line) => line.includes(KEY)));
    const changes = await h.downloadExport(page, 'Changeset (JSON) for djq apply');
    assert.ok(!changes.bytes.includes(KEY));

    // On the server: djq apply writes the entry, and the server's key verifies its signature.
    const server = h.applyOnServerCopy(FIXTURE, changes.bytes);
    const entries = h.queueWithKey(server, KEY, 'djqdemo');
    assert.equal(entries.length, 11);
    const resubmitted = entries.find((e) => e.func === 'demoapp.tasks.fail' && e.args === "('zero',)");
    assert.ok(resubmitted, JSON.stringify(entries.map((e) => [e.func, e.args])));
    assert.equal(resubmitted.signature, 'valid (SHA-256)');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('deep links open the filtered list, and Back returns to the previous view', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed?q=fail&group=failures' });
  const { page } = app;
  try {
    await results(page, '5 results (8 total)');
    await h.clickItem(page, 'Successful');
    await h.waitForMirror(page, (m) => m.view === 'successful');
    assert.match(page.url(), /#\/successful$/);
    await h.afterInput(page, () => page.goBack(), 2);
    await results(page, '5 results (8 total)');
    assert.match(page.url(), /#\/failed\?q=fail&group=failures$/);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the column chooser shows a hidden column, and the page remembers it after a reload', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/successful' });
  const { page } = app;
  const columns = async () => (await h.snapshot(page)).items.filter((i) => i.role === 'column').map((i) => i.name);
  try {
    await results(page, '69 results (69 total)');
    assert.ok(!(await columns()).includes('Attempts'));
    await h.clickItem(page, 'Columns…');
    await shown(page, 'Attempts');
    await h.clickItem(page, 'Attempts');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.role === 'column' && i.name === 'Attempts'));
    await h.screenshot(page, 'successful-columns.png');
    await page.reload();
    await h.appReady(page);
    const all = ['Name', 'Group', 'Func', 'Cluster', 'Started (UTC)', 'Stopped (UTC)', 'Time taken', 'Attempts'];
    await h.waitForMirror(page, (m, names) => JSON.stringify(m.items.filter((i) => i.role === 'column').map((i) => i.name)) === names, JSON.stringify(all));
    await results(page, '69 results (69 total)');
    assert.deepEqual(await columns(), all);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
