// Issue 6: the Scheduled tasks pages in Chromium on djq2-latest: the list as `djq schedules` gives
// it, a cron schedule created in the editor with its explanation and next runs in the server's
// zone (over a DST change), and the changeset applied with `djq apply` giving Django Q's row.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const FIXTURE = path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3');

const rows = (mirror) => mirror.items.filter((i) => i.role === 'row').map((i) => i.name);
const shown = (page, name) => h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === n), name);

// Replaces a text field's content: click it, select all, type.
async function typeInto(page, field, text) {
  await h.clickItem(page, field);
  await h.afterInput(page, () => page.keyboard.press('Control+A'), 2);
  await h.afterInput(page, () => page.keyboard.type(text), 2);
  await h.afterInput(page, () => page.keyboard.press('Tab'), 2);
}

function djqJson(...args) {
  return JSON.parse(execFileSync(h.djqPath(), [...args, '--json'], { encoding: 'utf8' }));
}

test('a cron schedule made in the editor previews its runs and reaches the server as Django Q stores it', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/schedules' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.view === 'schedules' && m.items.some((i) => i.name === 'Results' && i.value === '20 results (20 total)'));
    const cli = djqJson('schedules', FIXTURE).schedules.map((s) => s.name || `schedule ${s.id}`);
    assert.deepEqual(rows(await h.snapshot(page)).slice(0, 10), cli.slice(0, 10));

    await typeInto(page, 'Server TIME_ZONE', 'Europe/Amsterdam');
    await h.clickItem(page, 'New schedule');
    await h.waitForMirror(page, (m) => m.view === 'schedule');
    await typeInto(page, 'Name', 'e2e-weekday-report');
    await typeInto(page, 'Func', 'demoapp.tasks.echo');
    await typeInto(page, 'Args', "'weekly', 2");
    await h.clickItem(page, 'Schedule type');
    await h.clickItem(page, 'Cron');
    await typeInto(page, 'Cron', '0 9 * * 1-5');
    await typeInto(page, 'Next run', '2036-03-28 09:00');  // a Friday; summer time starts on Sunday 30 March
    await shown(page, 'at 09:00 on Monday through Friday');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Run 2' && i.value === '2036-03-31 09:00:00 CEST   (2036-03-31 07:00:00 UTC)'));
    const mirror = await h.snapshot(page);
    assert.equal(h.valueOf(mirror, 'Run 1'), '2036-03-28 09:00:00 CET   (2036-03-28 08:00:00 UTC)');
    assert.equal(h.valueOf(mirror, 'Run 3'), '2036-04-01 09:00:00 CEST   (2036-04-01 07:00:00 UTC)');
    await h.screenshot(page, 'schedule-editor.png');

    await h.clickItem(page, 'Create schedule');
    await shown(page, 'Saved schedule 22.');
    const changes = await h.downloadExport(page, 'Changeset (JSON) for djq apply');

    // On the server: djq apply inserts the row the admin's form would have saved.
    const server = h.applyOnServerCopy(FIXTURE, changes.bytes);
    const created = djqJson('schedules', server, '--search', 'e2e-weekday-report').schedules;
    assert.equal(created.length, 1);
    assert.deepEqual(
      { ...created[0], overdue: undefined, paused: undefined },
      { id: 22, name: 'e2e-weekday-report', func: 'demoapp.tasks.echo', schedule_type: 'C', repeats: -1, minutes: null, cron: '0 9 * * 1-5',
        cluster: null, next_run: '2036-03-28 08:00:00', task: null, last_run: null, success: null, overdue: undefined, paused: undefined });
    const row = execFileSync('sqlite3', [server, "SELECT args, kwargs, hook, intended_date_kwarg FROM django_q_schedule WHERE id = 22"], { encoding: 'utf8' });
    assert.equal(row.trim(), "'weekly', 2|||");
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('the schedule list filters and links to a page with past runs, and run now queues a signed task', async () => {
  const KEY = 'fixture-secret-key-1-not-for-production';  // settings-djq2-latest.json
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/schedules?type=C' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '5 results (20 total)'));
    assert.deepEqual(rows(await h.snapshot(page)), djqJson('schedules', FIXTURE, '--type', 'C').schedules.map((s) => s.name));
    await h.clickItem(page, 'Type filter');
    await h.clickItem(page, 'All');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '20 results (20 total)'));
    await h.screenshot(page, 'schedule-list.png');

    // A schedule's page: its runs in the export's window matched with the tasks its scheduler launched.
    await h.clickItem(page, 'every-15-min');
    await h.waitForMirror(page, (m) => m.view === 'schedule');
    await shown(page, 'Runs in this export\'s window');
    const mirror = await h.snapshot(page);
    const past = mirror.items.filter((i) => i.role === 'row');
    assert.ok(past.length >= 1);
    // Due at 01:29:49 (before the export's first task), run by the scheduler at 01:35:19.
    assert.match(past[past.length - 1].value, /^late \(330 s\) \| mississippi-nitrogen-magnesium-purple$/);
    await h.screenshot(page, 'schedule-page.png');

    // Run now with the key: a signed queue entry for the task the scheduler would launch.
    await h.clickItem(page, 'Run now…');
    await h.clickItem(page, 'SECRET_KEY');
    await h.afterInput(page, () => page.keyboard.type(KEY), 2);
    await h.clickItem(page, 'Run now');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('Queued ') && i.name.endsWith(' for schedule 3.')));
    await h.clickItem(page, 'Overview');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Queued tasks' && i.value === '11'));
    const changes = await h.downloadExport(page, 'Changeset (JSON) for djq apply');
    assert.ok(!changes.bytes.includes(KEY));
    const server = h.applyOnServerCopy(FIXTURE, changes.bytes);
    const entries = h.queueWithKey(server, KEY, 'djqdemo');
    const queued = entries.find((e) => e.group === 'every-15-min');
    assert.ok(queued, JSON.stringify(entries.map((e) => [e.func, e.group])));
    assert.equal(queued.args, "(1, 2, 'John')");
    assert.equal(queued.signature, 'valid (SHA-256)');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
