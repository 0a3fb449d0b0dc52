import type { NotificationFieldsFragment, Role } from '../graphql/generated';

type Linked = Pick<NotificationFieldsFragment, 'type' | 'order' | 'task' | 'venue'>;

/** Answered on the creator's profile page, where the agency invitations are listed. */
const AGENCY_INVITATION = 'AGENCY_INVITATION';

/**
 * Where opening a notification goes: its order, its task, its venue (the admin's page or the list), or
 * the profile for an agency's invitation.
 */
export function notificationTarget(notification: Linked, role: Role): string | null {
  if (notification.order) return `/orders/${notification.order.id}`;
  if (notification.task) return `/tasks/${notification.task.id}`;
  if (notification.venue) return role === 'ADMIN' ? `/admin/venues/${notification.venue.id}` : '/venues';
  if (notification.type === AGENCY_INVITATION) return '/profile';
  return null;
}

/**
 * The queries (by operation name) a live notification makes stale, so the page on screen catches up
 * without a reload: a bid on the merchant's task refreshes its bids, a funded order its wallet, and
 * so on. Apollo refetches only the ones that are on screen.
 */
export function staleQueriesFor(notification: Linked): string[] {
  const stale = new Set(['Notifications']);
  if (notification.order) {
    for (const name of ['Order', 'MyOrders', 'AllOrders', 'MyWallet', 'OrderLedger']) stale.add(name);
  }
  if (notification.task) {
    for (const name of ['Task', 'TaskBids', 'RecommendedCreators', 'MyBids', 'MyInvitations', 'Tasks']) {
      stale.add(name);
    }
  }
  if (notification.venue) {
    for (const name of ['Venue', 'Venues']) stale.add(name);
  }
  if (notification.type === AGENCY_INVITATION) stale.add('MyAgencyInvitations');
  // A pairing proposed, answered, matched (with its order) or expired: the session on screen catches up.
  if (notification.type.startsWith('MATCHMAKING_')) {
    for (const name of ['MatchmakingSession', 'MatchmakingSessions']) stale.add(name);
  }
  return [...stale];
}
