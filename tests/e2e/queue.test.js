// Issue 7: the Queued tasks pages in Chromium on djq2-latest: the list as `djq queue` decodes it,
// a stale lock cleared, a task's args changed and signed with the SECRET_KEY typed in the page,
// and the changeset applied by `djq apply`: the server's entry verifies and carries the new args.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const FIXTURE = path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3');
const KEY = 'fixture-secret-key-1-not-for-production';  // settings-djq2-latest.json
const CLUSTER = 'djqdemo';

const rows = (mirror) => mirror.items.filter((i) => i.role === 'row');
const hasValue = (page, name, value) => h.waitForMirror(page, (m, [n, v]) => m.items.some((i) => i.name === n && i.value === v), [name, value]);

test('the Queued page decodes the queue as djq does; a changed call signed in the page verifies on the server', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/queued' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.view === 'queued' && m.items.some((i) => i.name === 'Results' && i.value === '10 results (10 total)'));
    const cli = JSON.parse(execFileSync(h.djqPath(), ['queue', FIXTURE, '--json'], { encoding: 'utf8' }));
    const shown = rows(await h.snapshot(page));
    assert.deepEqual(shown.map((r) => r.name), cli.map((e) => e.name));
    shown.forEach((row, i) => {
      const cells = row.value.split(' | ');
      assert.deepEqual([cells[0], cells[1], cells[3], cells[4], cells[6]], [String(cli[i].id), cli[i].key, cli[i].group, cli[i].func, cli[i].task_id]);
      // As of the export (both default to its newest task time): some locks were still taken then.
      assert.equal(cells[5], cli[i].lock_words);
    });

    // The key, typed once, checks every signature; the page shows it as dots and never mirrors it.
    await h.clickItem(page, 'SECRET_KEY');
    await h.afterInput(page, () => page.keyboard.type(KEY), 2);
    await h.waitForMirror(page, (m) => m.items.filter((i) => i.role === 'row' && i.value.endsWith('| valid (SHA-256)')).length === 10);
    assert.equal(h.valueOf(await h.snapshot(page), 'Cluster name'), CLUSTER);
    await h.screenshot(page, 'queue.png');

    // A row's page: clear its lock, then change its args and sign the new package.
    await h.clickItem(page, 'queued-add');
    await h.waitForMirror(page, (m) => m.view === 'queued-task');
    await hasValue(page, 'Args', '(40, 2)');
    await h.clickItem(page, 'Clear lock');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Lock state' && i.value.startsWith('available: lock ')));
    await h.clickItem(page, 'Args');
    await h.afterInput(page, () => page.keyboard.press('Control+A'), 2);
    await h.afterInput(page, () => page.keyboard.type('40, 3'), 2);
    await h.clickItem(page, 'Save and re-sign');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Saved and re-signed queued task 78.'));
    await hasValue(page, 'Signature', 'valid (SHA-256)');
    await h.screenshot(page, 'queue-entry.png');

    const changes = await h.downloadExport(page, 'Changeset (JSON) for djq apply');
    assert.ok(!changes.bytes.includes(KEY));
    const server = h.applyOnServerCopy(FIXTURE, changes.bytes);
    const edited = h.queueWithKey(server, KEY, CLUSTER).find((e) => e.id === 78);
    assert.equal(edited.signature, 'valid (SHA-256)');
    assert.equal(edited.args, '(40, 3)');
    assert.equal(edited.lock_state, 'available');  // dated by apply as enqueue dates it: the next dequeue takes it
    assert.equal(edited.task_id, cli[0].task_id);  // the same task, with a new call
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
