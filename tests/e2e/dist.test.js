// Issue 16: the release files (scripts/dist.sh). dist/djq-admin.html opened from disk with the
// network off, and dist/site/ working with its server gone after the first visit, announcing a new
// version when one is installed.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const FIXTURE = path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3');
const SINGLE_FILE = path.join(h.DIST_DIR, 'djq-admin.html');
const SITE = path.join(h.DIST_DIR, 'site');
const hasItem = (page, name) => h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === n), name);
const failedCount = (page, count) => h.waitForMirror(page, (m, c) => m.items.some((i) => i.name === 'Failed tasks' && i.value === c), count);

// The edit both tests make: delete failed task fail-zero from the Failed list.
async function deleteFailZero(page) {
  await h.clickItem(page, 'Failed tasks');
  await h.clickItem(page, 'Select fail-zero');
  await h.clickItem(page, 'Delete selected…');
  await h.clickItem(page, 'Delete 1 failed task');
  await hasItem(page, '1 unsynced edit');
  await h.clickItem(page, 'Overview');
}

test('the single file works from disk with the network off: open, browse, edit, export the changeset', async () => {
  assert.ok(fs.existsSync(SINGLE_FILE), `${SINGLE_FILE} missing: cmake --build --preset web --target dist`);
  const browser = await h.openBrowser();
  const { page, context } = browser;
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  try {
    await context.setOffline(true);
    await page.goto('file://' + SINGLE_FILE);
    await h.appReady(page);
    assert.equal((await h.snapshot(page)).source, 'demo database');

    await h.chooseFile(page, FIXTURE);
    await h.waitForMirror(page, (m) => m.source === 'djq2-latest.sqlite3');
    await failedCount(page, '8');
    await deleteFailZero(page);
    await failedCount(page, '7');
    await h.screenshot(page, 'single-file.png');

    // The working copy is kept across reopening the file (Chromium stores for file:// pages).
    await page.reload();
    await h.appReady(page);
    await hasItem(page, 'Restore it');
    await h.clickItem(page, 'Restore it');
    await failedCount(page, '7');
    await hasItem(page, '1 unsynced edit');

    const changes = await h.downloadExport(page, 'Changeset (JSON) for djq apply');
    const server = h.applyOnServerCopy(FIXTURE, changes.bytes);
    const failed = JSON.parse(execFileSync(h.djqPath(), ['tasks', server, '--failed', '--json'], { encoding: 'utf8' }));
    assert.ok(!failed.tasks.some((t) => t.name === 'fail-zero'), 'the server no longer has the deleted failure');

    const elsewhere = requests.filter((url) => !/^(file|blob):/.test(url));
    assert.deepEqual(elsewhere, [], 'nothing is fetched but the file itself and the download');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('where the browser keeps nothing for a page from disk, the app says so and closing asks first', async () => {
  const browser = await h.openBrowser();
  const { page } = browser;
  try {
    await page.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
    await page.goto('file://' + SINGLE_FILE);
    await h.appReady(page);
    await h.chooseFile(page, FIXTURE);
    await failedCount(page, '8');
    await deleteFailZero(page);
    await hasItem(page, 'Not kept in this browser: it keeps no storage for a page opened from disk. '
      + 'Export the changeset before you close the page.');
    await h.screenshot(page, 'single-file-no-storage.png');
    const dialog = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.type()); d.dismiss(); }));
    await page.close({ runBeforeUnload: true });
    assert.equal(await dialog, 'beforeunload');
    assert.deepEqual(browser.errors, []);
  } finally {
    await browser.close();
  }
});

test('the static site works with its server gone after the first visit, the working copy restored', async () => {
  assert.ok(fs.existsSync(path.join(SITE, 'sw.js')), `${SITE}/sw.js missing: cmake --build --preset web --target dist`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-site-'));
  let app = await h.startApp({ root: SITE, profile });
  const { port } = app;
  try {
    await app.page.evaluate(() => navigator.serviceWorker.ready);
    await h.chooseFile(app.page, FIXTURE);
    await failedCount(app.page, '8');
    await deleteFailZero(app.page);
    await app.page.waitForFunction(() => djq.pendingSaves() === 0);

    // The server goes away: a reload still starts the app, from the service worker's copy.
    app.server.closeAllConnections();
    app.server.close();
    await app.context.setOffline(true);
    await app.page.reload();
    await h.appReady(app.page);
    await h.clickItem(app.page, 'Restore it');
    await failedCount(app.page, '7');
    await hasItem(app.page, '1 unsynced edit');
    await h.screenshot(app.page, 'site-offline.png');
    assert.deepEqual(app.errors, []);
    await app.close();

    // A new version on the server: the visit that finds it says it runs next time; the next visit
    // runs it and says it was updated.
    const newer = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-site-newer-'));
    execFileSync('node', [path.join(h.ROOT, 'web', 'make_dist.js'), path.join(h.ROOT, 'build-web'), newer, '0.1.1']);
    app = await h.startApp({ root: path.join(newer, 'site'), profile, port });
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name.startsWith('A new version of djq-admin is installed')));
    await app.page.reload();
    await h.appReady(app.page);
    await h.waitForMirror(app.page, (m) => m.items.some((i) => /^djq-admin was updated since your last visit: this is version 0\.1\.1\+/.test(i.name)));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
