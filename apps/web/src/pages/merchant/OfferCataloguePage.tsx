import { useQuery } from '@apollo/client/react';
import { Card, Col, Row } from 'antd';
import { useNavigate } from 'react-router';
import { FormModalButton, RequiredTextArea } from '../../components/FormModalButton';
import { LoadMore } from '../../components/LoadMore';
import { useMarketFilter } from '../../components/MarketFilterBar';
import { OfferCard } from '../../components/OfferCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { BookOfferDocument, OffersDocument, type OfferCardFragment } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';

/** Creators' priced services and live-stream slots that a merchant books in one step. */
export function OfferCataloguePage() {
  const { t } = useI18n();
  const { filter, bar } = useMarketFilter(t('common.search'));
  const { data, loading, error, refetch, fetchMore } = useQuery(OffersDocument, {
    variables: {
      filter: { status: 'ACTIVE', ...filter },
      first: PAGE_SIZE,
    },
  });
  const offers = data?.offers.nodes ?? [];
  return (
    <>
      <PageHeader title={t('offers.title')} />
      <Card className="console-card">{bar}</Card>
      <div style={{ marginTop: 16 }}>
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={offers.length === 0}
          empty={t('offers.empty')}
          onRetry={() => refetch()}
        >
          <Row gutter={[16, 16]}>
            {offers.map((offer) => (
              <Col xs={24} md={12} xl={8} key={offer.id}>
                <OfferCard offer={offer} actions={[<BookOfferButton key="book" offer={offer} />]} />
              </Col>
            ))}
          </Row>
          <LoadMore connection={data?.offers} fetchMore={fetchMore} />
        </QueryState>
      </div>
    </>
  );
}

export function BookOfferButton({ offer }: { offer: OfferCardFragment }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [book] = useAction(BookOfferDocument, { success: 'offers.booked', refetch: ['Offers', 'MyOrders'] });
  return (
    <FormModalButton<{ brief: string }>
      label={t('offers.book')}
      title={`${t('offers.book')} · ${offer.title}`}
      buttonProps={{ type: 'link', disabled: offer.slotsBooked >= offer.slots }}
      onSubmit={async ({ brief }) => {
        const data = await book({ input: { offerId: offer.id, brief } });
        if (data) navigate(`/orders/${data.bookOffer.id}`);
        return Boolean(data);
      }}
    >
      <RequiredTextArea name="brief" label={t('offers.bookBrief')} rows={4} />
    </FormModalButton>
  );
}
