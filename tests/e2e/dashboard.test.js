// Issue 19: the overview's dashboard in Chromium on a demo export written by the djq CLI: its
// figures and health are the CLI's (`djq stats|failures|health --json`), a bar opens the list of
// exactly the tasks it counts, a func and a failure group exactly theirs, and the Funcs tab lists
// the CLI's funcs in its order.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const h = require('./lib/harness');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-dashboard-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const EXPORT = path.join(dir, 'demo.sqlite3');
execFileSync(h.djqPath(), ['demo', '-o', EXPORT, '--tasks', '3000', '--seed', '19']);
const djq = (...args) => JSON.parse(execFileSync(h.djqPath(), [...args, '--json'], { encoding: 'utf8' }));

const rows = (mirror) => mirror.items.filter((i) => i.role === 'row').map((i) => i.name);
const results = (page, text) => h.waitForMirror(page, (m, t) => m.items.some((i) => i.name === 'Results' && i.value === t), text);
// The overview once complete: its figures, and the health panel above the failure groups (which
// it moves down when its verdict replaces "Checking…").
const overviewDone = (page) =>
  h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failure rate') && m.items.some((i) => /^(Nothing needs attention|Needs attention)/.test(i.name)));
const toOverview = (page) => h.clickItem(page, 'Overview').then(() => overviewDone(page));
// "2026-11-10 00:00:00" as djq tasks takes a bound.
const minutes = (stored) => stored.slice(0, 16);

test('the dashboard shows the CLI figures and health, a bar, a func and a failure group open exactly their tasks, and Funcs lists the CLI funcs', async () => {
  const stats = djq('stats', EXPORT, '--tz', 'UTC');
  const failures = djq('failures', EXPORT);
  const app = await h.startApp({ query: '?src=exports/demo.sqlite3', mounts: { '/exports/': dir } });
  const { page } = app;
  try {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await overviewDone(page);
    let mirror = await h.snapshot(page);
    const rate = `${(100 * stats.failure_rate).toFixed(1)}% (${stats.failures.toLocaleString('en-US')} of ${stats.tasks.toLocaleString('en-US')} tasks)`;
    assert.equal(h.valueOf(mirror, 'Failure rate'), rate);
    assert.ok(mirror.items.some((i) => i.name === `Tasks stopped per ${stats.bucket} (UTC)`));
    // Every bar segment is the CLI's count for that bucket.
    for (const bucket of stats.buckets) {
      for (const [series, count] of [['Succeeded', bucket.successes], ['Failed', bucket.failures]]) {
        const bar = mirror.items.find((i) => i.role === 'bar' && i.name === `${series} ${bucket.label}`);
        assert.equal(bar ? Number(bar.value) : 0, count, `${series} ${bucket.label}`);
      }
    }
    await h.screenshot(page, 'dashboard.png');

    // A day's failures: the Failed list of exactly those, as djq tasks lists them.
    const day = stats.buckets.reduce((a, b) => (b.failures > a.failures ? b : a));  // the tallest red segment, easy to hit
    await h.clickItem(page, `Failed ${day.label}`);
    await results(page, `${day.failures} results (${stats.failures} total)`);
    const expected = djq('tasks', EXPORT, '--failed', '--stopped-from', minutes(day.start), '--stopped-until', minutes(day.end));
    assert.deepEqual(rows(await h.snapshot(page)), expected.tasks.map((t) => t.name));

    // A func: All tasks of that func alone.
    await toOverview(page);
    const busiest = stats.funcs[0];
    await h.clickItem(page, busiest.func);
    await results(page, `${busiest.runs.toLocaleString('en-US')} results (${stats.tasks.toLocaleString('en-US')} total)`);
    mirror = await h.snapshot(page);
    assert.equal(h.valueOf(mirror, 'Only'), `tasks of func ${busiest.func}`);

    // The largest failure group: its tasks, its newest first.
    await toOverview(page);
    const group = failures.groups[0];
    await h.clickItem(page, `${group.exception_type}: ${group.message}`);
    await results(page, `${group.count} results (${stats.failures} total)`);
    mirror = await h.snapshot(page);
    assert.equal(rows(mirror)[0], group.example.name);
    await h.screenshot(page, 'failure-group.png');
    // Its list is a link (djq failures' link_id): a reload shows the same tasks again.
    assert.equal(new URL(page.url()).hash, `#/failed?failure_group=${group.link_id}`);
    await page.reload();
    await h.appReady(page);
    await results(page, `${group.count} results (${stats.failures} total)`);
    mirror = await h.snapshot(page);
    assert.equal(h.valueOf(mirror, 'Only'), `the tasks of failure group "${group.exception_type}: ${group.message}"`);
    assert.equal(rows(mirror)[0], group.example.name);

    // The health panel says what djq health says, and the Funcs tab lists the CLI's funcs in its order.
    // djq health exits 1 when something needs attention: its JSON is on stdout either way.
    const health = JSON.parse(spawnSync(h.djqPath(), ['health', EXPORT, '--json'], { encoding: 'utf8' }).stdout);
    await toOverview(page);
    const verdict = health.needs_attention === 0 ? 'Nothing needs attention' : `Needs attention (${health.needs_attention})`;
    await h.waitForMirror(page, (m, v) => m.items.some((i) => i.name === v), verdict);
    await h.clickItem(page, 'Funcs');
    await results(page, `${stats.funcs.length} results (${stats.funcs.length} total)`);
    mirror = await h.snapshot(page);
    assert.deepEqual(mirror.items.filter((i) => i.role === 'link').map((i) => i.name), stats.funcs.map((f) => f.func));
    await h.screenshot(page, 'funcs.png');

    // A list as a JSON file: every task the filter matches, in the list's order (the Failed list
    // still shows the failure group opened above, until its filter is cleared).
    await h.clickItem(page, 'Failed');
    await results(page, `${group.count} results (${stats.failures} total)`);
    await h.clickItem(page, 'Show every task');
    await results(page, `${stats.failures} results (${stats.failures} total)`);
    await h.clickItem(page, 'Export rows…');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'JSON'));
    const [download] = await Promise.all([page.waitForEvent('download'), h.clickItem(page, 'JSON')]);
    const saved = path.join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const exported = JSON.parse(fs.readFileSync(saved, 'utf8'));
    const listed = djq('tasks', EXPORT, '--failed', '--limit', '1000');
    assert.equal(download.suggestedFilename(), 'demo-failed-tasks.json');
    assert.deepEqual(exported.map((t) => t.name), listed.tasks.map((t) => t.name));
    assert.deepEqual(Object.keys(exported[0]), ['id', 'name', 'group', 'func', 'cluster', 'started', 'stopped', 'result']);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
