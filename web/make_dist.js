// Makes the release files from a web build (cmake --build --preset web --target dist runs it):
//   node web/make_dist.js BUILD_DIR OUT_DIR VERSION
//   OUT_DIR/djq-admin.html  one self-contained page: script and wasm (with its fonts) inside, nothing
//                           fetched, so it works opened from disk with the network off
//   OUT_DIR/site/           index.html, index.js, index.wasm and a service worker (sw.js) for any
//                           static host, each also precompressed as .gz and .br
// The version shown to users is VERSION plus a digest of the build, so every rebuild is a new version.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SCRIPT_TAG = /<script async type="text\/javascript" src="index\.js"><\/script>/;

function main([buildDir, outDir, baseVersion]) {
  if (!buildDir || !outDir || !baseVersion) throw new Error('usage: node web/make_dist.js BUILD_DIR OUT_DIR VERSION');
  const read = (name) => fs.readFileSync(path.join(buildDir, name));
  const html = read('index.html').toString('utf8'), script = read('index.js'), wasm = read('index.wasm');
  if (!SCRIPT_TAG.test(html)) throw new Error(`${buildDir}/index.html does not load index.js as expected`);
  const digest = crypto.createHash('sha256').update(script).update(wasm).digest('hex').slice(0, 10);
  const version = `${baseVersion}+${digest}`;
  const build = (fields) => `<script>var djqBuild = ${JSON.stringify({ version, ...fields })};</script>\n`;
  fs.mkdirSync(outDir, { recursive: true });

  // One file: the script inline (a "</script>" inside it would end the element early) and the wasm
  // as base64, decoded by the page (shell/index.html) instead of fetched.
  const inlineScript = script.toString('utf8').replace(/<\/script/gi, '<\\/script');
  const single = html.replace(SCRIPT_TAG, () => build({}) +
    `<script>var djqEmbeddedWasm = "${wasm.toString('base64')}";</script>\n<script>${inlineScript}</script>`);
  const singlePath = path.join(outDir, 'djq-admin.html');
  fs.writeFileSync(singlePath, single);

  // The static site: the same page loading its files, plus the service worker that keeps them.
  const site = path.join(outDir, 'site');
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site);
  const appFiles = ['index.html', 'index.js', 'index.wasm'];
  // The fallback fonts (CJK, emoji): fetched only when text needs them, then kept by the worker.
  const fontFiles = ['fonts/cjk.ttf', 'fonts/symbols.ttf'];
  const worker = fs.readFileSync(path.join(__dirname, 'sw.js'), 'utf8')
    .replace('%VERSION%', () => version).replace('%APP_FILES%', () => JSON.stringify(appFiles))
    .replace('%LAZY_FILES%', () => JSON.stringify(fontFiles));
  const files = {
    'index.html': html.replace(SCRIPT_TAG, (tag) => build({ serviceWorker: 'sw.js' }) + tag),
    'index.js': script, 'index.wasm': wasm, 'sw.js': worker,
  };
  for (const name of fontFiles) files[name] = read(name);
  fs.mkdirSync(path.join(site, 'fonts'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(site, name);
    fs.writeFileSync(file, content);
    fs.writeFileSync(file + '.gz', zlib.gzipSync(content, { level: 9 }));
    fs.writeFileSync(file + '.br', zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }

  const kb = (bytes) => `${Math.round(bytes / 1024).toLocaleString('en')} KB`;
  const singleBytes = fs.statSync(singlePath).size;
  console.log(`djq-admin ${version}`);
  console.log(`${singlePath}: ${kb(singleBytes)} (${kb(zlib.gzipSync(fs.readFileSync(singlePath), { level: 9 }).length)} gzipped)`);
  const wire = appFiles.reduce((sum, name) => sum + fs.statSync(path.join(site, name + '.br')).size, 0);
  console.log(`${site}/: ${appFiles.join(', ')}, sw.js, each with .gz and .br (${kb(wire)} over the wire with brotli)`);
  const fonts = fontFiles.reduce((sum, name) => sum + fs.statSync(path.join(site, name + '.br')).size, 0);
  console.log(`${site}/fonts/: the fallback fonts, fetched once text needs them (${kb(fonts)} with brotli)`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`make_dist: ${error.message}`);
  process.exit(1);
}
