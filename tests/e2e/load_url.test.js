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

// Issue 15, item 11: a download that never ends can be cancelled (the export open stays), and an
// export inside a data: URL opens like any other.
test('a ?src= download that stalls can be cancelled, and a data: URL opens', async () => {
  const http = require('http');
  const stalled = http.createServer((request, response) => {
    response.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Length': '100000' });
    response.write('SQLite format 3\0');  // and nothing more, ever
  });
  await new Promise((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const stallUrl = `http://127.0.0.1:${stalled.address().port}/export.sqlite3`;
  let app = await h.startApp({ query: '?src=' + encodeURIComponent(stallUrl) });
  try {
    await app.page.waitForSelector('#loading-cancel', { state: 'visible' });
    // The server never sends more: after 15 s of silence the indicator says so (this waits for
    // the server's silence to last, not for a time to pass).
    await app.page.waitForFunction(() => /: nothing received for \d+ s \(the server may have stalled\)$/.test(document.querySelector('#loading-text').textContent),
      null, { timeout: 40000 });
    assert.match(await app.page.textContent('#loading-text'), /export\.sqlite3: nothing received for 1\d s/);
    await app.page.click('#loading-cancel');
    await h.waitForMirror(app.page, (m) => m.error !== null);
    assert.equal((await h.snapshot(app.page)).error.message, `cannot download ${stallUrl}: the download was cancelled`);
    assert.equal(await app.page.isVisible('#loading'), false);
  } finally {
    await app.close();
    stalled.closeAllConnections();
    stalled.close();
  }

  // Two failed tasks of the fixture: a link must stay under the server's header limit.
  const fixture = JSON.parse(fs.readFileSync(path.join(h.FIXTURES_DIR, 'djq2-latest.json'), 'utf8'));
  const two = fixture.filter((o) => o.model === 'django_q.task' && !o.fields.success).slice(0, 2);
  const json = Buffer.from(JSON.stringify(two)).toString('base64');
  app = await h.startApp({ query: '?src=' + encodeURIComponent('data:application/json;base64,' + json) });
  try {
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '2'));
    assert.equal((await h.snapshot(app.page)).source, 'data-url-export');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('an export behind a login (a staff-only Django view) opens with the session cookie, and is refused without', async () => {
  // The README's Django view, played by a server on another origin: the SQLite file for a request
  // carrying the staff session, 403 for anyone else; credentials allowed for the app's origin only.
  const http = require('http');
  let appOrigin = null;
  const exportServer = http.createServer((request, response) => {
    const headers = { 'Access-Control-Allow-Origin': appOrigin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin, Cookie' };
    if (!/(^|; )sessionid=staff-session(;|$)/.test(request.headers.cookie || '')) {
      response.writeHead(403, headers).end('staff only');
      return;
    }
    response.writeHead(200, { ...headers, 'Content-Type': 'application/vnd.sqlite3' });
    fs.createReadStream(path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3')).pipe(response);
  });
  await new Promise((resolve) => exportServer.listen(0, '127.0.0.1', resolve));
  const exportUrl = `http://127.0.0.1:${exportServer.address().port}/admin/django_q/export.sqlite3`;
  const app = await h.startApp();
  appOrigin = new URL(app.url).origin;
  try {
    await app.page.goto(app.url + '?src=' + encodeURIComponent(exportUrl));
    await h.appReady(app.page);
    await h.waitForMirror(app.page, (m) => m.error !== null);
    assert.equal((await h.snapshot(app.page)).error.message, `cannot download ${exportUrl}: the server answered 403 Forbidden`);

    await app.context.addCookies([{ name: 'sessionid', value: 'staff-session', domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    await app.page.reload();
    await h.appReady(app.page);
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    assert.equal((await h.snapshot(app.page)).source, exportUrl);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    exportServer.closeAllConnections();
    exportServer.close();
  }
});
