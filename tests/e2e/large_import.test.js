// Issue 4, item 1: a large dumpdata JSON imports in steps: the page keeps drawing and shows progress.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const h = require('./lib/harness');

// A 30,000-task fixture made by the project's own CLI (built before the e2e tests run).
function makeLargeFixture() {
  const djq = h.djqPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-large-'));
  execFileSync(djq, ['demo', '-o', path.join(dir, 'large.sqlite3'), '--tasks', '30000', '--seed', '3']);
  execFileSync(djq, ['export', path.join(dir, 'large.sqlite3'), '--fixture', path.join(dir, 'large.json')]);
  return path.join(dir, 'large.json');
}

test('a large JSON fixture imports while the page keeps drawing, with progress shown', async () => {
  const fixture = makeLargeFixture();
  const app = await h.startApp();
  try {
    await h.chooseFile(app.page, fixture);
    // Progress is shown, and it moves frame after frame: the import never holds the page.
    await h.waitForMirror(app.page, (m) => m.items.some((i) => i.name === 'Importing large.json'));
    const seen = new Set();
    let frames = 0;
    while (true) {
      const state = await app.page.evaluate(() => {
        const item = djq.snapshot().items.find((i) => i.name === 'Importing large.json');
        return { progress: item ? item.value : null, frames: djq.framesDrawn() };
      });
      if (state.progress === null) break;
      seen.add(state.progress);
      frames = state.frames;
      await app.page.waitForFunction((n) => djq.framesDrawn() > n, frames);
    }
    assert.ok(seen.size >= 2, `progress moved while importing (saw ${[...seen].join(', ')})`);
    // The tasks are counted in steps after the open: their cards say "counting" until then.
    await h.waitForMirror(app.page, (m) => m.source === 'large.json' && m.items.some((i) => i.name === 'Failed tasks' && i.value !== 'counting'));
    const mirror = await h.snapshot(app.page);
    assert.equal(Number(h.valueOf(mirror, 'Successful tasks')) + Number(h.valueOf(mirror, 'Failed tasks')), 30000);
    assert.equal(h.valueOf(mirror, 'Queued tasks'), '25');
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
    fs.rmSync(path.dirname(fixture), { recursive: true, force: true });
  }
});
