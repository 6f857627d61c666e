// Issue 4, item 1 (URL part): ?src=URL loads an export from a server; "Reload from server" asks
// again with the validators the server gave (ETag / Last-Modified) and reopens only a changed one.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./lib/harness');

test('?src= opens the export at that URL instead of the demo', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3' });
  try {
    await h.waitForMirror(app.page, (m) => m.source.endsWith('/fixtures/djq2-latest.sqlite3'));
    const mirror = await h.snapshot(app.page);
    assert.equal(mirror.source, app.url + 'fixtures/djq2-latest.sqlite3');
    assert.equal(h.valueOf(mirror, 'Failed tasks'), '8');
    assert.equal(h.valueOf(mirror, 'Queued tasks'), '10');
    assert.ok(mirror.items.some((i) => i.name === 'Reload from server'));
    assert.equal(await app.page.isVisible('#loading'), false);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('Reload from server reopens a changed export and says so when it is unchanged', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-exports-'));
  const exportFile = path.join(dir, 'export.sqlite3');
  fs.copyFileSync(path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3'), exportFile);
  const app = await h.startApp({ query: '?src=exports/export.sqlite3', mounts: { '/exports/': dir } });
  try {
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    const statuses = [];
    app.page.on('response', (r) => { if (r.url().endsWith('/exports/export.sqlite3')) statuses.push(r.status()); });

    await h.clickItem(app.page, 'Reload from server');
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name.includes('has not changed')));
    assert.deepEqual(statuses, [304]);

    // The server's export changes (another database entirely): the reload shows it.
    fs.copyFileSync(path.join(h.FIXTURES_DIR, 'djq1-1.3.9.sqlite3'), exportFile);
    fs.utimesSync(exportFile, new Date(), new Date(Date.now() + 5000));
    await h.clickItem(app.page, 'Reload from server');
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '7'));
    assert.deepEqual(statuses, [304, 200]);
    const mirror = await h.snapshot(app.page);
    assert.equal(h.valueOf(mirror, 'Django Q version'), 'django-q 1.3');
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a URL that cannot be downloaded gets a message naming it', async () => {
  const app = await h.startApp({ query: '?src=fixtures/no-such-export.sqlite3' });
  try {
    await h.waitForMirror(app.page, (m) => m.error !== null);
    const mirror = await h.snapshot(app.page);
    assert.equal(mirror.error.code, 'open.fetch');
    assert.match(mirror.error.message, /cannot download http:\/\/127\.0\.0\.1:\d+\/fixtures\/no-such-export\.sqlite3: the server answered 404/);
    assert.equal(await app.page.isVisible('#loading'), false);
  } finally {
    await app.close();
  }
});
test('a URL that serves something else than a database says what it got', async () => {
  const app = await h.startApp({ query: '?src=fixtures/settings-djq2-latest.json' });
  try {
    await h.waitForMirror(app.page, (m) => m.error !== null);
    assert.equal((await h.snapshot(app.page)).error.code, 'dumpdata.not_a_list');
  } finally {
    await app.close();
  }
});
