import { parseLiveEvent, type LiveSignal } from './live-events';
import { liveStream, LiveSubscription, RecentIds } from './live-stream';

const ID = '7d9f2c1e-3b4a-4c5d-8e6f-0a1b2c3d4e5f';
const USER = '0f1e2d3c-4b5a-4968-8776-655443322110';
const order = (id = ID): LiveSignal => ({ kind: 'order', id });

describe('live subscriptions', () => {
  it('hand over pushed signals in order, and end at once, even while a next() waits', async () => {
    const onEnd = jest.fn();
    const subscription = new LiveSubscription(onEnd);
    subscription.push(order('a'));
    subscription.push(order('b'));
    expect(await subscription.next()).toEqual({ value: order('a'), done: false });
    expect(await subscription.next()).toEqual({ value: order('b'), done: false });

    const waiting = subscription.next();
    await subscription.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    subscription.push(order('c'));
    subscription.end();
    expect(onEnd).toHaveBeenCalledTimes(1);
  });

  it('replace a backlog too long to keep with one resync from its oldest signal', async () => {
    const subscription = new LiveSubscription(() => undefined);
    const before = Date.now();
    for (let i = 0; i < 600; i++) subscription.push(order(String(i)));
    const first = await subscription.next();
    expect(first.value).toEqual({ kind: 'resync', since: expect.any(Date) });
    expect((first.value as { since: Date }).since.getTime()).toBeGreaterThanOrEqual(before);
    // The 100 pushed after the overflow are still there.
    const rest: LiveSignal[] = [];
    for (let i = 0; i < 100; i++) rest.push((await subscription.next()).value as LiveSignal);
    expect(rest[0]).toEqual(order('500'));
    expect(rest[99]).toEqual(order('599'));
  });

  it('map signals to values, skipping what a failing step could not load', async () => {
    const source = new LiveSubscription(() => undefined);
    const errors: unknown[] = [];
    const stream = liveStream(
      source,
      async (signal) => {
        if (signal.kind !== 'order') return [];
        if (signal.id === 'broken') throw new Error('database hiccup');
        return signal.id === 'twice' ? ['x', 'y'] : [signal.id];
      },
      (error) => errors.push(error),
    );
    for (const id of ['broken', 'one', 'twice']) source.push(order(id));
    expect((await stream.next()).value).toBe('one');
    expect((await stream.next()).value).toBe('x');
    expect((await stream.next()).value).toBe('y');
    expect(errors).toEqual([new Error('database hiccup')]);

    const waiting = stream.next();
    await stream.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('remember the last ids sent', () => {
    const recent = new RecentIds(2);
    expect([recent.add('a'), recent.add('a'), recent.add('b'), recent.add('c'), recent.add('a')]).toEqual([
      true,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('channel messages', () => {
  it('are read when they are ours and ignored otherwise', () => {
    expect(parseLiveEvent(JSON.stringify({ kind: 'order', id: ID }))).toEqual({ kind: 'order', id: ID });
    expect(parseLiveEvent(JSON.stringify({ kind: 'notification', id: ID, userId: USER }))).toEqual({
      kind: 'notification',
      id: ID,
      userId: USER,
    });
    for (const payload of [
      undefined,
      '',
      'not json',
      'null',
      JSON.stringify({ kind: 'order', id: 'x' }),
      JSON.stringify({ kind: 'notification', id: ID }),
      JSON.stringify({ kind: 'other', id: ID }),
    ]) {
      expect(parseLiveEvent(payload)).toBeNull();
    }
  });
});
