import { useQuery } from '@apollo/client/react';
import { Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import {
  OrderLedgerDocument,
  type OrderDetailFragment,
  type OrderLedgerQuery,
} from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { toApiError } from '../../lib/api-error';
import { describeLedgerAccount, groupLedgerEntries, ledgerKindLabel, providerLabel } from '../../lib/ledger';
import { formatDateTime } from '../../lib/time';

type Entry = OrderLedgerQuery['ledgerEntries'][number];

interface Row {
  entry: Entry;
  /** The transaction's kind and time, on its first line only (the cell spans its lines). */
  transaction: { kind: string; at: string; span: number } | null;
}

/** Codes for "this viewer may not read this order's ledger": the card is left out, not an error. */
const HIDDEN_FOR = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

/**
 * The order's money movements as journal transactions (funding, release with its fee and agency
 * share, refund, split), each transaction's lines together, oldest first. The API decides who may
 * read it; anyone it refuses simply does not see the card.
 */
export function LedgerCard({
  order,
}: {
  order: Pick<OrderDetailFragment, 'id' | 'status' | 'merchant' | 'creator'>;
}) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(OrderLedgerDocument, {
    variables: { orderId: order.id },
    fetchPolicy: 'cache-first', // the order page fetched it as it opened
  });

  // Actions on the page (fund, accept, cancel ...) move money: read the ledger again when the status changes.
  const seenStatus = useRef(order.status);
  useEffect(() => {
    if (seenStatus.current === order.status) return;
    seenStatus.current = order.status;
    void refetch().catch(() => undefined);
  }, [order.status, refetch]);

  if (error && HIDDEN_FOR.has(toApiError(error).code ?? '')) return null;

  const kindText = (kind: string) => {
    const key = ledgerKindLabel(kind);
    return key ? t(key) : kind;
  };
  const providerName = (provider: string) => {
    const key = providerLabel(provider);
    return key ? t(key) : provider;
  };
  const accountText = (account: string) => {
    const name = describeLedgerAccount(account);
    if (name.kind === 'other') return account;
    const who =
      name.kind === 'creator' && name.ref === order.creator.id
        ? order.creator.displayName
        : name.kind === 'merchant' && name.ref === order.merchant.id
          ? order.merchant.shopName
          : name.kind === 'external'
            ? providerName(name.ref!)
            : null;
    return who ? `${t(name.label)} · ${who}` : t(name.label);
  };

  const rows: Row[] = groupLedgerEntries(data?.ledgerEntries ?? []).flatMap((transaction) =>
    transaction.entries.map((entry, index) => ({
      entry,
      transaction:
        index === 0 ? { kind: transaction.kind, at: transaction.at, span: transaction.entries.length } : null,
    })),
  );

  return (
    <Card className="console-card" size="small" title={t('ledger.title')} data-testid="order-ledger">
      <QueryState
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        isEmpty={Boolean(data) && rows.length === 0}
        empty={t('ledger.empty')}
        onRetry={() => refetch()}
      >
        {/* A plain table: antd's Table (with the pagination and select it brings) would be the order
            page's largest download for a few rows that never page or sort. */}
        <div className="ledger-scroll">
          <table className="ledger-table">
            <thead>
              <tr>
                <th>{t('ledger.transaction')}</th>
                <th>{t('ledger.kind')}</th>
                <th>{t('ledger.account')}</th>
                <th className="ledger-amount-column">{t('ledger.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const credit = !row.entry.amount.amount.startsWith('-');
                return (
                  <tr key={row.entry.id} className="ledger-entry">
                    {row.transaction ? (
                      <td rowSpan={row.transaction.span}>
                        <Space orientation="vertical" size={0}>
                          <Tag color="orange" variant="filled">
                            {kindText(row.transaction.kind)}
                          </Tag>
                          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                            {formatDateTime(row.transaction.at)}
                          </Typography.Text>
                        </Space>
                      </td>
                    ) : null}
                    <td>{kindText(row.entry.kind)}</td>
                    <td>
                      <Tooltip title={row.entry.account}>
                        <span className="ledger-account" data-account={row.entry.account}>
                          {accountText(row.entry.account)}
                        </span>
                      </Tooltip>
                    </td>
                    <td className="ledger-amount-column">
                      <span className="ledger-amount" style={{ whiteSpace: 'nowrap' }}>
                        {credit ? '+' : ''}
                        <Money value={row.entry.amount} />
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t('ledger.help')}
        </Typography.Paragraph>
      </QueryState>
    </Card>
  );
}
