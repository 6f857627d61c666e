// Issue 14: edits made in the page reach the real server as Django Q needs them, against a server
// that moved on meanwhile: the server's own queue entry took the id the working copy used, and the
// scheduler changed a schedule the user paused. Reload from server carries the edits over, Keep
// mine keeps the pause on that same row, and `djq apply` queues a resubmit the broker takes,
// leaves the server's entry alone, and repeats nothing when applied again.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const h = require('./lib/harness');

const KEY = 'fixture-secret-key-1-not-for-production';  // settings-djq2-latest.json
const CLUSTER = 'djqdemo';

const sql = (file, statement) => execFileSync('sqlite3', [file, statement], { encoding: 'utf8' }).trim();
const shown = (page, name) => h.waitForMirror(page, (m, n) => m.items.some((i) => i.name === n), name);
const startsWith = (page, prefix) => h.waitForMirror(page, (m, p) => m.items.some((i) => i.name.startsWith(p)), prefix);

function apply(changes, server) {
  return JSON.parse(execFileSync(h.djqPath(), ['apply', changes, '--db', server, '--secret-key-env', 'DJQ_E2E_KEY', '--cluster', CLUSTER, '--json'],
    { encoding: 'utf8', env: { ...process.env, DJQ_E2E_KEY: KEY } }));
}

test('a resubmit and a pause made in the page survive a server that moved on, and apply once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-sync-'));
  const server = path.join(dir, 'export.sqlite3');
  fs.copyFileSync(path.join(h.FIXTURES_DIR, 'djq2-latest.sqlite3'), server);
  const app = await h.startApp({ query: '?src=exports/export.sqlite3', mounts: { '/exports/': dir } });
  const { page } = app;
  try {
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
    const failed = sql(server, "SELECT id FROM django_q_task WHERE name = 'fail-zero'");

    // Resubmit without the key: the entry waits for the server's signature.
    await h.clickItem(page, 'Failed');
    await h.clickItem(page, 'Select fail-zero');
    await h.clickItem(page, 'Resubmit selected…');
    await shown(page, 'Resubmit 1 task?');
    await h.clickItem(page, 'Queue, signed on the server by djq apply (no key here)');
    await h.clickItem(page, 'Resubmit 1 task');
    await startsWith(page, 'Resubmitted 1 task: 1 queued');
    // Pause schedule 3.
    await h.clickItem(page, 'Scheduled');
    await h.clickItem(page, 'Type filter');
    await h.clickItem(page, 'All');
    await h.clickItem(page, 'every-15-min');
    await h.clickItem(page, 'Pause');
    await shown(page, 'Resume');

    // A file for the server leaves the waiting entry out, and says so.
    const copyFile = path.join(dir, 'working-copy.sqlite3');
    fs.writeFileSync(copyFile, (await h.downloadExport(page, 'Working copy (SQLite)')).bytes);
    assert.equal(sql(copyFile, "SELECT count(*) FROM django_q_ormq WHERE payload LIKE 'djq-unsigned:%'"), '0');
    assert.equal(sql(copyFile, 'SELECT count(*) FROM django_q_ormq'), '10');
    await startsWith(page, 'Exported export-working-copy.sqlite3');
    assert.match((await h.snapshot(page)).items.find((i) => i.name.startsWith('Exported ')).name,
      /Left out 1 queue entry waiting for the server's signature: the changeset carries them/);

    // The server moves on: its own async_task takes the next queue id, its scheduler runs schedule 3.
    const localId = Number(sql(server, 'SELECT max(id) + 1 FROM django_q_ormq'));
    sql(server, "INSERT INTO django_q_ormq (key, payload, lock) VALUES ('djqdemo', 'theirs', '2026-11-24 02:00:00')");
    assert.equal(Number(sql(server, "SELECT id FROM django_q_ormq WHERE payload = 'theirs'")), localId);
    sql(server, "UPDATE django_q_schedule SET next_run = '2026-11-24 02:15:00' WHERE id = 3");
    fs.utimesSync(server, new Date(), new Date(Date.now() + 5000));

    await h.clickItem(page, 'Reload from server');
    await shown(page, 'Carried your unsynced edits over: 2 re-applied, 0 already in this export, 1 in conflict.');
    await startsWith(page, 'Your pause_schedule (update django_q_schedule 3): repeats: yours 0, theirs 23. Keep mine sets these');
    await h.screenshot(page, 'sync-conflict.png');
    await h.clickItem(page, 'Keep mine');
    await h.waitForMirror(page, (m) => !m.items.some((i) => i.name === 'Keep mine'));

    const changes = path.join(dir, 'changes.json');
    fs.writeFileSync(changes, (await h.downloadExport(page, 'Changeset (JSON) for djq apply')).bytes);
    const report = apply(changes, server);
    assert.equal(report.committed, true);
    assert.equal(report.conflicts, 0);

    // On the server: the server's entry untouched, the resubmit signed under a new id and available
    // to the broker, the failure gone, and the pause on schedule 3 over the scheduler's change.
    assert.equal(sql(server, `SELECT payload FROM django_q_ormq WHERE id = ${localId}`), 'theirs');
    const entries = h.queueWithKey(server, KEY, CLUSTER).filter((e) => e.func === 'demoapp.tasks.fail');
    const resubmitted = entries.filter((e) => e.id > localId);
    assert.equal(resubmitted.length, 1, JSON.stringify(entries));
    assert.equal(resubmitted[0].signature, 'valid (SHA-256)');
    assert.equal(resubmitted[0].lock_state, 'available');
    assert.equal(sql(server, `SELECT count(*) FROM django_q_task WHERE id = '${failed}'`), '0');
    assert.equal(sql(server, 'SELECT repeats || \' \' || next_run FROM django_q_schedule WHERE id = 3'), '0 2026-11-24 02:15:00');

    // Applied again, after the broker took the entry: nothing is repeated.
    sql(server, `DELETE FROM django_q_ormq WHERE id = ${resubmitted[0].id}`);
    const again = apply(changes, server);
    assert.equal(again.applied, 0);
    assert.ok(again.already_applied >= 1);
    assert.equal(h.queueWithKey(server, KEY, CLUSTER).filter((e) => e.id > localId).length, 0);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
