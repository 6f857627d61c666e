// Static hosting for the web app on the loopback interface: the README's run command and the
// e2e tests both use it.   node web/serve.js DIR [--port N]   (port 0 = any free port)
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json', '.sqlite3': 'application/vnd.sqlite3', '.png': 'image/png', '.css': 'text/css',
  '.ttf': 'font/ttf',
};

// Serves `root`, and each of `mounts` ({'/fixtures/': dir, ...}) under its prefix.
// Resolves to {server, url}.
function serve(root, { port = 0, mounts = {} } = {}) {
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
    let base = root, relative = urlPath;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (urlPath.startsWith(prefix)) { base = dir; relative = urlPath.slice(prefix.length - 1); break; }
    }
    const file = path.join(base, path.normalize(relative === '/' ? '/index.html' : relative));
    if (!file.startsWith(path.resolve(base))) { response.writeHead(403).end('forbidden'); return; }
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) { response.writeHead(404).end('not found'); return; }
      // Validators, so the app's "Reload from server" can ask whether an export changed.
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const lastModified = stat.mtime.toUTCString();
      const headers = { ETag: etag, 'Last-Modified': lastModified, 'Cache-Control': 'no-cache' };
      const unchanged = request.headers['if-none-match'] ? request.headers['if-none-match'] === etag
        : request.headers['if-modified-since'] === lastModified;
      if (unchanged) { response.writeHead(304, headers).end(); return; }
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': stat.size });
      fs.createReadStream(file).pipe(response);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

module.exports = { serve };

if (require.main === module) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf('--port');
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 8765;
  const root = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') || 'build-web');
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html does not exist (build the web app first)`);
    process.exit(1);
  }
  serve(root, { port }).then(({ url }) => {
    console.log(`djq-admin is running at ${url}  (Ctrl+C stops it)`);
  }, (error) => {
    console.error(`serve: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  });
}
