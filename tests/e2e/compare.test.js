// Issue 19, item 5: "what changed since yesterday" in Chromium. Two demo exports written by the
// djq CLI (the newer holds the older's tasks and 300 more); the newer opens as the working copy,
// the older through Compare… and the browser's file picker. The page says what `djq diff --json`
// says, its links open exactly the new failures, and a group's, and a reload keeps it until it is closed.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-compare-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const OLDER = path.join(dir, 'yesterday.sqlite3'), NEWER = path.join(dir, 'today.sqlite3');
execFileSync(h.djqPath(), ['demo', '-o', OLDER, '--tasks', '3000', '--seed', '19']);
execFileSync(h.djqPath(), ['demo', '-o', NEWER, '--tasks', '3300', '--seed', '19']);

const n = (count) => count.toLocaleString('en-US');
// "8 → 9 (+1)", as the page writes a count then and now.
const beforeAfter = (before, after) => `${n(before)} → ${n(after)}` + (after === before ? '' : ` (${after > before ? '+' : '-'}${n(Math.abs(after - before))})`);
const headline = (g) => (g.exception_type ? g.exception_type + (g.message ? ': ' + g.message : '') : g.message);
const results = (page, text) => h.waitForMirror(page, (m, t) => m.items.some((i) => i.name === 'Results' && i.value.startsWith(t)), text);

test('Compare… opens an older export beside the working copy: the changes djq diff finds, each opening its tasks', async () => {
  const diff = JSON.parse(execFileSync(h.djqPath(), ['diff', OLDER, NEWER, '--json'], { encoding: 'utf8' }));
  assert.ok(diff.new_failures.length > 0 && diff.failure_groups.length > 1, 'the demo pair has new failures in several groups');
  const app = await h.startApp({ query: '?src=exports/today.sqlite3', mounts: { '/exports/': dir } });
  const { page } = app;
  try {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failure rate'));
    await h.chooseFile(page, OLDER, 'Compare…');
    const heading = `New failures (${diff.new_failures.length})`;
    await h.waitForMirror(page, (m, t) => m.items.some((i) => i.name === t), heading);
    let mirror = await h.snapshot(page);
    assert.equal(mirror.view, 'compare');
    assert.equal(h.valueOf(mirror, 'Tasks'), beforeAfter(diff.before.tasks, diff.after.tasks));
    assert.equal(h.valueOf(mirror, 'Failed tasks'), beforeAfter(diff.before.failures, diff.after.failures));
    assert.equal(h.valueOf(mirror, 'Queued tasks'), beforeAfter(diff.queue.before, diff.queue.after));
    const names = new Set(mirror.items.map((i) => i.name));
    for (const g of diff.failure_groups) {
      assert.ok(names.has(headline(g)), `group ${headline(g)} is listed`);
      assert.ok(names.has(beforeAfter(g.before, g.after)), `${headline(g)}: ${beforeAfter(g.before, g.after)}`);
    }
    assert.ok(names.has(`Schedules: ${diff.schedules.length} added, removed or edited, ${diff.schedules_ran} run by the scheduler`));
    await h.screenshot(page, 'compare.png');

    // A reload shows the same comparison: the browser kept the older file.
    await h.waitForKeptComparison(page, 'yesterday.sqlite3');
    await page.reload();
    await h.appReady(page);
    await h.waitForMirror(page, (m, t) => m.items.some((i) => i.name === t), heading);
    mirror = await h.snapshot(page);
    assert.equal(mirror.view, 'compare');
    assert.equal(h.valueOf(mirror, 'Failed tasks'), beforeAfter(diff.before.failures, diff.after.failures));

    // Every new failure, and no other task.
    await h.clickItem(page, `Show the ${diff.new_failures.length} new failures`);
    await results(page, `${n(diff.new_failures.length)} results (${n(diff.after.failures)} total)`);
    mirror = await h.snapshot(page);
    assert.equal(h.valueOf(mirror, 'Only'), 'the failures new since yesterday.sqlite3');

    // The group with the most new failures: those alone.
    await h.clickItem(page, 'Compare');
    const biggest = diff.failure_groups.reduce((a, b) => (b.new > a.new ? b : a));
    await h.clickItem(page, headline(biggest));
    await results(page, `${n(biggest.new)} result${biggest.new === 1 ? '' : 's'} (${n(diff.after.failures)} total)`);

    // Closed, it is forgotten: after a reload there is no Compare tab.
    await h.clickItem(page, 'Compare');
    await h.clickItem(page, 'Close comparison');
    await h.waitForKeptComparison(page, null);
    await page.reload();
    await h.appReady(page);
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failure rate'));
    assert.ok(!(await h.snapshot(page)).items.some((i) => i.name === 'Compare'), 'no Compare tab');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
