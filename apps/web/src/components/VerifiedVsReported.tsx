import { Typography } from 'antd';
import type { MoneyFieldsFragment } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { formatMoney } from '../lib/money';
import { formatRate } from '../lib/percent';

/** The figures both sides have: what the platform counted (`verified`) and what was typed in. */
export interface ComparedPerformance {
  clicks: number;
  orders: number;
  gmv: MoneyFieldsFragment;
  conversionRate?: number | null;
  returnOnSpend?: number | null;
  verified: {
    clicks: number;
    uniqueVisitors: number;
    orders: number;
    gmv: MoneyFieldsFragment;
    conversionRate?: number | null;
    returnOnSpend?: number | null;
  };
}

const ratio = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(2));

/**
 * Platform-verified beside reported, figure by figure, with the note that says whose numbers the
 * reported ones are: the one way an order, a shop, a creator and the platform show their effect
 * (SPEC "Effect you can trust": the console marks reported figures as such). A plain table, as the
 * ledger's, so pages that show it do not pull in antd's Table.
 */
export function VerifiedVsReported({
  performance,
  testId = 'verified-vs-reported',
}: {
  performance: ComparedPerformance;
  testId?: string;
}) {
  const { t } = useI18n();
  const { verified, ...reported } = performance;
  const rows: [string, string, string | number, string | number][] = [
    ['clicks', t('tracking.clicks'), verified.clicks.toLocaleString(), reported.clicks.toLocaleString()],
    ['visitors', t('tracking.uniqueVisitors'), verified.uniqueVisitors.toLocaleString(), '—'],
    ['orders', t('tracking.orders'), verified.orders.toLocaleString(), reported.orders.toLocaleString()],
    ['gmv', t('tracking.gmv'), formatMoney(verified.gmv), formatMoney(reported.gmv)],
    [
      'cvr',
      t('tracking.cvr'),
      formatRate(verified.conversionRate, 1),
      formatRate(reported.conversionRate, 1),
    ],
    ['roi', t('tracking.roi'), ratio(verified.returnOnSpend), ratio(reported.returnOnSpend)],
  ];
  return (
    <>
      <div className="ledger-scroll">
        <table className="ledger-table" data-testid={testId}>
          <thead>
            <tr>
              <th>{t('tracking.figure')}</th>
              <th>{t('tracking.verified')}</th>
              <th>{t('tracking.reported')} *</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([key, figure, counted, typed]) => (
              <tr key={key} data-figure={key}>
                <td>{figure}</td>
                <td>
                  <strong>{counted}</strong>
                </td>
                <td>
                  <Typography.Text type="secondary">{typed}</Typography.Text>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 4 }}>
        * {t('tracking.reportedNote')}
      </Typography.Paragraph>
    </>
  );
}
