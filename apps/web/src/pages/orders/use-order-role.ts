import { useViewer } from '../../auth/auth';
import type { OrderDetailFragment } from '../../graphql/generated';

export type OrderRole = 'merchant' | 'creator' | 'admin' | 'viewer';

/** How the signed-in user stands to this order: which actions the page offers. */
export function useOrderRole(order: Pick<OrderDetailFragment, 'merchant' | 'creator'>): OrderRole {
  const viewer = useViewer();
  if (viewer.role === 'ADMIN') return 'admin';
  if (viewer.merchant?.id === order.merchant.id) return 'merchant';
  if (viewer.creator?.id === order.creator.id) return 'creator';
  return 'viewer';
}
