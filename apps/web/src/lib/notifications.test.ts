import { describe, expect, it } from 'vitest';
import { notificationTarget, staleQueriesFor } from './notifications';

const none = { type: 'BID_RECEIVED', order: null, task: null, venue: null };

describe('notificationTarget', () => {
  it('opens the order first, then the task, then the venue', () => {
    expect(notificationTarget({ ...none, order: { id: 'o1' }, task: { id: 't1' } }, 'MERCHANT')).toBe(
      '/orders/o1',
    );
    expect(notificationTarget({ ...none, task: { id: 't1' } }, 'CREATOR')).toBe('/tasks/t1');
  });

  it('sends admins to the venue they curate and others to the venue list', () => {
    expect(notificationTarget({ ...none, venue: { id: 'v1' } }, 'ADMIN')).toBe('/admin/venues/v1');
    expect(notificationTarget({ ...none, venue: { id: 'v1' } }, 'MERCHANT')).toBe('/venues');
  });

  it("sends a creator to the profile to answer an agency's invitation", () => {
    expect(notificationTarget({ ...none, type: 'AGENCY_INVITATION' }, 'CREATOR')).toBe('/profile');
    expect(staleQueriesFor({ ...none, type: 'AGENCY_INVITATION' })).toEqual([
      'Notifications',
      'MyAgencyInvitations',
    ]);
  });

  it('has nowhere to go without a link', () => {
    expect(notificationTarget(none, 'CREATOR')).toBeNull();
  });
});

describe('staleQueriesFor', () => {
  it('always refreshes the notifications themselves', () => {
    expect(staleQueriesFor(none)).toEqual(['Notifications']);
  });

  it('refreshes the matchmaking session on screen when one of its pairings moves', () => {
    expect(staleQueriesFor({ ...none, type: 'MATCHMAKING_PAIRING_DECLINED' })).toEqual([
      'Notifications',
      'MatchmakingSession',
      'MatchmakingSessions',
    ]);
  });

  it('refreshes the order, the order lists, the wallet and the ledger for an order event', () => {
    expect(staleQueriesFor({ ...none, order: { id: 'o1' } })).toEqual([
      'Notifications',
      'Order',
      'MyOrders',
      'AllOrders',
      'MyWallet',
      'OrderLedger',
    ]);
  });

  it('refreshes the task and its bids for a task event, and venues for a venue event', () => {
    const taskStale = staleQueriesFor({ ...none, task: { id: 't1' } });
    expect(taskStale).toEqual(expect.arrayContaining(['Task', 'TaskBids', 'MyBids', 'MyInvitations']));
    expect(taskStale).not.toContain('MyWallet');
    expect(staleQueriesFor({ ...none, venue: { id: 'v1' } })).toEqual(['Notifications', 'Venue', 'Venues']);
  });
});
