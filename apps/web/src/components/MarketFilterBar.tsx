import { Col, Input, Row } from 'antd';
import { useState } from 'react';
import type { ContentType } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { EnumSelect } from './EnumSelect';
import { TagPicker } from './TagPicker';

/** What the task feed and the offers catalogue are narrowed by, as the API's filters take it. */
export interface MarketFilter {
  search: string | null;
  domainTags: string[] | null;
  contentType: ContentType | null;
}

/** The search box, tag picker and content type over a list of tasks or offers, and the filter they make. */
export function useMarketFilter(searchPlaceholder: string) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [contentType, setContentType] = useState<ContentType | undefined>();
  const filter: MarketFilter = {
    search: search || null,
    domainTags: tags.length ? tags : null,
    contentType: contentType ?? null,
  };
  const bar = (
    <Row gutter={[8, 8]} style={{ marginBottom: 8 }}>
      <Col xs={24} md={10}>
        <Input.Search allowClear placeholder={searchPlaceholder} onSearch={setSearch} />
      </Col>
      <Col xs={24} md={8}>
        <TagPicker
          value={tags}
          onChange={(value) => setTags(value as string[])}
          placeholder={t('task.tags')}
        />
      </Col>
      <Col xs={24} md={6}>
        <EnumSelect
          kind="ContentType"
          allowClear
          placeholder={t('task.contentType')}
          value={contentType}
          onChange={(value) => setContentType(value as ContentType | undefined)}
          style={{ width: '100%' }}
        />
      </Col>
    </Row>
  );
  return { filter, bar };
}
