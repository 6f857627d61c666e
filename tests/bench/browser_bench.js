#!/usr/bin/env node
// Issue 18's rows in Chromium, on one export: open, memory, an edit, and the first value search.
//
//   node tests/bench/browser_bench.js --db FILE [--reps 5] [--keep 0] [--values 1]
//   node tests/bench/browser_bench.js --import FILE.json   (dumpdata JSON, e.g. djq export DB --fixture FILE.json)
//   node tests/bench/browser_bench.js --dashboard FILE      (issue 19: the overview's figures and health)
//   node tests/bench/browser_bench.js --dashboard FILE --compare OLDER   (and then Compare… with OLDER)
//   node tests/bench/browser_bench.js --dashboard FILE --trace 1         (and the main thread's CPU time)
//
// Serves build-web (build the web preset first) and FILE's folder, and opens FILE with ?src=:
// - open: from the page load until the Successful list shows its first page (and from the moment the
//   downloaded bytes are handed to the app: open_from_bytes_to_first_page_ms), and until the app has
//   settled (search index loaded) and the new export is kept whole in IndexedDB; from the bytes in
//   hand, the app's longest frame (djq.takeFrameTimes()) and every main-thread task over 50 ms (its
//   start and length: the app's frames, the glue's work, and Chromium's own, such as the compositor's
//   commit of a software-rendered canvas in headless mode); the wasm heap after it (its peak);
// - edit: deletes one failed task `reps` times (a row's menu, Delete…, the dialog's button), timed
//   from the button's release to the drawn "Deleted" notice (a frame or two at the browser's frame
//   rate, plus the work) and to the end of its save (djq.pendingSaves() back to 0), with the longest
//   frame meanwhile; --keep 0 drops what the page hands to IndexedDB (the changed chunks are still
//   copied out of wasm memory), to see what the store costs;
// - values (--values 1): ticks "in args, kwargs and result" with a word only values hold, and times
//   the first result on screen and the whole decode (tasks/s), with the longest frame meanwhile.
// - import (--import FILE.json instead of --db): from the first frame that shows "Importing" to the
//   last, the rows it held (tasks, schedules and queue entries) per second, and the longest frame.
// - dashboard (--dashboard FILE instead of --db): opens FILE on the overview and times, from the
//   bytes in hand, its figures (the chart, failure rate, funcs, failure groups) and its health panel
//   on screen, with the longest frame meanwhile. With --compare OLDER, then Compare… is handed OLDER
//   and the Compare page's new failures are timed from the file chosen, with the longest frame.
// Each "longest frame" has a "longest work" beside it: the longest task of work the app ran between
// frames (djq.takeWorkTimes()).
//   With --trace 1, dashboard_main_thread adds Chromium's trace of the same stretch: the longest
//   frame (the app's requestAnimationFrame callback) and work task, each by wall time and by the
//   main thread's CPU time (tests/bench/main_thread_trace.js). Tracing slows the page a little.
// Prints one JSON line. Figures, never pass/fail; the Chromium flags are the e2e tests'.
'use strict';
const path = require('path');
const h = require('../e2e/lib/harness');
const { startTrace } = require('./main_thread_trace');

