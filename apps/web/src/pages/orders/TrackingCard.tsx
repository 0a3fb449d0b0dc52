import { Card, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { TrendChart } from '../../components/Charts';
import { VerifiedVsReported } from '../../components/VerifiedVsReported';
import { OrderTrackingDocument, type TrackingLinkFieldsFragment } from '../../graphql/generated';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/money';
import { formatRate } from '../../lib/percent';
import type { OrderRole } from './use-order-role';

// Only the merchant makes links: the form (and antd's form and select) loads for the merchant alone.
const CreateTrackingLinkForm = lazy(() =>
  import('./CreateTrackingLinkForm').then((module) => ({ default: module.CreateTrackingLinkForm })),
);

/**
 * Effect you can trust on the order page: what the platform counted (verified) beside what was typed in
 * (reported, marked as such), the content's tracking links with their counts and days, and for the
 * merchant a form to make one. Plain tables, as the ledger's: antd's Table would be the order page's
 * largest download. Hidden while the API does not serve tracking links.
 */
export function TrackingCard({ orderId, role }: { orderId: string; role: OrderRole }) {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(OrderTrackingDocument, {
    variables: { id: orderId },
    fetchPolicy: 'cache-first', // the order page fetched it as it opened
  });
  const order = data?.order;
  if (!served || !order || !order.deliverables.length) return null;
  const links = order.deliverables.flatMap((deliverable) => deliverable.trackingLinks);
  return (
    <Card className="console-card" size="small" title={t('tracking.title')} data-testid="tracking-card">
      <VerifiedVsReported performance={order.performance} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tracking.links')}
      </Typography.Title>
      {links.length ? (
        <>
          <LinksTable links={links} price={order.price.amount} />
          <LinkDailyChart links={links} />
        </>
      ) : (
        <Typography.Paragraph type="secondary">{t('tracking.noLinks')}</Typography.Paragraph>
      )}
      {role === 'merchant' ? (
        <Suspense fallback={null}>
          <CreateTrackingLinkForm order={order} />
        </Suspense>
      ) : null}
    </Card>
  );
}

function LinksTable({ links, price }: { links: TrackingLinkFieldsFragment[]; price: string }) {
  const { t } = useI18n();
  return (
    <div className="ledger-scroll">
      <table className="ledger-table" data-testid="tracking-links">
        <thead>
          <tr>
            <th>{t('tracking.link')}</th>
            <th>{t('tracking.target')}</th>
            <th>{t('tracking.clicks')}</th>
            <th>{t('tracking.conversions')}</th>
            <th>{t('tracking.gmv')}</th>
            <th>{t('tracking.cvr')}</th>
            <th>{t('tracking.roi')}</th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id}>
              <td>
                <Typography.Text copyable={{ text: link.url }} style={{ whiteSpace: 'nowrap' }}>
                  {link.url.replace(/^https?:\/\//, '')}
                </Typography.Text>
              </td>
              <td>
                <Typography.Text ellipsis style={{ maxWidth: 200 }} title={link.targetUrl}>
                  {link.targetUrl}
                </Typography.Text>
              </td>
              <td>{link.clicks}</td>
              <td>{link.conversions}</td>
              <td style={{ whiteSpace: 'nowrap' }}>{formatMoney(link.gmv)}</td>
              <td>{formatRate(link.clicks ? link.conversions / link.clicks : null, 1)}</td>
              {/* The order's price is what the merchant spent on this content. */}
              <td>{Number(price) ? (Number(link.gmv.amount) / Number(price)).toFixed(2) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One link's days (clicks, unique visitors, sales, GMV), the link picked from a list when there are several. */
function LinkDailyChart({ links }: { links: TrackingLinkFieldsFragment[] }) {
  const { t } = useI18n();
  const [linkId, setLinkId] = useState(links[0].id);
  const link = links.find((candidate) => candidate.id === linkId) ?? links[0];
  return (
    <div style={{ marginTop: 12 }} data-testid="link-daily">
      {links.length > 1 ? (
        <select
          value={link.id}
          onChange={(event) => setLinkId(event.target.value)}
          aria-label={t('tracking.link')}
        >
          {links.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.code}
            </option>
          ))}
        </select>
      ) : null}
      {link.daily.length ? (
        <TrendChart
          days={link.daily.map((day) => day.day)}
          series={[
            { name: t('tracking.clicks'), values: link.daily.map((day) => day.clicks) },
            { name: t('tracking.uniqueVisitors'), values: link.daily.map((day) => day.uniqueVisitors) },
            { name: t('tracking.orders'), values: link.daily.map((day) => day.orders) },
            {
              name: t('tracking.gmv'),
              values: link.daily.map((day) => Number(day.gmv.amount)),
              axis: 'right',
            },
          ]}
        />
      ) : null}
    </div>
  );
}
