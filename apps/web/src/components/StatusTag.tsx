import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';
import type { EnumName } from '../i18n/enums';

const COLORS: Record<string, string> = {
  AWAITING_FUNDING: 'gold',
  IN_PROGRESS: 'processing',
  DELIVERED: 'cyan',
  REVISION_REQUESTED: 'orange',
  COMPLETED: 'success',
  CANCELLED: 'default',
  DISPUTED: 'red',
  RESOLVED: 'purple',
  OPEN: 'processing',
  PROPOSED: 'gold',
  MATCHED: 'success',
  SIGNUP: 'processing',
  MATCHING: 'orange',
  DRAFT: 'default',
  CLOSED: 'default',
  PENDING: 'gold',
  ACCEPTED: 'success',
  APPROVED: 'success',
  REJECTED: 'red',
  DECLINED: 'default',
  EXPIRED: 'default',
  WITHDRAWN: 'default',
  ACTIVE: 'success',
  PAUSED: 'gold',
  SUBMITTED: 'processing',
  CHANGES_REQUESTED: 'orange',
  HELD: 'processing',
  RELEASED: 'success',
  REFUNDED: 'default',
  PAID: 'success',
  FAILED: 'red',
  RECRUITING: 'processing',
  UPCOMING: 'default',
  DOCKING: 'cyan',
  CURATING: 'orange',
  ENDED: 'default',
  LIVE: 'magenta',
  HOLDBACK_HELD: 'processing',
  UNPUBLISHED: 'gold',
  REPORTED_DOWN: 'red',
  RETAINED: 'success',
  BREACHED: 'red',
};

/** An API status in its colour and the viewer's language. */
export function StatusTag({ kind, value }: { kind: EnumName; value: string }) {
  const { label } = useI18n();
  return (
    <Tag color={COLORS[value] ?? 'default'} data-status={value}>
      {label(kind, value)}
    </Tag>
  );
}
