const Sequencer = require('@jest/test-sequencer').default;

/**
 * The suites that wait on real time (timers due in seconds, server restarts, races repeated many times,
 * fuzzing for a fixed time): each takes one to two minutes whatever the machine. Jest orders files by
 * how long they took last time and, without that (a clean clone, as in CI), by file size, which would
 * start several of these last and leave the run waiting on them alone. They start first instead.
 */
const WAITS_ON_TIME =
  /(timers|races|restart|crash|start-checks|schema-fuzz|property|retention|guard-rails|venues-lifecycle)\.e2e-spec\.ts$/;

class LongWaitsFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    // Timings from an earlier run on this machine already put the long files first.
    if (sorted.some((test) => test.duration != null)) return sorted;
    const waits = (test) => WAITS_ON_TIME.test(test.path);
    return [...sorted.filter(waits), ...sorted.filter((test) => !waits(test))];
  }
}

module.exports = LongWaitsFirstSequencer;
