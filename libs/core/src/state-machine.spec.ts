import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { TransitionTable } from './state-machine';

type State = 'DRAFT' | 'OPEN' | 'CLOSED' | 'CANCELLED';
type Action = 'PUBLISH' | 'CLOSE' | 'CANCEL';
const STATES: State[] = ['DRAFT', 'OPEN', 'CLOSED', 'CANCELLED'];

const table = new TransitionTable<State, Action>('task', STATES, {
  PUBLISH: { from: ['DRAFT'], to: 'OPEN' },
  CLOSE: { from: ['OPEN'], to: 'CLOSED' },
  CANCEL: { from: ['DRAFT', 'OPEN', 'CLOSED'], to: 'CANCELLED' },
});

describe('TransitionTable', () => {
  it('answers where an action starts and ends', () => {
    expect(table.from('CANCEL')).toEqual(['DRAFT', 'OPEN', 'CLOSED']);
    expect(table.to('PUBLISH')).toBe('OPEN');
  });

  it('allows exactly the listed moves', () => {
    const allowed: string[] = [];
    for (const action of ['PUBLISH', 'CLOSE', 'CANCEL'] as Action[]) {
      for (const state of STATES) if (table.can(action, state)) allowed.push(`${action}:${state}`);
    }
    expect(allowed).toEqual(['PUBLISH:DRAFT', 'CLOSE:OPEN', 'CANCEL:DRAFT', 'CANCEL:OPEN', 'CANCEL:CLOSED']);
  });

  it('returns the target state of an allowed move', () => {
    expect(table.assert('PUBLISH', 'DRAFT')).toBe('OPEN');
    expect(table.assert('CANCEL', 'CLOSED')).toBe('CANCELLED');
  });

  it('refuses a move from the wrong state with CONFLICT, saying what and why', () => {
    let caught: unknown;
    try {
      table.assert('CLOSE', 'CANCELLED');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe(ErrorCode.CONFLICT);
    expect((caught as DomainError).message).toBe('Cannot close a task that is CANCELLED.');
    expect(() => table.assert('PUBLISH', 'OPEN')).toThrow(/Cannot publish a task that is OPEN/);
  });

  it('fails when it is built with a state the entity does not have, so a typo stops the boot', () => {
    expect(
      () =>
        new TransitionTable<State, 'REOPEN'>('task', STATES, {
          REOPEN: { from: ['CLOSD' as State], to: 'OPEN' },
        }),
    ).toThrow('task transition REOPEN names unknown state CLOSD');
    expect(
      () =>
        new TransitionTable<State, 'ARCHIVE'>('task', STATES, {
          ARCHIVE: { from: ['CLOSED'], to: 'ARCHIVED' as State },
        }),
    ).toThrow(/unknown state ARCHIVED/);
  });

  it('humanizes multi-word actions and picks the article in its messages', () => {
    const orders = new TransitionTable<'DELIVERED' | 'COMPLETED', 'ACCEPT_DELIVERY'>(
      'order',
      ['DELIVERED', 'COMPLETED'],
      {
        ACCEPT_DELIVERY: { from: ['DELIVERED'], to: 'COMPLETED' },
      },
    );
    expect(() => orders.assert('ACCEPT_DELIVERY', 'COMPLETED')).toThrow(
      'Cannot accept delivery an order that is COMPLETED.',
    );
  });
});
