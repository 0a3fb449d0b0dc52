import type { LiveSignal } from './live-events';

/** Signals a subscriber may have waiting before it is considered stuck (then it gets one resync instead). */
const MAX_QUEUED = 500;

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * One local subscriber's signals, as an async iterator: pushed by the listener, pulled by the
 * subscription. `return()` ends it at once, even while a `next()` is waiting (a client that
 * disconnects must not leave a listener behind).
 */
export class LiveSubscription implements AsyncIterableIterator<LiveSignal> {
  private readonly queue: { signal: LiveSignal; at: Date }[] = [];
  private waiting: ((result: IteratorResult<LiveSignal>) => void) | null = null;
  private ended = false;

  constructor(private readonly onEnd: () => void) {}

  push(signal: LiveSignal): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: signal, done: false });
      return;
    }
    if (this.queue.length >= MAX_QUEUED) {
      // Too far behind: drop what waits and let the subscriber catch up from the database instead.
      const since = this.queue[0].at;
      this.queue.length = 0;
      this.queue.push({ signal: { kind: 'resync', since }, at: since });
    }
    this.queue.push({ signal, at: new Date() });
  }

  next(): Promise<IteratorResult<LiveSignal>> {
    const first = this.queue.shift();
    if (first) return Promise.resolve({ value: first.signal, done: false });
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<LiveSignal>> {
    this.end();
    return Promise.resolve(DONE);
  }

  /** Ends the subscription (the client left, or the server is stopping). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.onEnd();
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * Turns signals into the values a subscription yields: `step` loads what a signal is about and says
 * what to send (often nothing: a row the subscriber may not see, or a state already sent). Signals are
 * handled one at a time, in order. A failing step is reported and skipped: a database hiccup costs one
 * push, not the subscription.
 */
export function liveStream<T>(
  source: LiveSubscription,
  step: (signal: LiveSignal) => Promise<readonly T[]>,
  onError: (error: unknown) => void,
): AsyncIterableIterator<T> {
  const ready: T[] = [];
  const stream: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        if (ready.length) return { value: ready.shift()!, done: false };
        const item = await source.next();
        if (item.done) return DONE;
        try {
          ready.push(...(await step(item.value)));
        } catch (error) {
          onError(error);
        }
      }
    },
    async return(): Promise<IteratorResult<T>> {
      ready.length = 0;
      await source.return();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

/** The last ids sent, so a resync does not send one twice. */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 200) {}

  /** Remembers the id; false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
