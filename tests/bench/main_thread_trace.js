// Chromium's trace of the page's main thread (DevTools protocol), for the browser benchmark: the
// app's frames (requestAnimationFrame callbacks) and its work between frames (MessageChannel tasks,
// web/djq_glue.js), each by wall time and by the main thread's own CPU time. On a machine with few
// cores the two differ: a task is late when other processes (the GPU process rasterising the
// canvas in software, the storage service) hold the CPU, which CPU time does not count.
'use strict';

const CATEGORIES = ['blink', 'toplevel'];

// Traces from now until `stop`, which gives the longest frame and work task meanwhile.
async function startTrace(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  return {
    async stop() {
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      return longest(events);
    },
  };
}

function longest(events) {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const of = (name) => events.filter((e) => e.ph === 'X' && e.name === name && main.has(`${e.pid}:${e.tid}`));
  const max = (list, key) => Math.round(Math.max(0, ...list.map((e) => (e[key] || 0) / 1000)) * 10) / 10;
  const frames = of('FrameRequestCallbackCollection::ExecuteFrameCallbacks'), work = of('MessagePort::Accept');
  return { frames: frames.length, frame_wall_ms: max(frames, 'dur'), frame_cpu_ms: max(frames, 'tdur'),
    work_tasks: work.length, work_wall_ms: max(work, 'dur'), work_cpu_ms: max(work, 'tdur') };
}

module.exports = { startTrace };
