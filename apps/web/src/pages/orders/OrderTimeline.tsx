import { Card, Timeline, Typography } from 'antd';
import type { OrderDetailFragment } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';

const COLORS: Record<string, string> = {
  FUNDED: 'blue',
  DELIVERED: 'cyan',
  REVISION_REQUESTED: 'orange',
  ACCEPTED: 'green',
  AUTO_ACCEPTED: 'green',
  CANCELLED: 'gray',
  DISPUTED: 'red',
  RESOLVED: 'purple',
};

/** Every transition of the order, oldest first, with who acted (the system for timers) and the note. */
export function OrderTimeline({ order }: { order: OrderDetailFragment }) {
  const { t, label } = useI18n();
  return (
    <Card className="console-card" size="small" title={t('orders.timeline')} data-testid="order-timeline">
      <Timeline
        items={order.events.map((event, index) => ({
          key: `${event.at}-${index}`,
          color: COLORS[event.type] ?? 'gray',
          content: (
            <>
              <Typography.Text strong>{label('OrderEvent', event.type)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {event.actor ? event.actor.displayName : t('orders.system')} · {formatDateTime(event.at)}
              </Typography.Text>
              {event.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{event.note}</div> : null}
            </>
          ),
        }))}
      />
    </Card>
  );
}
