// Drives the real web build (build-web/) in Debian's Chromium with playwright-core, and reads what
// the app shows through its documented test/assistive interface, window.djq (web/djq_glue.js).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');
const { serve } = require('../../../web/serve.js');

const ROOT = path.resolve(__dirname, '../../..');
const BUILD_DIR = process.env.DJQ_WEB_BUILD || path.join(ROOT, 'build-web');
const FIXTURES_DIR = path.join(ROOT, 'tests', 'data', 'fixtures');
const DIST_DIR = process.env.DJQ_DIST || path.join(ROOT, 'dist');
const ARTIFACTS_DIR = path.join(__dirname, '..', 'artifacts');

// The flags DESIGN.md §5 found to work headless on this kind of machine.
const CHROMIUM_ARGS = ['--disable-gpu', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

// Serves the build, opens a fresh browser profile and waits until the app has drawn its first frame.
// `mounts` adds folders to serve ({'/exports/': dir}); tests/data/fixtures is always at /fixtures/.
// `profile` reuses a browser profile folder (kept on close) to test what survives a closed browser.
// `root` serves another build of the page (dist/site).
async function startApp({ deviceScaleFactor = 1, query = '', mounts = {}, profile = null, port = 0, root = BUILD_DIR, colorScheme } = {}) {
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html missing: build the web preset first`);
  // IndexedDB belongs to an origin: a test that reopens a profile must reuse the port too.
  const { server, url } = await serve(root, { port, mounts: { '/fixtures/': FIXTURES_DIR, ...mounts } });
  const browser = await openBrowser({ deviceScaleFactor, profile, colorScheme });
  await browser.page.goto(url + query);
  await appReady(browser.page);
  return {
    ...browser, url, server, port: server.address().port,
    async close() {
      await browser.close();
      server.closeAllConnections();
      server.close();
    },
  };
}

// Chromium with a fresh profile (or `profile`, kept on close) and one page whose errors are collected.
// The system's colour scheme is dark unless `colorScheme` says otherwise (the app follows it).
async function openBrowser({ deviceScaleFactor = 1, profile = null, colorScheme = 'dark' } = {}) {
  const keepProfile = profile !== null;
  if (!keepProfile) profile = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 }, deviceScaleFactor, acceptDownloads: true, colorScheme,
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    page, errors, context,
    async close() {
      await context.close();
      if (!keepProfile) fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Resolves once the app has drawn and published its first mirror (after a load or a reload).
const appReady = (page) => page.waitForFunction(() => window.djq && djq.framesDrawn() > 0 && djq.snapshot() !== null);

const snapshot = (page) => page.evaluate(() => djq.snapshot());

// Waits until the mirror satisfies `predicate` (a function of the snapshot, run in the page).
function waitForMirror(page, predicate, arg, options = {}) {
  return page.waitForFunction(([source, value]) => new Function('m', 'arg', `return (${source})(m, arg);`)(djq.snapshot(), value),
    [predicate.toString(), arg], options);
}

function valueOf(mirror, name) {
  const item = mirror.items.find((i) => i.name === name && i.value !== undefined);
  return item ? item.value : undefined;
}

// Performs `input` and waits until the app has drawn `frames` frames since just before it and has
// settled: every queued event handled (typing queues more than ImGui takes per frame).
async function afterInput(page, input, frames = 1) {
  const start = await page.evaluate(() => djq.framesDrawn());
  await input();
  await page.waitForFunction(([from, n]) => djq.framesDrawn() >= from + n && djq.settled(), [start, frames]);
}

// Clicks the centre of the mirrored item named `name` on the canvas, holding the button across
// frames: ImGui ignores a press and release that land in the same frame. Waits for the item first:
// what a click changes can appear a frame after the click (a button the new selection enables).
async function clickItem(page, name) {
  const present = (m, n) => m.items.some((i) => i.name === n);
  await waitForMirror(page, present, name, { timeout: 10000 }).catch(() => {});  // the error below names what is there
  const mirror = await snapshot(page);
  const item = mirror.items.find((i) => i.name === name);
  if (!item) throw new Error(`no item named "${name}" on screen: ${mirror.items.map((i) => i.name).join(', ')}`);
  const [x, y, w, h] = item.rect;
  await afterInput(page, () => page.mouse.move(x + w / 2, y + h / 2));
  await afterInput(page, () => page.mouse.down(), 2);
  await afterInput(page, () => page.mouse.up());
}

// Clicks Open… (or `button`) and hands the browser's file picker `files` (a path, or {name, mimeType, buffer}).
async function chooseFile(page, files, button = 'Open…') {
  const chooser = page.waitForEvent('filechooser');
  await clickItem(page, button);
  await (await chooser).setFiles(files);
}

// Opens Export… and clicks `item`; resolves to the downloaded file's name and bytes.
async function downloadExport(page, item) {
  await clickItem(page, 'Export…');
  await waitForMirror(page, (m, name) => m.items.some((i) => i.name === name), item);
  const [file] = await Promise.all([page.waitForEvent('download'), clickItem(page, item)]);
  const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'djq-dl-')), file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
}

// The native djq the test run built (the sanitized debug build in CI, a release build by hand).
function djqPath() {
  const found = [path.join(ROOT, 'build-native-debug', 'djq'), path.join(ROOT, 'build-native', 'djq')].find(fs.existsSync);
  if (!found) throw new Error('no djq binary: build the native-debug or native-release preset first');
  return found;
}

// A copy of `fixture` as the server's database with the changeset `changes` (bytes) applied by
// `djq apply`; returns its path. The copy lives in a temporary folder removed when the process ends.
function applyOnServerCopy(fixture, changes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'djq-server-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const server = path.join(dir, 'server.sqlite3');
  fs.copyFileSync(fixture, server);
  fs.writeFileSync(path.join(dir, 'changes.json'), changes);
  execFileSync(djqPath(), ['apply', path.join(dir, 'changes.json'), '--db', server]);
  return server;
}

// `djq queue SERVER --json` with the server's SECRET_KEY in the environment: signatures checked,
// lock states as the server's broker sees them now (--now wall, not as of the newest task).
function queueWithKey(server, key, cluster) {
  return JSON.parse(execFileSync(djqPath(), ['queue', server, '--secret-key-env', 'DJQ_E2E_KEY', '--cluster', cluster, '--now', 'wall', '--json'],
    { encoding: 'utf8', env: { ...process.env, DJQ_E2E_KEY: key } }));
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, name);
  await page.screenshot({ path: file });
  return file;
}

// Presses mouse `button` ('left', 'right', 'middle') on the row named `name` (the first row when
// null), holding it across frames as ImGui needs.
async function pressRow(page, name, button) {
  const isRow = (i, n) => i.role === 'row' && (n === null || i.name === n);
  // The row itself, not only its name elsewhere (the predicate runs in the page: it cannot call isRow).
  await waitForMirror(page, (m, n) => m.items.some((i) => i.role === 'row' && (n === null || i.name === n)), name);
  const row = (await snapshot(page)).items.find((i) => isRow(i, name));
  const [x, y, w, hgt] = row.rect;
  await afterInput(page, () => page.mouse.move(x + Math.min(w / 2, 200), y + hgt / 2));
  await afterInput(page, () => page.mouse.down({ button }), 2);
  await afterInput(page, () => page.mouse.up({ button }));
}

// The colour of one pixel of a screenshot file, by ImageMagick: [r, g, b].
function pixel(file, x, y) {
  const text = execFileSync('convert', [file, '-crop', `1x1+${Math.round(x)}+${Math.round(y)}`, '-depth', '8', 'txt:-'], { encoding: 'utf8' });
  return /\((\d+),(\d+),(\d+)/.exec(text).slice(1, 4).map(Number);
}

// The working copy this browser keeps (web/djq_glue.js: IndexedDB 'meta' and 'chunks'), read as a
// later visit would: { meta, bytes } with the chunks put together, or null when nothing is kept.
async function keptCopy(page) {
  const kept = await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('djq-admin');  // whichever version the page made
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const transaction = request.result.transaction(['meta', 'chunks']);
      const found = { meta: null, chunks: [] };
      transaction.objectStore('meta').get('current').onsuccess = (e) => { found.meta = e.target.result || null; };
      transaction.objectStore('chunks').openCursor().onsuccess = (e) => {
        const cursor = e.target.result;
        if (!cursor) return;
        found.chunks.push([cursor.key, Array.from(cursor.value)]);
        cursor.continue();
      };
      transaction.oncomplete = () => { request.result.close(); resolve(found); };
    };
  }));
  if (!kept.meta) return null;
  const bytes = Buffer.alloc(kept.meta.size);
  for (const [index, chunk] of kept.chunks) Buffer.from(chunk).copy(bytes, index * kept.meta.chunkSize, 0, Math.min(chunk.length, kept.meta.size - index * kept.meta.chunkSize));
  return { meta: kept.meta, bytes, chunks: kept.chunks.length };
}

// The name of the older export the page keeps for Compare (web/djq_glue.js), or null.
function keptComparison(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.open('djq-admin');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('comparison')) { db.close(); resolve(null); return; }
      const get = db.transaction('comparison').objectStore('comparison').get('older');
      get.onsuccess = () => { db.close(); resolve(get.result ? get.result.name : null); };
    };
  }));
}

// Resolves once the kept older export is `name` (null: none is kept); IndexedDB writes finish on their own time.
async function waitForKeptComparison(page, name) {
  while ((await keptComparison(page)) !== name) await new Promise((resolve) => setTimeout(resolve, 50));
}

module.exports = {
  keptCopy, keptComparison, waitForKeptComparison, startApp, openBrowser, appReady, snapshot, chooseFile, waitForMirror, valueOf, clickItem, afterInput, screenshot, downloadExport, djqPath,
  applyOnServerCopy, queueWithKey, pixel, pressRow, FIXTURES_DIR, DIST_DIR, ROOT,
};