function args() {
  const options = { reps: 5, keep: 1, values: 1, trace: 0 };
  const argv = process.argv.slice(2);
  for (let i = 0; i + 1 < argv.length; i += 2) options[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!options.db && !options.import && !options.dashboard) throw new Error('--db FILE, --import FILE.json or --dashboard FILE is required');
  for (const key of ['reps', 'keep', 'values', 'trace']) options[key] = Number(options[key]);
  return options;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const now = (page) => page.evaluate(() => performance.now());
const longestFrame = async (page) => Math.round(Math.max(0, ...(await page.evaluate(() => djq.takeFrameTimes()))));
// The longest task of work the app ran between frames (web/djq_glue.js), since the last call.
const longestWork = async (page) => Math.round(Math.max(0, ...(await page.evaluate(() => djq.takeWorkTimes()))));
const hasItem = (page, pattern) =>
  page.waitForFunction((source) => djq.snapshot().items.some((i) => new RegExp(source).test(i.name)), pattern.source, { timeout: 600000, polling: 'raf' });

// Presses and holds `name`, then releases it: resolves to the time of the release (ImGui acts on it).
async function release(page, name) {
  const [x, y, w, hgt] = (await h.snapshot(page)).items.find((i) => i.name === name).rect;
  await h.afterInput(page, () => page.mouse.move(x + w / 2, y + hgt / 2));
  await h.afterInput(page, () => page.mouse.down(), 2);
  const start = await page.evaluate(() => { djq.takeFrameTimes(); djq.takeWorkTimes(); return performance.now(); });
  await page.mouse.up();
  return start;
}

async function measureOpen(page) {
  // The longest frame counts from the bytes in hand, not the app's own start (fonts, the demo).
  await page.waitForFunction(() => performance.getEntriesByName('djq-open').length > 0, null, { timeout: 600000, polling: 'raf' });
  await page.evaluate(() => djq.takeFrameTimes());
  const firstRow = () => page.waitForFunction(() => {
    const m = window.djq && djq.snapshot();
    return m && m.view === 'successful' && m.items.some((i) => i.role === 'row');
  }, null, { timeout: 600000, polling: 'raf' });
  await firstRow();
  const first_page_ms = Math.round(await now(page));  // since navigation started (the download included)
  // Since the glue handed the downloaded bytes to the app (performance.mark 'djq-open').
  const opened_at = await page.evaluate(() => performance.getEntriesByName('djq-open')[0].startTime);
  const open_call = await page.evaluate(() => performance.getEntriesByName('djq-open-call')[0].duration);
  await page.waitForFunction(() => djq.settled() && djq.pendingSaves() === 0, null, { timeout: 600000, polling: 50 });
  // Every main-thread task over 50 ms since the bytes were in hand (the app's frames and the glue's work alike).
  const long_tasks = await page.evaluate((since) => new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      resolve(list.getEntries().filter((t) => t.startTime >= since).map((t) => [Math.round(t.startTime - since), Math.round(t.duration)]));
    }).observe({ type: 'longtask', buffered: true });
  }), opened_at);
  return {
    open_first_page_ms: first_page_ms, open_bytes_in_hand_ms: Math.round(opened_at),
    open_from_bytes_to_first_page_ms: Math.round(first_page_ms - opened_at), open_call_ms: Math.round(open_call), open_settled_and_kept_ms: Math.round(await now(page)),
    open_longest_frame_ms: await longestFrame(page), open_longest_work_ms: await longestWork(page), open_long_tasks_at_and_ms: long_tasks, wasm_heap_mb: Math.round(await page.evaluate(() => HEAPU8.length) / 1e6),
  };
}

async function measureEdits(page, options) {
  await h.clickItem(page, 'Failed');
  await h.waitForMirror(page, (m) => m.view === 'failed' && m.items.some((i) => i.role === 'row'));
  if (!options.keep) await page.evaluate(() => { djq.keepChunk = function () {}; });
  const responded = [], kept = [], longest = [];
  for (let rep = 0; rep < options.reps; ++rep) {
    await h.pressRow(page, null, 'right');
    await h.clickItem(page, 'Delete…');
    await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Delete 1 failed task'));
    const start = await release(page, 'Delete 1 failed task');
    await hasItem(page, /^Deleted 1 failed task/);
    responded.push((await now(page)) - start);
    await page.waitForFunction(() => djq.pendingSaves() === 0, null, { timeout: 600000, polling: 'raf' });
    kept.push((await now(page)) - start);
    longest.push(await longestFrame(page));
  }
  return { edit_responds_ms: Math.round(median(responded)), edit_kept_ms: Math.round(median(kept)), edit_longest_frame_ms: median(longest),
    all_responds_ms: responded.map(Math.round), all_kept_ms: kept.map(Math.round) };
}

async function measureValueSearch(page) {
  await h.clickItem(page, 'Successful');
  await h.clickItem(page, 'Search');
  await h.afterInput(page, () => page.keyboard.type('decimal'), 2);  // charges' and invoices' amounts: only their values hold it
  await h.waitForMirror(page, (m) => m.items.some((i) => i.name === 'Results'));
  const tasks = Number((await h.snapshot(page)).items.find((i) => i.name === 'Results').value.match(/\(([\d,]+) total\)/)[1].replace(/,/g, ''));
  const start = await release(page, 'in args, kwargs and result');
  await page.waitForFunction(() => djq.snapshot().items.some((i) => i.role === 'row'), null, { timeout: 600000, polling: 'raf' });
  const first = (await now(page)) - start;
  await page.waitForFunction(() => !djq.snapshot().items.some((i) => /^Searching values:/.test(i.name)) && djq.settled(), null,
    { timeout: 600000, polling: 100 });
  const all = (await now(page)) - start;
  const results = (await h.snapshot(page)).items.find((i) => i.name === 'Results').value;
  return { values_first_result_ms: Math.round(first), values_all_ms: Math.round(all), values_tasks_per_s: Math.round(tasks / (all / 1000)),
    values_longest_frame_ms: await longestFrame(page), values_longest_work_ms: await longestWork(page), values_results: results };
}

