import { useQuery } from '@apollo/client/react';
import { Card, Checkbox, Col, Input, InputNumber, Row, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { EnumSelect } from '../../components/EnumSelect';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SquareCreatorCard } from '../../components/SquareCreatorCard';
import { TagPicker } from '../../components/TagPicker';
import {
  CreatorSquareDocument,
  type Channel,
  type ContentType,
  type CreatorFilter,
  type CreatorOrder,
  type CreatorTier,
} from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';

const RATINGS = [3, 4, 4.5];

/** 找达人: the creator square, with the filters a merchant weighs and the sorts of the API. */
export function CreatorSquarePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<CreatorFilter>({});
  const [orderBy, setOrderBy] = useState<CreatorOrder>('RELEVANCE');
  const set = (changes: Partial<CreatorFilter>) => setFilter((current) => ({ ...current, ...changes }));
  const { data, loading, error, refetch, fetchMore } = useQuery(CreatorSquareDocument, {
    variables: { filter, orderBy, first: PAGE_SIZE },
  });
  const creators = data?.creators.nodes ?? [];
  return (
    <>
      <PageHeader
        title={t('square.title')}
        extra={
          <EnumSelect
            kind="CreatorOrder"
            aria-label={t('square.sort')}
            value={orderBy}
            onChange={(value) => setOrderBy(value as CreatorOrder)}
            style={{ minWidth: 140 }}
            data-testid="square-sort"
          />
        }
      />
      <Card className="console-card" data-testid="square-filters">
        <Row gutter={[8, 8]}>
          <Col xs={24} md={12}>
            <Input.Search
              allowClear
              placeholder={t('square.search')}
              onSearch={(value) => set({ search: value || null })}
            />
          </Col>
          <Col xs={24} md={12}>
            <TagPicker
              value={filter.domainTags ?? []}
              onChange={(value) =>
                set({ domainTags: (value as string[]).length ? (value as string[]) : null })
              }
              placeholder={t('square.tags')}
            />
          </Col>
          <Col xs={12} md={6}>
            <EnumSelect
              kind="CreatorTier"
              allowClear
              placeholder={t('square.tier')}
              value={filter.minTier ?? undefined}
              onChange={(value) => set({ minTier: (value as CreatorTier | undefined) ?? null })}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <EnumSelect
              kind="Channel"
              allowClear
              placeholder={t('square.channel')}
              value={filter.channel ?? undefined}
              onChange={(value) => set({ channel: (value as Channel | undefined) ?? null })}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <EnumSelect
              kind="ContentType"
              allowClear
              placeholder={t('square.contentType')}
              value={filter.contentType ?? undefined}
              onChange={(value) => set({ contentType: (value as ContentType | undefined) ?? null })}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <Select
              allowClear
              placeholder={t('square.minRating')}
              value={filter.minRating ?? undefined}
              onChange={(value?: number) => set({ minRating: value ?? null })}
              options={RATINGS.map((value) => ({ value, label: `≥ ${value}` }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <InputNumber
              min={0}
              precision={0}
              placeholder={t('square.minFollowers')}
              value={filter.minFollowers ?? null}
              onChange={(value) => set({ minFollowers: value ?? null })}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <InputNumber
              min={0}
              precision={0}
              placeholder={t('square.maxFollowers')}
              value={filter.maxFollowers ?? null}
              onChange={(value) => set({ maxFollowers: value ?? null })}
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6}>
            <InputNumber
              min={1}
              precision={0}
              placeholder={t('square.maxPrice')}
              onChange={(value) =>
                set({ maxTypicalPrice: value ? { amount: `${value}.00`, currencyCode: 'CNY' } : null })
              }
              style={{ width: '100%' }}
            />
          </Col>
          <Col xs={12} md={6} style={{ display: 'flex', alignItems: 'center' }}>
            <Checkbox
              checked={filter.hasActiveOffer === true}
              onChange={(event) => set({ hasActiveOffer: event.target.checked ? true : null })}
            >
              {t('square.hasOffers')}
            </Checkbox>
          </Col>
        </Row>
      </Card>
      <div style={{ marginTop: 16 }}>
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={creators.length === 0}
          empty={t('square.empty')}
          onRetry={() => refetch()}
        >
          <Row gutter={[16, 16]}>
            {creators.map((creator) => (
              <Col xs={24} md={12} xl={8} key={creator.id}>
                <SquareCreatorCard creator={creator} onOpen={() => navigate(`/creators/${creator.id}`)} />
              </Col>
            ))}
          </Row>
          <LoadMore connection={data?.creators} fetchMore={fetchMore} />
        </QueryState>
      </div>
    </>
  );
}
