// Issue 4, item 3: the working copy survives a closed browser (IndexedDB) and is offered back.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const OFFER = /^Your working copy of djq2-latest\.sqlite3 from .+ is saved in this browser\.$/;

async function reopen(profile, port) {
  const app = await h.startApp({ profile, port });
  await h.waitForMirror(app.page, (m) => m.source === 'demo database');
  return app;
}

// A browser on a kept profile, with djq2-latest opened through the file picker.
async function openInProfile(profile) {
  const app = await h.startApp({ profile });
  try {
    await h.chooseFile(app.page, path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3'));
    await h.waitForMirror(app.page, (m) => m.source === 'djq2-latest.sqlite3');
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

// The edit these tests make: delete the failed task fail-zero, and wait until the browser kept it.
async function deleteFailZero(page) {
  await h.clickItem(page, 'Failed');
  await h.clickItem(page, 'Select fail-zero');
  await h.clickItem(page, 'Delete selected…');
  await h.clickItem(page, 'Delete 1 failed task');
  await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results' && i.value === '7 results (7 total)'));
  await page.waitForFunction(() => djq.pendingSaves() === 0);
}

test('a working copy opened before the browser closed is offered and restored after', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-profile-'));
  let app = await openInProfile(profile);
  const port = app.port;
  try {
    await app.page.waitForFunction(() => djq.pendingSaves() === 0);
    await app.close();

    app = await reopen(profile, port);
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Restore it'));
    const offer = (await h.snapshot(app.page)).items.find((i) => i.name.startsWith('Your working copy'));
    assert.match(offer.name, OFFER);
    await h.clickItem(app.page, 'Restore it');
    await h.waitForMirror(app.page, (m) => m.source === 'djq2-latest.sqlite3');
    const mirror = await h.snapshot(app.page);
    assert.equal(h.valueOf(mirror, 'Failed tasks'), '8');
    assert.equal(h.valueOf(mirror, 'Scheduled tasks'), '20');
    assert.ok(!mirror.items.some((i) => i.name === 'Restore it'));
    await app.page.waitForFunction(() => djq.pendingSaves() === 0);
    await app.close();

    // Discarding forgets it: the next start offers nothing.
    app = await reopen(profile, port);
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Discard it'));
    await h.clickItem(app.page, 'Discard it');
    await h.waitForMirror(app.page, (m) => !m.items.some((i) => i.name === 'Discard it'));
    assert.equal(await h.keptCopy(app.page), null);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('an edit survives a closed browser: reopened, restored, still there and still undoable', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-profile-'));
  let app = await openInProfile(profile);
  const port = app.port;
  try {
    await deleteFailZero(app.page);
    await app.close();  // the whole browser, not just the tab

    app = await reopen(profile, port);
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Restore it'));
    const offer = (await h.snapshot(app.page)).items.find((i) => i.name.startsWith('Your working copy'));
    assert.match(offer.name, /with 1 unsynced edit\.$/);
    await h.clickItem(app.page, 'Restore it');
    await h.waitForMirror(app.page, (m) => m.source === 'djq2-latest.sqlite3');
    let mirror = await h.snapshot(app.page);
    assert.equal(h.valueOf(mirror, 'Failed tasks'), '7');
    assert.ok(mirror.items.some((i) => i.name === '1 unsynced edit'));
    await h.clickItem(app.page, 'Undo');
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

// Issue 14, item 8: F5 on a ?src= page must never drop unsynced edits. The fresh download waits
// until the user chooses: carried over (as a rebase does) or discarded, by name.
test('reloading a ?src= page with unsynced edits offers to carry them over to the fresh download', async () => {
  const app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3' });
  const { page } = app;
  const savedEdits = async () => { const kept = await h.keptCopy(page); return kept ? kept.meta.unsyncedEdits : null; };
  const offered = (m) => m.items.some((i) => i.name === 'Carry my edits over to the download');
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    await deleteFailZero(page);

    await page.reload();
    await h.appReady(page);
    await h.waitForMirror(page, offered);
    let mirror = await h.snapshot(page);
    assert.equal(mirror.source, '');  // the download waits for the answer
    const offer = mirror.items.find((i) => i.name.startsWith('Your working copy'));
    assert.match(offer.name, /with 1 unsynced edit\. The page downloaded http:\/\/.+\/fixtures\/djq2-latest\.sqlite3 again; it opens once you choose\.$/);
    assert.equal(await savedEdits(), 1);  // not overwritten by the download
    await h.screenshot(page, 'reload-offer.png');
    await h.clickItem(page, 'Carry my edits over to the download');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name.startsWith('Carried your unsynced edits over: 1 re-applied')));
    mirror = await h.snapshot(page);
    assert.ok(mirror.source.endsWith('/fixtures/djq2-latest.sqlite3'));
    assert.ok(mirror.items.some((i) => i.name === '1 unsynced edit'));
    await h.clickItem(page, 'Overview');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '7'));
    await page.waitForFunction(() => djq.pendingSaves() === 0);

    // Reloaded again, the edit is still offered; discarding it, by name, opens the download as it is.
    await page.reload();
    await h.appReady(page);
    await h.waitForMirror(page, offered);
    await h.clickItem(page, 'Discard my 1 unsynced edit');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    mirror = await h.snapshot(page);
    assert.ok(!mirror.items.some((i) => /unsynced edit/.test(i.name)));
    await page.waitForFunction(() => djq.pendingSaves() === 0);
    assert.equal(await savedEdits(), 0);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('a file opened while saved edits are on offer is refused, so the edits stay', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-profile-'));
  let app = await openInProfile(profile);
  const port = app.port;
  try {
    await deleteFailZero(app.page);
    await app.close();

    app = await reopen(profile, port);
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Restore it'));
    await h.chooseFile(app.page, path.join(h.FIXTURES_DIR, 'djq1-1.3.9.sqlite3'));
    await h.waitForMirror(app.page, (m) => m.error && /has unsynced edits: restore or discard it first/.test(m.error.message));
    await h.clickItem(app.page, 'Restore it');
    await h.waitForMirror(app.page, (m) => m.source === 'djq2-latest.sqlite3' && m.items.some((i) => i.name === '1 unsynced edit'));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

// Issue 18: each edit keeps only the chunks it changed, one IndexedDB transaction per save. A page
// killed in the middle of a storm of deletions keeps every edit the browser had confirmed, and what
// it kept is the copy after some edit, whole: the failed tasks and the journal agree.
test('a page killed in the middle of 70 quick edits keeps every edit the browser confirmed, and a whole copy', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-storm-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-profile-'));
  const file = path.join(dir, 'storm.sqlite3');
  execFileSync(h.djqPath(), ['demo', '-o', file, '--tasks', '4000']);
  let app = await h.startApp({ profile });
  const port = app.port;
  try {
    const { page } = app;
    await h.chooseFile(page, file);
    await h.waitForMirror(page, (m) => m.source === 'storm.sqlite3' && /^[0-9,]+$/.test((m.items.find((i) => i.name === 'Failed tasks') || {}).value || ''));
    const failedBefore = Number(h.valueOf(await h.snapshot(page), 'Failed tasks').replace(/,/g, ''));
    assert.ok(failedBefore > 100);
    await page.waitForFunction(() => djq.pendingSaves() === 0);
    await h.clickItem(page, 'Failed');
    // The first row's menu, Delete…, then the dialog's button, without waiting for the save.
    const deleteOne = async () => {
      await h.pressRow(page, null, 'right');
      await h.clickItem(page, 'Delete…');
      await h.clickItem(page, 'Delete 1 failed task');
    };
    for (let i = 0; i < 50; ++i) await deleteOne();
    await page.waitForFunction(() => djq.keptEdits() === 50);  // the saves keep up with the edits
    for (let i = 0; i < 20; ++i) await deleteOne();
    const keptAtKill = await page.evaluate(() => djq.keptEdits());
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    (await app.context.newCDPSession(page)).send('Page.crash').catch(() => {});
    await crashed;
    await app.close();

    app = await h.startApp({ profile, port });
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Restore it'));
    const offer = (await h.snapshot(app.page)).items.find((i) => i.name.startsWith('Your working copy'));
    const kept = Number(offer.name.match(/with (\d+) unsynced edits\.$/)[1]);
    assert.ok(kept >= keptAtKill && kept >= 50 && kept <= 70, `kept ${kept}, confirmed ${keptAtKill} before the kill`);
    await h.clickItem(app.page, 'Restore it');
    await h.waitForMirror(app.page, (m) => m.source === 'storm.sqlite3');
    const mirror = await h.snapshot(app.page);
    assert.equal(h.valueOf(mirror, 'Failed tasks'), String(failedBefore - kept));
    assert.ok(mirror.items.some((i) => i.name === `${kept} unsynced edits`));
    // Undo takes back the last of them, as in the page that was killed.
    await h.clickItem(app.page, 'Undo');
    await h.waitForMirror(app.page, (m, n) => m.items.some((i) => i.name === 'Failed tasks' && i.value === n), String(failedBefore - kept + 1));
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
