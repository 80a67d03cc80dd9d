// Preloaded into a benchmarked child process (`node -r <this file> …`): on exit, writes
// `{"baseKb":…,"peakKb":…}` to the file named by BENCH_RSS_FILE. peakKb is the kernel's maxRSS over
// the whole life of the process; baseKb its RSS once the main script and everything it imports are
// loaded (the first turn of the event loop), before the work has grown anything. Plain JavaScript,
// so that measuring needs no compiler in the process.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  let baseKb = 0;
  setImmediate(() => (baseKb = Math.round(process.memoryUsage.rss() / 1024)));
  process.on('exit', () => writeFileSync(file, JSON.stringify({ baseKb, peakKb: process.resourceUsage().maxRSS })));
}
