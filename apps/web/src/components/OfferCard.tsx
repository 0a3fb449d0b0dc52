import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { OfferCardFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../lib/time';
import { CreatorBrief } from './CreatorBrief';
import { DealTerms } from './DealTerms';
import { Money } from './Money';
import { StatusTag } from './StatusTag';

/** A creator's offer: price, slots left, turnaround or live date, and the creator behind it. */
export function OfferCard({
  offer,
  actions,
  showCreator = true,
}: {
  offer: OfferCardFragment;
  actions?: ReactNode[];
  showCreator?: boolean;
}) {
  const { t, label } = useI18n();
  return (
    <Card size="small" actions={actions} data-testid="offer-card" style={{ height: '100%' }}>
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        <Space wrap size={4}>
          <Typography.Text strong>{offer.title}</Typography.Text>
          <StatusTag kind="OfferStatus" value={offer.status} />
        </Space>
        <Space wrap size={4}>
          <Money value={offer.price} strong />
          <Tag>{label('ContentType', offer.contentType)}</Tag>
          <Typography.Text type="secondary">
            {t('offers.slotsLeft', { n: offer.slots - offer.slotsBooked })} ·{' '}
            {offer.scheduledAt
              ? `${t('offers.scheduledAt')} ${formatDateTime(offer.scheduledAt)}`
              : t('offers.turnaround', { n: offer.turnaroundDays })}
          </Typography.Text>
        </Space>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
          {offer.description}
        </Typography.Paragraph>
        <DealTerms summary={offer.usageRights.summary} retentionDays={offer.retentionDays} />
        {showCreator ? <CreatorBrief creator={offer.creator} /> : null}
      </Space>
    </Card>
  );
}
