import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { FormDatePicker } from '../../components/FormDatePicker';
import type { Dayjs } from 'dayjs';
import { useViewer } from '../../auth/auth';
import {
  DEAL_TERMS_DEFAULTS,
  DealTermsFields,
  dealTermsInput,
  type DealTermsValues,
} from '../../components/DealTermsFields';
import { EnumSelect } from '../../components/EnumSelect';
import { FormModalButton } from '../../components/FormModalButton';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { LoadMore } from '../../components/LoadMore';
import { OfferCard } from '../../components/OfferCard';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TagPicker } from '../../components/TagPicker';
import {
  OffersDocument,
  PostOfferDocument,
  SetOfferStatusDocument,
  type Channel,
  type ContentType,
  type CurrencyCode,
  type OfferCardFragment,
  type OfferStatus,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';
import { parseMoney } from '../../lib/money';

export function MyOffersPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { data, loading, error, refetch, fetchMore } = useQuery(OffersDocument, {
    variables: { filter: { creatorId: viewer.creator?.id }, first: PAGE_SIZE },
    skip: !viewer.creator,
  });
  const offers = data?.offers.nodes ?? [];
  return (
    <>
      <PageHeader title={t('offers.mine')} extra={<PostOfferButton />} />
      <QueryState
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        isEmpty={offers.length === 0}
        empty={t('offers.mineEmpty')}
        onRetry={() => refetch()}
      >
        <Row gutter={[16, 16]}>
          {offers.map((offer) => (
            <Col xs={24} md={12} xl={8} key={offer.id}>
              <OfferCard offer={offer} showCreator={false} actions={statusActions(offer)} />
            </Col>
          ))}
        </Row>
        <LoadMore connection={data?.offers} fetchMore={fetchMore} />
      </QueryState>
    </>
  );
}

function statusActions(offer: OfferCardFragment) {
  const next: OfferStatus[] =
    offer.status === 'ACTIVE' ? ['PAUSED', 'CLOSED'] : offer.status === 'PAUSED' ? ['ACTIVE', 'CLOSED'] : [];
  return next.map((status) => <OfferStatusButton key={status} offerId={offer.id} status={status} />);
}

function OfferStatusButton({ offerId, status }: { offerId: string; status: OfferStatus }) {
  const { t } = useI18n();
  const [setStatus, { loading }] = useAction(SetOfferStatusDocument, { refetch: ['Offers'] });
  const labels = {
    ACTIVE: t('offers.activate'),
    PAUSED: t('offers.pause'),
    CLOSED: t('offers.close'),
  } as const;
  return (
    <Button type="link" loading={loading} onClick={() => setStatus({ offerId, status })}>
      {labels[status]}
    </Button>
  );
}

interface OfferValues extends DealTermsValues {
  title: string;
  description: string;
  contentType: ContentType;
  channels: Channel[];
  domainTags: string[];
  price: string;
  currency: CurrencyCode;
  slots: number;
  turnaroundDays: number;
  scheduledAt?: Dayjs;
  bookBy?: Dayjs;
}

export function PostOfferButton() {
  const { t } = useI18n();
  const moneyRule = useMoneyRule();
  const [postOffer] = useAction(PostOfferDocument, { success: 'offers.posted', refetch: ['Offers'] });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormModalButton<OfferValues>
      label={t('offers.post')}
      title={t('offers.post')}
      buttonProps={{ type: 'primary', icon: <PlusOutlined /> }}
      initialValues={{
        contentType: 'VIDEO',
        channels: ['HEADLINES'],
        currency: 'CNY',
        slots: 5,
        turnaroundDays: 7,
        ...DEAL_TERMS_DEFAULTS,
      }}
      onSubmit={async (values, form) => {
        const price = parseMoney(values.price);
        if (!price.ok) return false;
        const data = await postOffer(
          {
            input: {
              title: values.title,
              description: values.description,
              contentType: values.contentType,
              channels: values.channels,
              domainTags: values.domainTags,
              price: { amount: price.amount, currencyCode: values.currency },
              slots: values.slots,
              turnaroundDays: values.turnaroundDays,
              scheduledAt: values.scheduledAt?.toISOString() ?? null,
              bookBy: values.bookBy?.toISOString() ?? null,
              ...dealTermsInput(values, values.channels),
            },
          },
          form,
        );
        return Boolean(data);
      }}
    >
      <Form.Item name="title" label={t('task.title')} rules={required}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="description" label={t('offers.description')} rules={required}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="contentType" label={t('task.contentType')}>
            <EnumSelect kind="ContentType" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="channels" label={t('task.channels')} rules={required}>
            <EnumSelect kind="Channel" mode="multiple" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="domainTags" label={t('task.tags')} rules={required}>
        <TagPicker />
      </Form.Item>
      <Row gutter={8}>
        <Col span={16}>
          <Form.Item name="price" label={t('offers.price')} rules={[moneyRule]}>
            <MoneyInput />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="currency" label={t('task.currency')}>
            <Select options={[{ value: 'CNY' }, { value: 'USD' }]} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="slots" label={t('task.slots')}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="turnaroundDays" label={t('offers.turnaroundDays')}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={8}>
        <Col span={12}>
          <Form.Item name="scheduledAt" label={t('offers.scheduledAt')}>
            <FormDatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="bookBy" label={t('offers.bookBy')}>
            <FormDatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('terms.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('offers.termsHelp')}
      </Typography.Paragraph>
      <DealTermsFields narrow />
    </FormModalButton>
  );
}
