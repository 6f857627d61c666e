// The service worker of the static site (dist/site, made by web/make_dist.js, which fills in the
// version and the file lists). It keeps this version's app files so the app starts with the server
// gone, and the fallback fonts once the page has fetched them; exports (?src=) and everything else go to the network as usual. A new version installs
// beside the old one and takes over at once; the page in use keeps running the code it loaded.
'use strict';
const VERSION = '%VERSION%';
const CACHE = 'djq-admin-' + VERSION;
const APP_FILES = %APP_FILES%;
// Files the page asks for only when it needs them (the fallback fonts): kept once fetched.
const LAZY_FILES = %LAZY_FILES%;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(APP_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith('djq-admin-') && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const file = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
  // The page itself, with any ?src= and #fragment, is this version's index.html.
  const appFile = event.request.mode === 'navigate' && (file === '' || file === 'index.html') ? 'index.html'
    : APP_FILES.includes(file) ? file : null;
  if (LAZY_FILES.includes(file)) {
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(file).then((cached) => cached || fetch(event.request)
      .then((response) => (response.ok ? cache.put(file, response.clone()).then(() => response) : response)))));
    return;
  }
  if (!appFile) return;
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(appFile)).then((cached) => cached || fetch(event.request)));
});
