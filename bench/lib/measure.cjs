// Preloaded (`node --require bench/lib/measure.cjs …`) into a process the benchmark times: at
// exit it writes the process's CPU time and peak RSS (all threads) to $BENCH_MEASURE_OUT.
'use strict';
const fs = require('node:fs');
const out = process.env.BENCH_MEASURE_OUT;
if (out) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    const usage = process.resourceUsage();
    fs.writeFileSync(out, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: usage.maxRSS }));
  });
}
