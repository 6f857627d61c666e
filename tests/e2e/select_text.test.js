// Issue 17, item 7: part of a value or traceback can be selected with the mouse and copied.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

test('drag across part of a traceback and Ctrl+C copies just that part', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed?q=fail-zero' });
  const { page, context } = app;
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await page.setViewportSize({ width: 1280, height: 1100 });  // the whole task page, result included
    await h.waitForMirror(page, (m) => m.items.some((i) => i.role === 'row' && i.name === 'fail-zero'));
    const row = (await h.snapshot(page)).items.find((i) => i.role === 'row' && i.name === 'fail-zero');
    await h.afterInput(page, () => page.mouse.dblclick(row.rect[0] + Math.min(row.rect[2] / 2, 200), row.rect[1] + row.rect[3] / 2), 2);
    await h.waitForMirror(page, (m) => m.view === 'task' && m.items.some((i) => i.role === 'code' && i.name === 'result'));
    await page.waitForFunction(() => djq.settled());
    const result = (await h.snapshot(page)).items.find((i) => i.role === 'code' && i.name === 'result');
    const [x, y] = result.rect;
    // From just inside the block's first line, 150 px to the right.
    await h.afterInput(page, () => page.mouse.move(x + 8, y + 12));
    await h.afterInput(page, () => page.mouse.down(), 2);
    await h.afterInput(page, () => page.mouse.move(x + 158, y + 12, { steps: 5 }), 2);
    await h.afterInput(page, () => page.mouse.up(), 2);
    await h.screenshot(page, 'traceback-selection.png');
    await h.afterInput(page, () => page.keyboard.press('Control+C'), 2);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.length >= 10, `copied "${copied}"`);
    assert.ok(copied.length < result.value.length / 4, `copied only part: "${copied}"`);
    assert.ok(result.value.startsWith(copied), `"${copied}" is where the drag began`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
