// Preloaded into every Node process of a benchmarked command (NODE_OPTIONS=--require): at exit, appends the
// process's peak resident set size, in KB, to $BENCH_RSS_FILE. The bench reports the largest.
import * as fs from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // a process that cannot write its figure only leaves it out; the bench needs at least one
    }
  });
}
