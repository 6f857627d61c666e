// Issue 17, item 7: a row's right-click menu (open, copy id or name, resubmit, delete), and
// Ctrl-click opening a task in a new tab through its deep link.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const shown = (page, name) => h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === n), name);

const { pressRow } = h;

test('right-click a row: copy its name, or delete that one task after the confirmation', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed' });
  const { page } = app;
  try {
    await shown(page, 'fail-zero');
    await pressRow(page, 'fail-zero', 'right');
    await shown(page, 'Copy name');
    await h.screenshot(page, 'row-menu.png');
    await h.clickItem(page, 'Copy name');
    await shown(page, 'Copied the name fail-zero to the clipboard.');

    await pressRow(page, 'fail-zero', 'right');
    await h.clickItem(page, 'Delete…');
    await shown(page, 'Delete 1 failed task?');
    await shown(page, 'fail-zero (demoapp.tasks.fail)');
    await h.clickItem(page, 'Cancel');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('Ctrl-click a row opens the task in a new tab through its link', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed' });
  const { page, context } = app;
  try {
    await shown(page, 'fail-zero');
    const opened = context.waitForEvent('page');
    await page.keyboard.down('Control');
    await pressRow(page, 'fail-zero', 'left');
    await page.keyboard.up('Control');
    const tab = await opened;
    await tab.waitForLoadState();
    assert.match(tab.url(), /\?src=fixtures\/djq2-latest\.sqlite3#\/task\/[0-9a-f]{32}$/);
    await h.appReady(tab);
    await h.waitForMirror(tab, (m) => m.view === 'task' && m.items.some((i) => i.name === 'Name' && i.value === 'fail-zero'));
    assert.equal((await h.snapshot(page)).view, 'failed', 'the list stays in its own tab');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
