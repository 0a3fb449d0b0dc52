import { useLazyQuery, useQuery } from '@apollo/client/react';
import { Button, Card, Drawer, Form, Input, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { CreatorBrief } from '../../components/CreatorBrief';
import { EnumSelect } from '../../components/EnumSelect';
import { FormModalButton, RequiredTextArea } from '../../components/FormModalButton';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/QueryState';
import {
  CreatorsDocument,
  CreatorTierHistoryDocument,
  SetCreatorTierDocument,
  type CreatorTier,
  type CreatorsQuery,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { PAGE_SIZE } from '../../lib/pagination';
import { formatDateTime } from '../../lib/time';

type CreatorRow = CreatorsQuery['creators']['nodes'][number];

/** Admin: every creator with their tier; set a tier with the reason the audit trail keeps. */
export function CreatorsAdminPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const { data, loading, error, refetch, fetchMore } = useQuery(CreatorsDocument, {
    variables: { filter: { search: search || null }, first: PAGE_SIZE },
  });
  const creators = data?.creators.nodes ?? [];
  return (
    <>
      <PageHeader title={t('creators.title')} />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('creators.search')}
          onSearch={setSearch}
          style={{ marginBottom: 12, maxWidth: 360 }}
        />
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={creators.length === 0}
          empty={t('creators.empty')}
          onRetry={() => refetch()}
        >
          <Table<CreatorRow>
            rowKey="id"
            dataSource={creators}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: t('orders.creator'), render: (_, creator) => <CreatorBrief creator={creator} /> },
              {
                title: '',
                width: 200,
                render: (_, creator) => (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <SetTierButton creator={creator} /> <HistoryButton creatorId={creator.id} />
                  </span>
                ),
              },
            ]}
          />
          <LoadMore connection={data?.creators} fetchMore={fetchMore} />
        </QueryState>
      </Card>
    </>
  );
}

function SetTierButton({ creator }: { creator: CreatorRow }) {
  const { t } = useI18n();
  const [setTier] = useAction(SetCreatorTierDocument, {
    success: 'creators.tierSet',
    refetch: ['CreatorTierHistory'],
  });
  return (
    <FormModalButton<{ tier: CreatorTier; reason: string }>
      label={t('creators.setTier')}
      title={`${t('creators.setTier')} · ${creator.displayName}`}
      buttonProps={{ size: 'small', type: 'primary' }}
      initialValues={{ tier: creator.tier }}
      onSubmit={async ({ tier, reason }, form) =>
        Boolean(await setTier({ creatorId: creator.id, tier, reason }, form))
      }
    >
      <Form.Item name="tier" label={t('creators.newTier')} rules={[{ required: true }]}>
        <EnumSelect kind="CreatorTier" />
      </Form.Item>
      <RequiredTextArea name="reason" label={t('creators.reason')} rows={3} />
    </FormModalButton>
  );
}

function HistoryButton({ creatorId }: { creatorId: string }) {
  const { t, label } = useI18n();
  const [open, setOpen] = useState(false);
  const [load, { data, loading, error }] = useLazyQuery(CreatorTierHistoryDocument);
  const history = data?.creator?.tierHistory ?? [];
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          setOpen(true);
          void load({ variables: { id: creatorId } });
        }}
      >
        {t('creators.history')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('creators.history')} size="default">
        <QueryState loading={loading} error={error} hasData={Boolean(data)}>
          {history.length === 0 ? (
            <EmptyState>{t('creators.noHistory')}</EmptyState>
          ) : (
            <Timeline
              items={history.map((change, index) => ({
                key: index,
                content: (
                  <>
                    <Typography.Text strong>
                      {label('CreatorTier', change.fromTier)} → {label('CreatorTier', change.toTier)}
                    </Typography.Text>
                    <div>{change.reason}</div>
                    <Typography.Text type="secondary">
                      {change.actor.displayName} · {formatDateTime(change.createdAt)}
                    </Typography.Text>
                  </>
                ),
              }))}
            />
          )}
        </QueryState>
      </Drawer>
    </>
  );
}
