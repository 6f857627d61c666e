// Issue 17, item 9: Latin, Greek, Cyrillic, CJK and emoji render (the fallback fonts arrive once
// text needs them), and hover and copy give the text exactly as stored.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const h = require('./lib/harness');

const NAME = 'Grüße, 世界 — ✓ 😀 Ελλάδα Москва';

test('a CJK and emoji task name renders from the fallback fonts and copies intact', async () => {
  // The fixture with one failure renamed, served beside it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-glyphs-'));
  const db = path.join(dir, 'names.sqlite3');
  fs.copyFileSync(path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3'), db);
  execFileSync('sqlite3', [db, `UPDATE django_q_task SET name = '${NAME}' WHERE name = 'fail-zero'`]);
  const app = await h.startApp({ query: '?src=names/names.sqlite3#/failed?q=%E4%B8%96%E7%95%8C', mounts: { '/names/': dir } });
  const { page, context } = app;
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    // Drawn with boxes first, then again once the fonts it asked for have arrived: none missing.
    await h.waitForMirror(page, (m, n) => m.items.some((i) => i.role === 'row' && i.name === n) && m.missing_glyphs === '', NAME);
    await page.waitForFunction(() => djq.settled());
    const row = (await h.snapshot(page)).items.find((i) => i.role === 'row' && i.name === NAME);
    const column = (await h.snapshot(page)).items.find((i) => i.role === 'column' && i.name === 'Name');
    const [, y, , hgt] = row.rect;
    // The cell is cut: hover shows the whole name, every glyph drawn.
    await h.afterInput(page, () => page.mouse.move(column.rect[0] + 20, y + hgt / 2), 2);
    await h.waitForMirror(page, (m, n) => m.items.some((i) => i.role === 'tooltip' && i.name === n) && m.missing_glyphs === '', NAME);
    await page.waitForFunction(() => djq.settled());
    await h.screenshot(page, 'glyphs-cjk-emoji.png');

    await h.pressRow(page, NAME, 'right');
    await h.clickItem(page, 'Copy name');
    await h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === `Copied the name ${n} to the clipboard.`), NAME);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), NAME);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
