// Issue 17, item 13: a light and a dark theme; the app follows the system's colour scheme until
// the user picks one, and the pick outlives a reload.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./lib/harness');

const brightness = ([r, g, b]) => (r + g + b) / 3;

test('the light system scheme gives the light theme; Dark picked in the top bar stays after a reload', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-theme-'));
  let app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed', colorScheme: 'light', profile });
  const port = app.port;  // the layout is kept per origin: the second visit comes back to it
  try {
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Theme' && i.value === 'System'));
    await app.page.waitForFunction(() => djq.settled());
    assert.ok(brightness(h.pixel(await h.screenshot(app.page, 'theme-light.png'), 640, 700)) > 200, 'a light page');

    await h.clickItem(app.page, 'Theme');
    await h.clickItem(app.page, 'Dark');
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Theme' && i.value === 'Dark'));
    await app.page.waitForFunction(() => djq.settled());
    assert.ok(brightness(h.pixel(await h.screenshot(app.page, 'theme-dark.png'), 640, 700)) < 60, 'a dark page');
    assert.deepEqual(app.errors, []);
    await app.close();

    app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed', colorScheme: 'light', profile, port });
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Theme' && i.value === 'Dark'));
    await app.page.waitForFunction(() => djq.settled());
    assert.ok(brightness(h.pixel(await h.screenshot(app.page, 'theme-dark-again.png'), 640, 700)) < 60, 'still dark');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
