// The page side of the web app (linked with --pre-js, so it shares the module's scope):
// opening files by picker and drag-and-drop, paste, and the DOM mirror of what the canvas shows.
//
// window.djq is the one documented interface for tests and assistive technology:
//   djq.snapshot()     the current view as an object (src/ui/mirror/mirror.h documents its shape)
//   djq.framesDrawn()  how many frames the app has drawn (stays still while idle)
//   djq.openFile(file) opens a File or Blob, as the picker and drag-and-drop do
//   djq.compareFile(file) opens a File or Blob as the older export the Compare page compares with,
//                      and keeps it in IndexedDB so a reload shows the same comparison
//   djq.pendingSaves() working-copy saves to IndexedDB not yet complete (0: a closed tab loses nothing)
//   djq.keptEdits()    unsynced edits in the working copy IndexedDB last confirmed it keeps
//   djq.takeFrameTimes() each frame's work in ms since the last call (benchmarks)
//   djq.takeWorkTimes()  each task of work between frames in ms since the last call (benchmarks)
//
// ?src=URL loads an export from a URL instead of the demo (relative to the page, or absolute if the
// server allows it); "Reload from server" fetches it again with If-None-Match / If-Modified-Since.
var djq = (function () {
  var mirror = null;
  var framesDrawn = 0;
  var frameTimes = [];     // each drawn frame's work in ms, until taken (benchmarks: no frame over 50 ms)
  var workTimes = [];      // each task of work between frames in ms, until taken (benchmarks)
  // Work between frames: one task at a time, posted on a MessageChannel (a timer would be clamped
  // to 4 ms once nested), each a slice of what the app has pending.
  var workChannel = new MessageChannel(), workPosted = false;
  workChannel.port1.onmessage = function () {
    workPosted = false;
    var started = performance.now();
    var more = ccall('djq_work', 'number', [], []);
    if (workTimes.length < 10000) workTimes.push(performance.now() - started);
    if (more) scheduleWork();
  };
  function scheduleWork() {
    if (workPosted) return;
    workPosted = true;
    workChannel.port2.postMessage(0);
  }
  var mirrorElement = document.getElementById('djq-mirror');
  var fileInput = document.getElementById('file-input');
  var loading = document.getElementById('loading');
  var loadingText = document.getElementById('loading-text');
  var loadingBar = document.getElementById('loading-progress');
  var pendingCalls = [];   // calls into the app made before it drew its first frame
  var downloadPieces = [];  // the file the app is handing over, piece by piece
  var downloads = 0;       // downloads in flight keep the progress overlay up
  var cancelButton = document.getElementById('loading-cancel');
  var STALL_MS = 15000;    // a download that sends nothing for this long is said to be stalled
  var source = { url: null, etag: null, lastModified: null };

  // Runs `call` once the app is running (its first frame proves it).
  function whenRunning(call) {
    if (framesDrawn > 0) call(); else pendingCalls.push(call);
  }

  // The bytes go straight into the buffer the working copy will own: one copy of a large export
  // in wasm memory, not two. `pieces` (Uint8Arrays, as downloaded) are copied in a few megabytes
  // per task, so no task copies a whole export; opens run one after another.
  var COPY_PER_TASK = 16 << 20;
  var opening = Promise.resolve();
  // `target`: the app's function that takes the buffer (default djq_open_file_buffer, the working copy).
  function openBytes(pieces, name, target) {
    opening = opening.then(function () { return copyIntoApp(pieces, name, target || 'djq_open_file_buffer'); })
                     .catch(function (error) { console.error('djq-admin could not open ' + name + ': ' + error); });  // the next open still runs
  }
  function copyIntoApp(pieces, name, target) {
    performance.mark('djq-open');  // benchmarks time the open from the bytes in hand (tests/bench/browser_bench.js)
    var size = pieces.reduce(function (sum, piece) { return sum + piece.length; }, 0);
    var pointer = _djq_file_buffer(size) >>> 0;  // an address past 2 GB comes back negative
    if (!pointer) {
      ccall('djq_open_failed', null, ['string', 'string'], [name, 'not enough memory to open a ' + size + '-byte file']);
      return;
    }
    var piece = 0, within = 0, at = 0;
    return new Promise(function (resolve) {
      (function copySome() {
        for (var copied = 0; piece < pieces.length && copied < COPY_PER_TASK;) {
          var part = pieces[piece].subarray(within, within + COPY_PER_TASK - copied);
          HEAPU8.set(part, pointer + at);  // HEAPU8 read after the allocation, which may grow memory
          at += part.length; copied += part.length; within += part.length;
          if (within === pieces[piece].length) { piece++; within = 0; }
        }
        if (piece < pieces.length) { setTimeout(copySome, 0); return; }
        performance.mark('djq-copied-in');
        ccall(target, null, ['number', 'number', 'string'], [pointer, size, name]);
        performance.measure('djq-open-call', 'djq-copied-in');  // the open, and the first part of the copy to keep
        resolve();
      })();
    });
  }

  function openFile(file, target) {
    return file.arrayBuffer().then(function (buffer) {
      whenRunning(function () { openBytes([new Uint8Array(buffer)], file.name || 'download', target); });
    });
  }
  function compareFile(file) {
    if (window.indexedDB) keptComparison.put(file).catch(function (error) { console.error('djq-admin could not keep ' + file.name + ': ' + error); });
    return openFile(file, 'djq_compare_file_buffer');
  }

  function showProgress(text, fraction) {
    loading.hidden = false;
    loadingText.textContent = text;
    if (fraction === undefined) loadingBar.removeAttribute('value'); else loadingBar.value = fraction;
  }

  // Reads a response body to the end as the pieces it came in, reporting progress against
  // Content-Length when known. `onChunk` (optional) hears of every chunk, so a stall can be told
  // from a slow download.
  function readPiecesWithProgress(response, label, onChunk) {
    var total = +response.headers.get('Content-Length') || 0;
    var reader = response.body.getReader(), chunks = [], loaded = 0;
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) return;
        if (onChunk) onChunk();
        chunks.push(step.value);
        loaded += step.value.length;
        showProgress(label + (total ? ' ' + Math.round(100 * loaded / total) + '%' : ' ' + (loaded >> 10) + ' KB'),
                     total ? loaded / total : undefined);
        return pump();
      });
    }
    return pump().then(function () { return chunks; });
  }
  function readWithProgress(response, label) {
    return readPiecesWithProgress(response, label).then(function (pieces) { return new Blob(pieces).arrayBuffer(); });
  }

  // A URL as messages show it: a data: URL by its kind and size, not its whole content.
  function shortName(url) {
    var data = /^data:([^,;]*)[^,]*,/i.exec(url);
    return data ? 'a data: URL (' + (data[1] || 'text/plain') + ', ' + (url.length - data[0].length) + ' characters)' : url;
  }

  // `quiet` (Live): no progress overlay over the page, no cancel button.
  function fetchSource(url, conditional, quiet) {
    var headers = {};
    if (conditional && source.url === url) {
      if (source.etag) headers['If-None-Match'] = source.etag;
      if (source.lastModified) headers['If-Modified-Since'] = source.lastModified;
    }
    downloads++;
    var controller = new AbortController(), lastChunk = Date.now(), stallCheck = null;
    if (!quiet) {
      showProgress('Downloading ' + shortName(url));
      // A download can be cancelled, and one that sends nothing for a while says so.
      cancelButton.hidden = false;
      cancelButton.onclick = function () { controller.abort(); };
      stallCheck = setInterval(function () {
        var silence = Date.now() - lastChunk;
        if (silence >= STALL_MS) showProgress(shortName(url) + ': nothing received for ' + Math.round(silence / 1000) + ' s (the server may have stalled)');
      }, 1000);
    }
    // no-store: the browser's cache must not answer for the server; we send the conditions ourselves
    // (a data: URL has no server and takes no conditions).
    var isData = /^data:/i.test(url);
    // credentials 'include': a Django view behind a login gets the user's session cookie, from
    // another origin too when it allows credentials (README, "Next to a Django server"). A server
    // that allows any origin ('*') refuses credentialed requests, so that one is asked again without.
    function get(credentials) {
      return fetch(url, isData ? { signal: controller.signal }
                               : { headers: headers, cache: 'no-store', credentials: credentials, signal: controller.signal });
    }
    var crossOrigin = !isData && new URL(url, location.href).origin !== location.origin;
    var request = get('include');
    if (crossOrigin) request = request.catch(function (error) { if (error.name === 'TypeError') return get('omit'); throw error; });
    return request.then(function (response) {
      lastChunk = Date.now();
      if (response.status === 304) {
        whenRunning(function () { ccall('djq_source_unchanged', null, [], []); });
        return;
      }
      if (!response.ok) throw new Error('the server answered ' + response.status + ' ' + response.statusText);
      var read = quiet ? response.arrayBuffer().then(function (buffer) { return [new Uint8Array(buffer)]; })
                       : readPiecesWithProgress(response, 'Downloading ' + shortName(url), function () { lastChunk = Date.now(); });
      return read.then(function (pieces) {
        source = { url: url, etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') };
        var name = isData ? 'data-url-export' : url;  // a data: URL's content is no name
        if (holdingDownloads) heldDownload = { pieces: pieces, url: name };  // opened once the user answers the offer
        else whenRunning(function () { openBytes(pieces, name); });
      });
    }).catch(function (error) {
      var why = error.name === 'AbortError' ? 'the download was cancelled' : error.message;
      whenRunning(function () {
        ccall('djq_open_failed', null, ['string', 'string'], [shortName(url), 'cannot download ' + shortName(url) + ': ' + why]);
      });
    }).finally(function () {
      if (stallCheck) clearInterval(stallCheck);
      if (--downloads === 0) {
        cancelButton.hidden = true;
        if (framesDrawn > 0) loading.hidden = true;
      }
    });
  }

  // ---- The working copy in IndexedDB, in the chunks of src/core/db/paged_file.h: a new export is
  // kept whole once, then each edit keeps only the chunks it changed. A save is one transaction, so
  // what is kept is always the copy after some edit, never part of one. Stores: 'meta' ('current':
  // source, copyId, size, chunkSize, unsyncedEdits, savedAt) and 'chunks' (index -> bytes).
  // 'working-copy' holds version 1's whole copy: restored once if found, then kept in chunks.
  // 'comparison' ('older': name, file) holds the older export the Compare page compares with.
  var STORES = ['working-copy', 'meta', 'chunks', 'comparison'];
  var keptCopy = (function () {
    function open() {
      return new Promise(function (resolve, reject) {
        var request = indexedDB.open('djq-admin', 3);
        request.onupgradeneeded = function () {
          STORES.forEach(function (name) {
            if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
          });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    // `action(stores, result)` makes the requests; `result` is what the promise gives once committed.
    function run(mode, action) {
      return open().then(function (db) {
        return new Promise(function (resolve, reject) {
          var transaction = db.transaction(STORES, mode), result = {};
          action({ legacy: transaction.objectStore('working-copy'), meta: transaction.objectStore('meta'),
                   chunks: transaction.objectStore('chunks'), comparison: transaction.objectStore('comparison') }, result);
          transaction.oncomplete = function () { db.close(); resolve(result); };
          transaction.onerror = transaction.onabort = function () { db.close(); reject(transaction.error); };
        });
      });
    }
    function chunkCount(meta) { return Math.ceil(meta.size / meta.chunkSize); }
    return {
      // The kept copy's meta record, version 1's whole copy ({source, bytes, ...}), or null.
      get: function () {
        return run('readonly', function (stores, result) {
          stores.meta.get('current').onsuccess = function (e) { result.meta = e.target.result; };
          stores.legacy.get('current').onsuccess = function (e) { result.legacy = e.target.result; };
        }).then(function (found) { return found.meta || found.legacy || null; });
      },
      // Puts the chunks into wasm memory at `pointer`, in place; gives how many there were.
      readInto: function (meta, pointer) {
        return run('readonly', function (stores, result) {
          result.chunks = 0;
          stores.chunks.openCursor(IDBKeyRange.upperBound(chunkCount(meta) - 1)).onsuccess = function (e) {
            var cursor = e.target.result;
            if (!cursor) return;
            var offset = cursor.key * meta.chunkSize;
            HEAPU8.set(cursor.value.subarray(0, Math.min(cursor.value.length, meta.size - offset)), pointer + offset);
            result.chunks++;
            cursor.continue();
          };
        }).then(function (result) { return result.chunks === chunkCount(meta); });
      },
      // Writes a save over what is kept. An edit's save onto another copy than this page's (another
      // tab kept its own since) writes nothing and gives { needsWhole: true }. The chunks are put
      // a batch at a time, each batch from the last one's success: one transaction still, but no
      // single task clones a whole export.
      put: function (save) {
        var BATCH = 32;
        var chunks = Array.from(save.chunks);
        return run('readwrite', function (stores, result) {
          function putFrom(first) {
            var batch = chunks.slice(first, first + BATCH), last = null;
            batch.forEach(function (chunk) { last = stores.chunks.put(chunk[1], chunk[0]); });
            if (first + BATCH < chunks.length) { last.onsuccess = function () { putFrom(first + BATCH); }; return; }
            stores.chunks.delete(IDBKeyRange.lowerBound(chunkCount(save)));  // past the end after a shrink
            stores.meta.put({ source: save.source, copyId: save.copyId, size: save.size, chunkSize: save.chunkSize,
                              unsyncedEdits: save.unsyncedEdits, savedAt: save.savedAt }, 'current');
          }
          stores.meta.get('current').onsuccess = function (e) {
            var kept = e.target.result;
            if (!save.whole && (!kept || kept.copyId !== save.copyId)) { result.needsWhole = true; return; }
            if (save.whole) { stores.chunks.clear(); stores.legacy.clear(); }
            putFrom(0);
          };
        });
      },
      remove: function () {
        return run('readwrite', function (stores) { stores.legacy.clear(); stores.meta.clear(); stores.chunks.clear(); });
      },
      run: run,
    };
  })();
  // The older export chosen through Compare…: the file itself (the browser keeps a File's bytes on
  // disk), so a reload compares with it again without asking.
  var keptComparison = {
    put: function (file) {
      return keptCopy.run('readwrite', function (stores) { stores.comparison.put({ name: file.name, file: file, savedAt: Date.now() }, 'older'); });
    },
    get: function () {
      return keptCopy.run('readonly', function (stores, result) {
        stores.comparison.get('older').onsuccess = function (e) { result.older = e.target.result; };
      }).then(function (result) { return result.older || null; });
    },
    remove: function () { return keptCopy.run('readwrite', function (stores) { stores.comparison.delete('older'); }); },
  };
  var handing = null;           // the save the app is handing over (keepBegin … keepEnd)
  var saving = null, queued = null;  // one write at a time; saves waiting meanwhile become one
  var copyId = '';              // which kept copy this page's edits go onto
  var keptEdits = 0;            // unsynced edits in what IndexedDB last confirmed
  var storageProblem = '', unsyncedEdits = 0;
  // The browser keeps no working copy (no IndexedDB for a page opened from disk, private mode, a
  // full disk): the app says so beside the unsynced edits, and closing the tab asks first.
  function reportStorageProblem(error) {
    if (storageProblem) return;
    storageProblem = location.protocol === 'file:' ? 'it keeps no storage for a page opened from disk'
                                                   : 'it refused to store the working copy (' + (error && error.message || error) + ')';
    whenRunning(function () { ccall('djq_page_notice', null, ['string', 'string'], ['storage', storageProblem]); });
  }
  function keep(save) {
    unsyncedEdits = save.unsyncedEdits;
    if (storageProblem) return;
    if (queued && !save.whole && queued.copyId === save.copyId) {
      save.chunks.forEach(function (bytes, index) { queued.chunks.set(index, bytes); });  // the newer bytes win
      ['source', 'size', 'unsyncedEdits', 'savedAt'].forEach(function (field) { queued[field] = save[field]; });
    } else {
      queued = save;
    }
    writeQueued();
  }
  function writeQueued() {
    if (saving || !queued) return;
    var save = queued;
    queued = null;
    saving = keptCopy.put(save).then(function (result) {
      if (result.needsWhole) whenRunning(function () { ccall('djq_keep_whole_copy', null, [], []); });
      else keptEdits = save.unsyncedEdits;
    }, function (error) {
      console.error('djq-admin could not save the working copy in this browser: ' + error);
      reportStorageProblem(error);
    }).then(function () {
      saving = null;
      writeQueued();
    });
  }
  // Opens the kept copy: chunk by chunk into the buffer the working copy will own.
  function openKeptCopy(meta) {
    var pointer = _djq_file_buffer(meta.size) >>> 0;
    if (!pointer) {
      ccall('djq_open_failed', null, ['string', 'string'], [meta.source, 'not enough memory to restore a ' + meta.size + '-byte working copy']);
      return Promise.resolve();
    }
    return keptCopy.readInto(meta, pointer).then(function (complete) {
      if (!complete) {
        _djq_drop_file_buffer(pointer);
        ccall('djq_open_failed', null, ['string', 'string'], [meta.source, 'the copy kept in this browser is incomplete: some of its chunks are missing']);
        return;
      }
      copyId = meta.copyId;
      ccall('djq_open_kept_copy', null, ['number', 'number', 'string'], [pointer, meta.size, meta.source]);
    }, function (error) {
      _djq_drop_file_buffer(pointer);
      ccall('djq_open_failed', null, ['string', 'string'], [meta.source, 'cannot read the copy kept in this browser: ' + error]);
    });
  }

  // Deep links (src/ui/navigation/location.h): the app shows its view in the fragment; Back, Forward and a
  // pasted link tell the app where to go. The fragment is read now, before the app rewrites it.
  var linkedLocation = location.hash;
  function setLocation(fragment, newEntry) {
    if (location.hash === fragment) return;
    if (newEntry) history.pushState(null, '', fragment);
    else history.replaceState(null, '', fragment);
  }
  function goToLocation() { ccall('djq_go_location', null, ['string'], [location.hash]); }
  window.addEventListener('popstate', function () { whenRunning(goToLocation); });
  if (linkedLocation) whenRunning(function () { ccall('djq_go_location', null, ['string'], [linkedLocation]); });

  // At start: a saved copy is offered back. With ?src= (a reload, say) and unsynced edits saved, the
  // fresh download is held until the user chooses, so it never replaces the edits unasked.
  var sourceParam = new URLSearchParams(location.search).get('src');
  var holdingDownloads = false, heldDownload = null;
  function openHeldDownload() {
    holdingDownloads = false;
    if (!heldDownload) return;
    var held = heldDownload;
    heldDownload = null;
    openBytes(held.pieces, held.url);
  }
  var savedAtStart = window.indexedDB ? keptCopy.get().catch(function (error) { reportStorageProblem(error); return null; })
                                      : Promise.resolve(null).then(function () { reportStorageProblem('no IndexedDB'); return null; });
  if (window.indexedDB) {
    keptComparison.get().then(function (older) {
      if (older) whenRunning(function () { ccall('djq_comparison_kept', null, ['string'], [older.name]); });
    }, function (error) { console.error('djq-admin cannot read the kept comparison: ' + error); });
  }
  savedAtStart.then(function (copy) {
    var sourceUrl = sourceParam ? new URL(sourceParam, location.href).href : '';
    holdingDownloads = !!(copy && sourceUrl && copy.unsyncedEdits > 0);
    if (copy && (!sourceUrl || holdingDownloads)) {
      whenRunning(function () {
        ccall('djq_saved_copy_found', null, ['string', 'string', 'number', 'string'],
              [copy.source, new Date(copy.savedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC', copy.unsyncedEdits,
               holdingDownloads ? sourceUrl : '']);
      });
    }
    if (sourceUrl) fetchSource(sourceUrl, false);
  });
  // Live (src/ui/app/live.h): the export is fetched again every `seconds`, quietly, whenever the app
  // says nothing would be interrupted (no typing, no dialog); otherwise it asks again a second later.
  var live = { timer: null, period: 0, due: 0 };
  function setLive(seconds) {
    clearInterval(live.timer);
    live.timer = null;
    live.period = seconds;
    if (seconds <= 0) return;
    live.due = Date.now() + seconds * 1000;
    live.timer = setInterval(function () {
      if (Date.now() < live.due || downloads > 0 || !source.url) return;
      if (ccall('djq_quiet_moment', 'number', [], []) !== 1) return;
      live.due = Date.now() + live.period * 1000;
      fetchSource(source.url, true, true);
    }, 1000);
  }
  var liveParam = +new URLSearchParams(location.search).get('live');
  if (sourceParam && liveParam > 0) whenRunning(function () { ccall('djq_set_live', null, ['number'], [liveParam]); });

  // A tab closed while a save is still being written would lose the newest edit: the browser asks first.
  function pendingSaves() { return (handing ? 1 : 0) + (saving ? 1 : 0) + (queued ? 1 : 0); }
  window.addEventListener('beforeunload', function (event) {
    if (pendingSaves() === 0 && !(storageProblem && unsyncedEdits > 0)) return;
    event.preventDefault();
    event.returnValue = '';
  });

  // A release site (dist/site, web/make_dist.js) names its build in `djqBuild`: its service worker
  // keeps the app for offline visits, and a new version is announced once it is in use.
  function notice(text) { whenRunning(function () { ccall('djq_page_notice', null, ['string', 'string'], ['notice', text]); }); }
  if (typeof djqBuild !== 'undefined') {
    var lastVersion = null;
    try {
      lastVersion = localStorage.getItem('djq-admin.version');
      localStorage.setItem('djq-admin.version', djqBuild.version);
    } catch (e) { /* storage off: no announcement */ }
    if (lastVersion && lastVersion !== djqBuild.version)
      notice('djq-admin was updated since your last visit: this is version ' + djqBuild.version + '.');
    if (djqBuild.serviceWorker && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
      var hadWorker = !!navigator.serviceWorker.controller;  // this visit was served by an earlier version's worker
      navigator.serviceWorker.register(djqBuild.serviceWorker).then(function (registration) {
        registration.addEventListener('updatefound', function () {
          var installing = registration.installing;
          installing.addEventListener('statechange', function () {
            // A worker replacing another is a new version; the first one only makes the app work offline.
            if (installing.state === 'activated' && hadWorker)
              notice('A new version of djq-admin is installed: it runs the next time you open this page.');
          });
        });
      }, function (error) { console.error('djq-admin works online only here: ' + error); });
    }
  }

  function element(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Rebuilds the hidden DOM from the mirror: headings, text, name/value pairs and real buttons.
  function renderMirror() {
    mirrorElement.textContent = '';
    if (mirror.error) {
      var alert = element('div', 'Error: ' + mirror.error.message);
      alert.setAttribute('role', 'alert');
      mirrorElement.appendChild(alert);
    }
    mirror.items.forEach(function (item) {
      var node;
      if (item.role === 'heading') node = element('h2', item.name);
      else if (item.role === 'value') node = element('p', item.name + ': ' + item.value);
      else if (item.role === 'button') {
        node = element('button', item.name);
        node.addEventListener('click', function () { ccall('djq_activate', null, ['string'], [item.name]); });
      } else node = element('p', item.name);
      mirrorElement.appendChild(node);
    });
  }

  var pickerComparing = false;  // whose file the picker is choosing: the working copy's, or the one to compare with
  fileInput.addEventListener('change', function () {
    if (fileInput.files.length) (pickerComparing ? compareFile : openFile)(fileInput.files[0]);
    fileInput.value = '';  // choosing the same file again still fires 'change'
  });

  var dragDepth = 0;
  document.addEventListener('dragenter', function (e) { e.preventDefault(); dragDepth++; document.body.classList.add('dragging'); });
  document.addEventListener('dragleave', function () { if (--dragDepth <= 0) { dragDepth = 0; document.body.classList.remove('dragging'); } });
  document.addEventListener('dragover', function (e) { e.preventDefault(); });
  document.addEventListener('drop', function (e) {
    e.preventDefault();
    dragDepth = 0;
    document.body.classList.remove('dragging');
    if (e.dataTransfer && e.dataTransfer.files.length) openFile(e.dataTransfer.files[0]);
  });
  document.addEventListener('paste', function (e) {
    var text = e.clipboardData ? e.clipboardData.getData('text') : '';
    if (text) ccall('djq_paste', null, ['string'], [text]);
  });

  return {
    snapshot: function () { return mirror; },
    framesDrawn: function () { return framesDrawn; },
    // True once every input so far is handled and drawn (the app then draws nothing until the next).
    settled: function () { return framesDrawn > 0 && ccall('djq_settled', 'number', [], []) === 1; },
    openFile: openFile,
    compareFile: compareFile,
    openPicker: function (comparing) {
      pickerComparing = comparing;
      fileInput.click();
    },
    // The kept older export (platform::RestoreComparison), opened again as it was chosen.
    restoreComparison: function () {
      var name = 'the older export';
      (window.indexedDB ? keptComparison.get() : Promise.resolve(null)).then(function (older) {
        if (!older) throw new Error('this browser no longer keeps it');
        name = older.name;
        return openFile(older.file, 'djq_compare_file_buffer');
      }).catch(function (error) {
        whenRunning(function () { ccall('djq_kept_comparison_failed', null, ['string', 'string'], [name, 'cannot read it back from this browser: ' + (error && error.message || error)]); });
      });
    },
    forgetComparison: function () {
      if (window.indexedDB) keptComparison.remove().catch(function (error) { console.error('djq-admin could not forget the comparison: ' + error); });
    },
    // Text needs characters the embedded fonts lack (src/ui/theme/fonts.h): the fallback fonts
    // beside the page, fetched once. Without them (a page opened from disk) those stay boxes.
    fetchFallbackFonts: function () {
      ['fonts/cjk.ttf', 'fonts/symbols.ttf'].forEach(function (path) {
        fetch(path).then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.arrayBuffer();
        }).then(function (buffer) {
          var bytes = new Uint8Array(buffer);
          var pointer = _malloc(bytes.length) >>> 0;
          if (!pointer) return;
          HEAPU8.set(bytes, pointer);
          ccall('djq_fallback_font', null, ['number', 'number'], [pointer, bytes.length]);
          _free(pointer);
        }).catch(function (why) { console.warn('djq-admin: no fallback font ' + path + ': ' + why); });
      });
    },
    // A download arrives in pieces (platform::OfferDownload), so a large file never sits whole in
    // the wasm heap; `name` null drops the pieces (the export failed on the way).
    beginDownload: function () { downloadPieces = []; },
    downloadPiece: function (bytes) { downloadPieces.push(bytes); },
    endDownload: function (name) {
      var pieces = downloadPieces;
      downloadPieces = [];
      if (name !== null) this.download(name, pieces);
    },
    download: function (name, pieces) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob(pieces));
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    },
    fetchSource: fetchSource,
    // A GET with the loading indicator's progress bar (the page uses it for index.wasm itself).
    fetchWithProgress: function (url, label) {
      return fetch(url, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return readWithProgress(response, label);
      });
    },
    // The app hands a save in parts (platform::KeepWorkingCopyChanges): a part that begins `whole`
    // starts another copy; the others go on with the save in hand, and the complete one is kept.
    keepBegin: function (source, whole, size, chunkSize, unsyncedEdits) {
      if (whole) copyId = Date.now() + '-' + Math.random().toString(36).slice(2);
      if (whole || !handing) handing = { whole: whole, copyId: copyId, chunks: new Map() };
      Object.assign(handing, { source: source, size: size, chunkSize: chunkSize, unsyncedEdits: unsyncedEdits, savedAt: Date.now() });
    },
    keepChunk: function (index, bytes) { handing.chunks.set(index, bytes); },  // a chunk handed again: the newer bytes win
    keepEnd: function (complete) {
      if (!complete) return;
      var save = handing;
      handing = null;
      keep(save);
    },
    keepDrop: function () { handing = null; },
    restoreSavedCopy: function () {
      keptCopy.get().then(function (kept) {
        if (kept && kept.bytes) openBytes([kept.bytes], kept.source);  // version 1's whole copy, kept anew in chunks
        else if (kept) return openKeptCopy(kept);
      }).catch(reportStorageProblem).then(openHeldDownload);  // after the copy: its edits are carried over onto the download
    },
    discardSavedCopy: function () { keptCopy.remove().then(openHeldDownload, openHeldDownload); },
    keptEdits: function () { return keptEdits; },
    pendingSaves: pendingSaves,
    takeFrameTimes: function () { return frameTimes.splice(0); },
    takeWorkTimes: function () { return workTimes.splice(0); },
    scheduleWork: scheduleWork,
    hasSourceParam: function () { return !!sourceParam; },
    setLive: setLive,
    setLocation: setLocation,
    setMirror: function (json) { mirror = JSON.parse(json); renderMirror(); },
    frameDrawn: function (workMs) {
      if (frameTimes.length < 10000) frameTimes.push(workMs);
      if (framesDrawn++ > 0) return;
      if (downloads === 0) loading.hidden = true;
      pendingCalls.splice(0).forEach(function (call) { call(); });
    },
    fatal: function (message) {
      var box = document.getElementById('fatal');
      box.textContent = message;
      box.hidden = false;
      document.getElementById('loading').hidden = true;
    },
  };
})();
window.djq = djq;
