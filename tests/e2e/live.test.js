// Issue 16, item 4: Live. A ?src= export fetched again every second (?live=1): an unchanged export
// costs a 304; when the server's export changes between two polls, the new failure appears marked
// as new, the overview says which counts changed, and an unsynced edit survives the reload.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const FIXTURE = path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3');
const results = (page, text) => h.waitForMirror(page, (m, t) => m.items.some((i) => i.name === 'Results' && i.value === t), text);

// A copy of the export with one more failed task, stopped after every other: written beside it and
// renamed over it, so a poll never reads half a file.
function addFailure(exportFile) {
  const next = exportFile + '.next';
  fs.copyFileSync(exportFile, next);
  execFileSync('sqlite3', [next, `INSERT INTO django_q_task (name, func, hook, args, kwargs, result, started, stopped, success, id, "group", attempt_count, cluster)
    SELECT 'live-new-failure', func, hook, args, kwargs, result, '2026-11-24 02:00:00', '2026-11-24 02:00:01', 0, 'feedfacefeedfacefeedfacefeedface',
           "group", attempt_count, cluster FROM django_q_task WHERE name = 'fail-zero'`]);
  fs.renameSync(next, exportFile);
}

test('Live: an unchanged export costs a 304, a changed one shows its new failure and keeps the unsynced edit', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-live-'));
  const exportFile = path.join(dir, 'export.sqlite3');
  fs.copyFileSync(FIXTURE, exportFile);
  const app = await h.startApp({ query: '?src=exports/export.sqlite3&live=1#/failed', mounts: { '/exports/': dir } });
  const { page } = app;
  const statuses = [];
  page.on('response', (r) => { if (r.url().endsWith('/exports/export.sqlite3')) statuses.push(r.status()); });
  // Waits until a poll after the first `after` ones was answered with `status`.
  async function polled(status, after) {
    while (!statuses.slice(after).includes(status)) await page.waitForEvent('response');
  }
  try {
    await results(page, '8 results (8 total)');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Live' && i.value === 'checked'));

    // An unsynced edit, then a poll that finds the export unchanged.
    await h.clickItem(page, 'Select fail-zero');
    await h.clickItem(page, 'Delete selected…');
    await h.clickItem(page, 'Delete 1 failed task');
    await results(page, '7 results (7 total)');
    await polled(304, 0);
    await h.waitForMirror(page, (m) => m.items.some((i) => /^checked \d\d:\d\d:\d\d UTC: unchanged$/.test(i.name)));

    // The server's export changes: the next poll brings the new failure, marked, with the edit kept.
    const before = statuses.length;
    addFailure(exportFile);
    await polled(200, before);
    await results(page, '8 results (8 total)');
    const mirror = await h.snapshot(page);
    const rows = mirror.items.filter((i) => i.role === 'row');
    assert.match(rows.find((r) => r.name === 'live-new-failure').value, / \| new since the last load$/);
    assert.ok(rows.filter((r) => r.value.endsWith('new since the last load')).length === 1, 'only the new task is marked');
    assert.ok(!rows.some((r) => r.name === 'fail-zero'), 'the unsynced delete was carried over');
    assert.ok(mirror.items.some((i) => i.name === '1 unsynced edit'));
    await h.screenshot(page, 'live-new-failure.png');

    // And the polls go on: the changed export, unchanged since, is a 304 again.
    await polled(304, statuses.lastIndexOf(200) + 1);
    await h.clickItem(page, 'Overview');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Since the last load: failed 7 → 8 (+1). New tasks are marked in the lists.'));

    // The period is typed and applied when the field is left.
    await h.clickItem(page, 'Live period (s)');
    await h.afterInput(page, () => page.keyboard.press('Control+A'), 2);
    await h.afterInput(page, () => page.keyboard.type('45'), 2);
    await h.afterInput(page, () => page.keyboard.press('Tab'), 2);
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'every 45 s') && m.items.some((i) => i.name === 'Live period (s)' && i.value === '45'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
