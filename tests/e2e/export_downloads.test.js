// Issue 4, item 4: the Export menu hands the user real browser downloads.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const h = require('./lib/harness');

let app;
before(async () => {
  app = await h.startApp({ query: '?src=fixtures/djq2-latest.sqlite3' });
  await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Failed tasks' && i.value === '8'));
});
after(async () => { await app.close(); });

const download = (item) => h.downloadExport(app.page, item);

test('the working copy downloads as a SQLite database', async () => {
  const file = await download('Working copy (SQLite)');
  assert.equal(file.name, 'djq2-latest-working-copy.sqlite3');
  assert.equal(file.bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
  await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name.startsWith('Exported djq2-latest-working-copy.sqlite3')));
});

test('the changeset downloads as versioned JSON', async () => {
  const file = await download('Changeset (JSON) for djq apply');
  assert.equal(file.name, 'djq2-latest-changes.json');
  const changeset = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(changeset.format, 'djq-changeset');
  assert.equal(changeset.version, 2);
  assert.equal(changeset.source.variant, 'q2');
  assert.deepEqual(changeset.changes, []);
});

test('the loaddata fixture holds every Django Q row', async () => {
  const file = await download('Fixture for loaddata (JSON)');
  assert.equal(file.name, 'djq2-latest-fixture.json');
  const fixture = JSON.parse(file.bytes.toString('utf8'));
  const counts = {};
  for (const object of fixture) counts[object.model] = (counts[object.model] || 0) + 1;
  assert.deepEqual(counts, { 'django_q.task': 77, 'django_q.schedule': 20, 'django_q.ormq': 10 });
  assert.deepEqual(app.errors, []);
});