// Opens the dumpdata JSON and times its import in steps (the rows counted from the objects it holds).
async function measureImport(file) {
  const rows = JSON.parse(require('fs').readFileSync(file, 'utf8')).length;
  const app = await h.startApp({ query: `?src=bench/${path.basename(file)}#/successful`, mounts: { '/bench/': path.dirname(file) } });
  const { page } = app;
  try {
    await hasItem(page, /^Importing /);
    const start = await page.evaluate(() => { djq.takeFrameTimes(); djq.takeWorkTimes(); return performance.now(); });
    await page.waitForFunction(() => !djq.snapshot().items.some((i) => /^Importing /.test(i.name)), null, { timeout: 600000, polling: 'raf' });
    const ms = (await now(page)) - start;
    const error = (await h.snapshot(page)).error;
    return { import: path.basename(file), import_rows: rows, import_ms: Math.round(ms), import_rows_per_s: Math.round(rows / (ms / 1000)),
      import_longest_frame_ms: await longestFrame(page), import_longest_work_ms: await longestWork(page), error };
  } finally {
    await app.close();
  }
}

// Opens the export on the overview and times its figures and its health panel from the bytes in hand.
// Compare… handed `older`: from the file chosen to the Compare page's new failures on screen.
async function measureCompare(page, older) {
  await page.evaluate(() => { djq.takeFrameTimes(); djq.takeWorkTimes(); });
  const chooser = page.waitForEvent('filechooser');
  await h.clickItem(page, 'Compare…');
  const start = await now(page);
  await (await chooser).setFiles(older);
  await hasItem(page, /^New failures \(/);
  return { compare: path.basename(older), compare_ms: Math.round((await now(page)) - start),
    compare_longest_frame_ms: await longestFrame(page), compare_longest_work_ms: await longestWork(page) };
}

async function measureDashboard(file, older, tracing) {
  const app = await h.startApp({ query: `?src=bench/${path.basename(file)}`, mounts: { '/bench/': path.dirname(file) } });
  const { page } = app;
  try {
    await page.waitForFunction(() => performance.getEntriesByName('djq-open').length > 0, null, { timeout: 600000, polling: 'raf' });
    await page.evaluate(() => { djq.takeFrameTimes(); djq.takeWorkTimes(); });
    const trace = tracing ? await startTrace(page) : null;
    const opened_at = await page.evaluate(() => performance.getEntriesByName('djq-open')[0].startTime);
    await hasItem(page, /^Failure rate$/);
    const figures = (await now(page)) - opened_at;
    await hasItem(page, /^(Nothing needs attention|Needs attention)/);
    const health = (await now(page)) - opened_at;
    const mirror = await h.snapshot(page);
    const result = { dashboard: path.basename(file), dashboard_figures_ms: Math.round(figures), dashboard_health_ms: Math.round(health),
      dashboard_longest_frame_ms: await longestFrame(page), dashboard_longest_work_ms: await longestWork(page), failure_rate: h.valueOf(mirror, 'Failure rate') };
    if (trace) result.dashboard_main_thread = await trace.stop();
    if (older) Object.assign(result, await measureCompare(page, older));
    return result;
  } finally {
    await app.close();
  }
}

(async () => {
  const options = args();
  if (options.import) return console.log(JSON.stringify(await measureImport(path.resolve(options.import))));
  if (options.dashboard) {
    return console.log(JSON.stringify(await measureDashboard(path.resolve(options.dashboard), options.compare && path.resolve(options.compare), options.trace)));
  }
  const db = path.resolve(options.db);
  const app = await h.startApp({ query: `?src=bench/${path.basename(db)}#/successful`, mounts: { '/bench/': path.dirname(db) } });
  const { page } = app;
  page.on('crash', () => console.error('the page crashed'));
  page.on('console', (message) => { if (message.type() === 'error') console.error('page: ' + message.text()); });
  try {
    const result = { db: path.basename(db), mb: Math.round(require('fs').statSync(db).size / 1e6), reps: options.reps, keep: options.keep };
    Object.assign(result, await measureOpen(page));
    Object.assign(result, await measureEdits(page, options));
    if (options.values) Object.assign(result, await measureValueSearch(page));
    console.log(JSON.stringify(result));
  } finally {
    await app.close();
  }
})().catch((error) => { console.error(error); process.exit(1); });
