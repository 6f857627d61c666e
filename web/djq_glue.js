// The page side of the web app (linked with --pre-js, so it shares the module's scope):
// opening files by picker and drag-and-drop, paste, and the DOM mirror of what the canvas shows.
//
// window.djq is the one documented interface for tests and assistive technology:
//   djq.snapshot()     the current view as an object (src/ui/mirror.h documents its shape)
//   djq.framesDrawn()  how many frames the app has drawn (stays still while idle)
//   djq.openFile(file) opens a File or Blob, as the picker and drag-and-drop do
var djq = (function () {
  var mirror = null;
  var framesDrawn = 0;
  var mirrorElement = document.getElementById('djq-mirror');
  var fileInput = document.getElementById('file-input');

  function openFile(file) {
    return file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      var pointer = _malloc(bytes.length || 1);
      HEAPU8.set(bytes, pointer);  // HEAPU8 read after _malloc, which may grow memory
      try {
        ccall('djq_open_bytes', null, ['number', 'number', 'string'], [pointer, bytes.length, file.name || 'download']);
      } finally {
        _free(pointer);
      }
    });
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

  fileInput.addEventListener('change', function () {
    if (fileInput.files.length) openFile(fileInput.files[0]);
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
    openFile: openFile,
    openPicker: function () { fileInput.click(); },
    setMirror: function (json) { mirror = JSON.parse(json); renderMirror(); },
    frameDrawn: function () {
      if (framesDrawn++ === 0) document.getElementById('loading').hidden = true;
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
