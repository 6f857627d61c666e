// Issue 17, item 5: at 900×700 and 1280×720 every control on every page lies inside the window:
// toolbars wrap instead of running off the right edge, and cut cells and links end in an ellipsis.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const PAGES = { '#/': 'overview', '#/successful': 'successful', '#/failed': 'failed', '#/tasks': 'all-tasks', '#/task/0c9ba24957a14e92a158794041e2c589': 'task',
  '#/schedules': 'schedules', '#/schedule/3': 'schedule', '#/queued': 'queued', '#/queued/78': 'queued-task',
  '#/changes': 'changes' };
const CONTENT_ROLES = new Set(['row', 'text', 'heading', 'value', 'tooltip', 'progressbar']);

test('every control on every page lies inside the window at 900 and 1280 px', async () => {
  // Starts on the last page, so every step below changes the view (and the mirror shows the new one).
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/queued/78' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.view === 'queued-task' && m.items.some((i) => i.name === 'Id' && i.value === '78'));
    const outside = [];
    for (const [width, height] of [[900, 700], [1280, 720]]) {
      await page.setViewportSize({ width, height });
      await h.afterInput(page, () => page.mouse.move(width - 1, height - 1), 2);  // drawn at the new size
      for (const [fragment, view] of Object.entries(PAGES)) {
        await page.evaluate((f) => { location.hash = f; }, fragment);
        await h.waitForMirror(page, (m, v) => m.view === v, view);
        await page.waitForFunction(() => djq.settled());
        for (const item of (await h.snapshot(page)).items) {
          if (CONTENT_ROLES.has(item.role) || !item.rect) continue;
          const [x, y, w] = item.rect;
          if (x < 0 || x + w > width + 0.5 || y < 0) outside.push(`${width}px ${fragment}: ${item.role} "${item.name}" at x ${Math.round(x)}, width ${Math.round(w)}`);
        }
      }
      await h.screenshot(page, `layout-${width}.png`);
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
