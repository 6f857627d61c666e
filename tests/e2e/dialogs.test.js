// Issue 17, item 3: dialogs hide what is under them, over a dimmed page, with the destructive
// button unlike Cancel, and a deletion lists what it deletes.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

const { pixel } = h;
const near = (actual, expected) => actual.every((v, i) => Math.abs(v - expected[i]) <= 2);

test('the delete dialog is opaque over a dimmed page, lists the first tasks and has a red Delete', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed' });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '8 results (8 total)'));
    const undimmed = pixel(await h.screenshot(page, 'dialog-before.png'), 4, 700);
    await h.clickItem(page, 'Select all 8');
    await h.clickItem(page, 'Delete selected…');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'and 3 more'));
    const mirror = await h.snapshot(page);
    const file = await h.screenshot(page, 'dialog-delete.png');

    // Inside the dialog, left of its heading (its padding), over the table: the dialog's own colour.
    const heading = mirror.items.find((i) => i.name === 'Delete 8 failed tasks?');
    const [x, y, , height] = heading.rect;
    assert.ok(near(pixel(file, x - 7, y + height / 2), [38, 41, 51]), `the dialog shows its own colour, not the table (${pixel(file, x - 7, y + height / 2)})`);
    // Outside it the page is darker than before, not lighter.
    const dimmed = pixel(file, 4, 700);
    assert.ok(dimmed.every((v, i) => v < undimmed[i]), `the page behind is dimmed: ${undimmed} → ${dimmed}`);
    // Delete is red; Cancel is not.
    const [dx, dy, , dh] = mirror.items.find((i) => i.name === 'Delete 8 failed tasks').rect;
    const [cx, cy, , ch] = mirror.items.find((i) => i.name === 'Cancel').rect;
    const [r, g, b] = pixel(file, dx + 4, dy + dh / 2), cancel = pixel(file, cx + 4, cy + ch / 2);
    assert.ok(r > g + 60 && r > b + 60, `Delete is red (${[r, g, b]})`);
    assert.ok(!(cancel[0] > cancel[1] + 60), `Cancel is not (${cancel})`);
    assert.equal(mirror.items.filter((i) => / \((demoapp\.tasks\.\w+|math\.sqrt)\)$/.test(i.name)).length, 5);
    await h.clickItem(page, 'Cancel');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('ticking a row and a notice never move the rows, at 900 px too', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/failed' });
  const { page } = app;
  const rowTop = async (name) => (await h.snapshot(page)).items.find((i) => i.role === 'row' && i.name === name).rect[1];
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '8 results (8 total)'));
    await h.afterInput(page, () => page.mouse.move(1, 1), 2);
    const before = await rowTop('fail-key');
    await h.clickItem(page, 'Select fail-zero');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Selected' && i.value === '1'));
    assert.equal(await rowTop('fail-key'), before, 'ticking a row moves no row');

    await h.downloadExport(page, 'Changeset (JSON) for djq apply');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('Exported ')));
    assert.equal(await rowTop('fail-key'), before, 'the notice is a toast over the page');
    await h.screenshot(page, 'toast-900.png');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a cell cut by its column ends in an ellipsis and shows the whole value on hover', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3#/successful' });
  const { page } = app;
  try {
    await page.setViewportSize({ width: 900, height: 700 });
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '69 results (69 total)'));
    await page.waitForFunction(() => djq.settled());
    const mirror = await h.snapshot(page);
    // At 900 px the Name column keeps its minimum width (the table scrolls sideways), too narrow
    // for the longest names: hover the longest one's cell.
    const rows = mirror.items.filter((i) => i.role === 'row');
    const row = rows.reduce((a, b) => (b.name.length > a.name.length ? b : a));
    const name = mirror.items.find((i) => i.role === 'column' && i.name === 'Name');
    await h.afterInput(page, () => page.mouse.move(name.rect[0] + name.rect[2] / 2, row.rect[1] + row.rect[3] / 2), 2);
    await h.waitForMirror(page, (m, n) => m.items.some((i) => i.role === 'tooltip' && i.name === n), row.name);
    await h.screenshot(page, 'cell-tooltip-900.png');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
