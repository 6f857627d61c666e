// Issue 17, item 2: one zone picker (searchable over the IANA names) and one clock for every page,
// as of the export by default, both remembered.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

test('pick a zone by searching for it: every time column and the overview follow; the clock reads the export', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.role === 'column' && i.name === 'Stopped (UTC)'));
    // The export's clock is its newest task, known once the tasks are counted (in steps after the open).
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Clock' && i.value !== 'As of export (counting tasks…)'));
    assert.equal(h.valueOf(await h.snapshot(page), 'Clock'), 'As of export: 2026-11-24 01:35 UTC');
    await h.clickItem(page, 'Times in');
    await h.clickItem(page, 'Find a zone');
    await h.afterInput(page, () => page.keyboard.type('kolk'), 2);
    await h.clickItem(page, 'Asia/Kolkata');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.role === 'column' && i.name === 'Stopped (Kolkata)'));
    const row = (await h.snapshot(page)).items.find((i) => i.role === 'row' && i.name === 'fail-zero');
    assert.match(row.value, /\| 2026-11-24 07:04:35 \|/);  // 01:34:35 UTC + 5:30
    await h.screenshot(page, 'zone-kolkata.png');

    // "Today" is the export's day in Kolkata: every failure; with the wall clock, none.
    await page.evaluate(() => { location.hash = '#/failed?stopped=today'; });
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '8 results (8 total)'));
    await h.clickItem(page, 'Clock');
    await h.clickItem(page, 'Now');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Clock' && i.value === 'Now'));
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '0 results (8 total)'));

    // Both choices outlive a reload.
    await page.reload();
    await h.appReady(page);
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Times in' && i.value === 'Asia/Kolkata') &&
      m.items.some((i) => i.name === 'Clock' && i.value === 'Now'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
