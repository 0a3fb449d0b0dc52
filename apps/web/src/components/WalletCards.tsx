import { useQuery } from '@apollo/client/react';
import { Card, Col, Row, Statistic } from 'antd';
import { MyWalletDocument } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { formatMoney } from '../lib/money';

/** Available, in escrow and paid out, side by side (stacked on a phone). */
export function WalletCards() {
  const { t } = useI18n();
  const { data, loading } = useQuery(MyWalletDocument);
  const wallet = data?.myWallet;
  const cards = [
    { key: 'available', title: t('wallet.available'), value: wallet?.available },
    { key: 'inEscrow', title: t('wallet.inEscrow'), value: wallet?.inEscrow },
    { key: 'paidOut', title: t('wallet.paidOut'), value: wallet?.paidOut },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col xs={24} sm={8} key={card.key}>
          <Card loading={loading && !wallet} size="small" data-testid={`wallet-${card.key}`}>
            <Statistic title={card.title} value={formatMoney(card.value)} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
