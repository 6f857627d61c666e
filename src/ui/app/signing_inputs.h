// What signing a queue entry needs, typed once and shared by Resubmit, a schedule's Run now and the
// Queued pages: the SECRET_KEY (in memory only), Q_CLUSTER['name'] and Q_CLUSTER['compress']. The
// cluster name and compress are read from the export; the key is checked against its signed
// entries, and a mismatch is shown before anything is signed.
#pragma once

namespace ui {

struct App;

// The choice of how to queue (signed here, signed on the server, or a ONCE schedule) with the
// inputs the chosen way needs.
void DrawQueueWayChoice(App& app);
// The key (when `with_key`), cluster name and compress on one line, and below them what the
// export says of them.
void DrawSigningInputs(App& app, bool with_key);
// A key is typed and the export's signed entries do not reject it: signing may go ahead.
bool KeyReady(App& app);
// Q_CLUSTER['name'] and compress as the export shows them, once per data change.
void GuessClusterOnce(App& app);

}  // namespace ui
