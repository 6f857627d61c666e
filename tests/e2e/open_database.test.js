// Issue 2: the first screen, opening a Django Q database by picker and by drag-and-drop, bad
// input, crisp rendering at 2x, and no redraw while idle.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const h = require('./lib/harness');

let app;
before(async () => { app = await h.startApp(); });
after(async () => { await app.close(); });

const COUNTS = {
  'djq2-latest.sqlite3': { variant: 'django-q2', successful: '69', failed: '8', schedules: '20', queued: '10' },
  'djq1-1.3.9.sqlite3': { variant: 'django-q 1.3', successful: '72', failed: '7', schedules: '18', queued: '10' },
};

function assertShowsCounts(mirror, file) {
  const expected = COUNTS[file];
  assert.equal(mirror.source, file);
  assert.equal(mirror.error, null);
  assert.equal(h.valueOf(mirror, 'Django Q version'), expected.variant);
  assert.equal(h.valueOf(mirror, 'Successful tasks'), expected.successful);
  assert.equal(h.valueOf(mirror, 'Failed tasks'), expected.failed);
  assert.equal(h.valueOf(mirror, 'Scheduled tasks'), expected.schedules);
  assert.equal(h.valueOf(mirror, 'Queued tasks'), expected.queued);
}

test('the first screen shows the built-in demo database with its counts', async () => {
  const mirror = await h.snapshot(app.page);
  assert.equal(mirror.view, 'overview');
  assert.equal(mirror.source, 'demo database');
  assert.equal(h.valueOf(mirror, 'Django Q version'), 'django-q2');
  assert.equal(Number(h.valueOf(mirror, 'Successful tasks')) + Number(h.valueOf(mirror, 'Failed tasks')), 2000);
  assert.equal(await app.page.isVisible('#loading'), false, 'the loading indicator is gone once the app draws');
});

test('Open… shows the browser file picker and the chosen database\'s four counts', async () => {
  await h.chooseFile(app.page, path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3'));
  await h.waitForMirror(app.page, (m) => m.source === 'djq2-latest.sqlite3');
  assertShowsCounts(await h.snapshot(app.page), 'djq2-latest.sqlite3');
  await h.screenshot(app.page, 'djq2-latest-overview.png');
});

test('a dumpdata JSON fixture opens through the picker too', async () => {
  await h.chooseFile(app.page, path.join(h.FIXTURES_DIR, 'djq1-1.3.9.json'));
  await h.waitForMirror(app.page, (m) => m.source === 'djq1-1.3.9.json');
  const mirror = await h.snapshot(app.page);
  assertShowsCounts({ ...mirror, source: 'djq1-1.3.9.sqlite3' }, 'djq1-1.3.9.sqlite3');
});

test('a broken JSON file is reported with its line and column', async () => {
  await h.chooseFile(app.page, { name: 'broken.json', mimeType: 'application/json',
    buffer: Buffer.from('[{"model": "django_q.task", "pk": "a",\n  "fields": {"name": }}]') });
  await h.waitForMirror(app.page, (m) => m.error !== null);
  const mirror = await h.snapshot(app.page);
  assert.equal(mirror.error.code, 'dumpdata.syntax');
  assert.match(mirror.error.message, /broken\.json: not valid JSON at line 2, column 22: syntax error .*\(byte 60\)/);
  assert.equal(mirror.source, 'djq1-1.3.9.json');
  await h.clickItem(app.page, 'Dismiss');
  await h.waitForMirror(app.page, (m) => m.error === null);
});

test('dropping a database file on the page opens it', async () => {
  await app.page.evaluate(async (url) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'djq1-1.3.9.sqlite3'));
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, app.url + 'fixtures/djq1-1.3.9.sqlite3');
  await h.waitForMirror(app.page, (m) => m.source === 'djq1-1.3.9.sqlite3');
  assertShowsCounts(await h.snapshot(app.page), 'djq1-1.3.9.sqlite3');
});

test('a file that is not a Django Q database gets a message and the open one stays', async () => {
  await h.chooseFile(app.page, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes\n') });
  await h.waitForMirror(app.page, (m) => m.error !== null);
  let mirror = await h.snapshot(app.page);
  assert.equal(mirror.error.code, 'open.not_sqlite');
  assert.match(mirror.error.message, /notes\.txt: not a SQLite database: the file starts with "just some notes\."/);
  assertShowsCounts({ ...mirror, error: null }, 'djq1-1.3.9.sqlite3');
  assert.match(await app.page.textContent('#djq-mirror [role=alert]'), /not a SQLite database/);
  await h.screenshot(app.page, 'open-error.png');

  await h.clickItem(app.page, 'Dismiss');
  await h.waitForMirror(app.page, (m) => m.error === null);
  mirror = await h.snapshot(app.page);
  assertShowsCounts(mirror, 'djq1-1.3.9.sqlite3');
});

test('the hidden DOM mirror exposes the screen to assistive technology', async () => {
  const text = await app.page.textContent('#djq-mirror');
  assert.match(text, /Failed tasks: 7/);
  assert.match(text, /Django Q version: django-q 1\.3/);
  const buttons = await app.page.$$eval('#djq-mirror button', (nodes) => nodes.map((n) => n.textContent));
  assert.deepEqual(buttons.slice(0, 2), ['Open…', 'Demo database']);
  // Its buttons work as a screen reader activates them: "Demo database" reopens the demo.
  await app.page.$eval('#djq-mirror button:text("Demo database")', (button) => button.click());
  await h.waitForMirror(app.page, (m) => m.source === 'demo database');
});

test('nothing is redrawn while the user is idle', async () => {
  // Wait until drawing has stopped (many animation frames with no app frame), then watch longer.
  const stillAfter = (animationFrames) => app.page.evaluate((n) => new Promise((resolve) => {
    const start = djq.framesDrawn();
    let left = n;
    const tick = () => (--left > 0 ? requestAnimationFrame(tick) : resolve(djq.framesDrawn() - start));
    requestAnimationFrame(tick);
  }), animationFrames);
  while ((await stillAfter(10)) !== 0) { /* still settling after the last input */ }
  assert.equal(await stillAfter(60), 0, 'no frame drawn over 60 animation frames without input');
  await h.afterInput(app.page, () => app.page.mouse.move(320, 310));  // input wakes it up
});

test('the canvas draws at the device pixel ratio (crisp text at 2x)', async () => {
  const hiDpi = await h.startApp({ deviceScaleFactor: 2 });
  try {
    const size = await hiDpi.page.evaluate(() => {
      const canvas = document.getElementById('canvas');
      return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth, cssHeight: canvas.clientHeight };
    });
    assert.equal(size.width, size.cssWidth * 2);
    assert.equal(size.height, size.cssHeight * 2);
    // Layout is in CSS pixels: the cards sit where they do at 1x.
    const mirror = await h.snapshot(hiDpi.page);
    const card = mirror.items.find((i) => i.name === 'Failed tasks');
    assert.ok(card.rect[0] + card.rect[2] <= size.cssWidth);
    await h.screenshot(hiDpi.page, 'demo-overview-2x.png');
    assert.deepEqual(hiDpi.errors, []);
  } finally {
    await hiDpi.close();
  }
});

test('no script errors on the page', () => {
  assert.deepEqual(app.errors, []);
});
