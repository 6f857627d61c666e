#!/usr/bin/env node
// Issue 18's first row, in Chromium: how long one edit (delete one failed task) takes until the page
// responds, and until the working copy is kept in the browser (IndexedDB), on a given export.
//
//   node tests/bench/browser_edit_bench.js --db FILE [--reps 5] [--keep 0]
//
// Serves build-web (build the web preset first) and FILE's folder, opens FILE with ?src=, waits
// until the app has settled (the search index loaded) and the new export is kept whole, then deletes one failed task `reps` times
// (a row's right-click menu, Delete…, then the dialog's button) and times each from the button's
// release to the drawn "Deleted" notice (a frame or two at the browser's frame rate, plus the work),
// and to the end of the save (djq.pendingSaves() back to 0), with the longest frame's work meanwhile
// (djq.takeFrameTimes()). Prints one JSON line. A figure, never
// a pass/fail; the Chromium flags are the e2e tests'. --keep 0 drops what the page hands to
// IndexedDB (the wasm still copies the changed chunks out), to see what the store costs.
'use strict';
const path = require('path');
const h = require('../e2e/lib/harness');

function args() {
  const options = { reps: 5, keep: 1 };
  const argv = process.argv.slice(2);
  for (let i = 0; i + 1 < argv.length; i += 2) options[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!options.db) throw new Error('--db FILE is required');
  options.reps = Number(options.reps);
  options.keep = Number(options.keep);
  return options;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

(async () => {
  const options = args();
  const db = path.resolve(options.db);
  const app = await h.startApp({ query: `?src=bench/${path.basename(db)}#/failed`, mounts: { '/bench/': path.dirname(db) } });
  const { page } = app;
  page.on('crash', () => console.error('the page crashed'));
  page.on('console', (message) => { if (message.type() === 'error') console.error('page: ' + message.text()); });
  try {
    const opened = Date.now();
    await h.waitForMirror(page, (m) => m.view === 'failed' && m.items.some((i) => i.role === 'row'));
    await page.waitForFunction(() => djq.settled(), null, { timeout: 600000 });
    const ready_ms = Date.now() - opened;
    await page.waitForFunction(() => djq.pendingSaves() === 0, null, { timeout: 600000, polling: 20 });
    const base_kept_ms = Date.now() - opened;  // the new export kept whole, once
    const wasm_heap_mb = Math.round(await page.evaluate(() => HEAPU8.length) / 1e6);  // wasm memory never shrinks: its peak
    if (!options.keep) await page.evaluate(() => { djq.keepEnd = function () {}; });  // the chunks are still copied out
    const responded = [], kept = [], longest = [];
    for (let rep = 0; rep < options.reps; ++rep) {
      // Right-click the first row, Delete… in its menu, then the dialog's button (as row_menu.test.js).
      await h.pressRow(page, null, 'right');
      await h.clickItem(page, 'Delete…');
      await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Delete 1 failed task'));
      // The button is pressed and held (ImGui acts on the release); the clock starts at the release.
      const [x, y, w, hgt] = (await h.snapshot(page)).items.find((i) => i.name === 'Delete 1 failed task').rect;
      await h.afterInput(page, () => page.mouse.move(x + w / 2, y + hgt / 2));
      await h.afterInput(page, () => page.mouse.down(), 2);
      const start = await page.evaluate(() => { djq.takeFrameTimes(); return performance.now(); });
      await page.mouse.up();
      await page.waitForFunction(() => djq.snapshot().items.some((i) => /^Deleted 1 failed task/.test(i.name)), null, { timeout: 600000, polling: 'raf' });
      responded.push((await page.evaluate(() => performance.now())) - start);
      await page.waitForFunction(() => djq.pendingSaves() === 0, null, { timeout: 600000, polling: 'raf' });
      kept.push((await page.evaluate(() => performance.now())) - start);
      longest.push(Math.max(...(await page.evaluate(() => djq.takeFrameTimes()))));
    }
    console.log(JSON.stringify({ db: path.basename(db), reps: options.reps, keep: options.keep, ready_ms, base_kept_ms, wasm_heap_mb, edit_responds_ms: Math.round(median(responded)),
      edit_kept_ms: Math.round(median(kept)),
      edit_longest_frame_ms: Math.round(median(longest)), all_responds_ms: responded.map(Math.round), all_kept_ms: kept.map(Math.round) }));
  } finally {
    await app.close();
  }
})().catch((error) => { console.error(error); process.exit(1); });
