const { readFileSync } = require('node:fs');
const { join, relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = join(__dirname, '../..');

/**
 * Seconds each test file took in a CI run (`npm test`), to start the long ones first. Jest orders files
 * by how long they took last time on this machine and, without that (a clean clone, as in CI), by file
 * size, which started the suites that wait on real time (timers, restarts, races, fuzzing) near the
 * end and left the run waiting on them: 686.7 s of Jest time in a clean clone against 588.7 s with
 * timings, for the same 732 tests. To refresh after a run: the `perf-cache-*` file in Jest's cache
 * directory (`npx jest --showConfig | grep cacheDirectory`) holds [status, milliseconds] per path.
 */
const SUITE_SECONDS = JSON.parse(readFileSync(join(__dirname, 'suite-seconds.json'), 'utf8'));

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    // Timings from an earlier run on this machine are better than the committed ones.
    if (sorted.some((test) => test.duration != null)) return sorted;
    const seconds = (test) => SUITE_SECONDS[relative(ROOT, test.path)] ?? -1;
    // Files without a figure (new ones) keep Jest's size order, after those with one: sort is stable.
    return [...sorted].sort((a, b) => seconds(b) - seconds(a));
  }
}

module.exports = LongestFirstSequencer;
