import { useQuery } from '@apollo/client/react';
import { Button, Card, Col, Form, Input, InputNumber, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CreatorBrief } from '../../components/CreatorBrief';
import { FormModalButton } from '../../components/FormModalButton';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, QueryState } from '../../components/QueryState';
import {
  AgencyCreatorSearchDocument,
  InviteToAgencyDocument,
  MyAgencyDocument,
  UpdateAgencyProfileDocument,
  type AgencyCreatorSearchQuery,
  type CreatorSummaryFragment,
  type MyAgencyQuery,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { formatBasisPoints, percentToBasisPoints } from '../../lib/percent';
import { formatDateTime } from '../../lib/time';

/** The agency's home: its share, its member creators, and inviting more. */
export function AgencyPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyAgencyDocument);
  const agency = data?.me?.agency;
  return (
    <>
      <PageHeader
        title={t('agency.title')}
        sub={agency?.name}
        extra={agency ? <EditAgencyButton agency={agency} /> : null}
      />
      <QueryState
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        isEmpty={Boolean(data) && !agency}
        empty={t('agency.noAgency')}
        onRetry={() => refetch()}
      >
        {agency ? (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8}>
              <Card className="console-card" size="small" data-testid="agency-share">
                <Statistic
                  title={t('agency.revenueShare')}
                  value={formatBasisPoints(agency.revenueShareBps)}
                />
              </Card>
            </Col>
            <Col xs={12} md={8}>
              <Card className="console-card" size="small">
                <Statistic title={t('agency.memberCount')} value={agency.creators.length} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {t('agency.shareHelp', { share: formatBasisPoints(agency.revenueShareBps) })}
              </Typography.Paragraph>
            </Col>
            <Col xs={24} lg={14}>
              <Members creators={agency.creators} />
            </Col>
            <Col xs={24} lg={10}>
              <InviteCreators
                agencyId={agency.id}
                pendingIds={agency.pendingInvitations.map((invitation) => invitation.creator.id)}
              />
              <PendingInvitations invitations={agency.pendingInvitations} />
            </Col>
          </Row>
        ) : null}
      </QueryState>
    </>
  );
}

function Members({ creators }: { creators: CreatorSummaryFragment[] }) {
  const { t } = useI18n();
  return (
    <Card className="console-card" title={t('agency.members')} data-testid="agency-members">
      {creators.length === 0 ? (
        <EmptyState>{t('agency.noMembers')}</EmptyState>
      ) : (
        <Table<CreatorSummaryFragment>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={creators}
          rowClassName={() => 'agency-member'}
          columns={[
            { title: t('orders.creator'), render: (_, creator) => <CreatorBrief creator={creator} /> },
          ]}
        />
      )}
    </Card>
  );
}

type Candidate = AgencyCreatorSearchQuery['creators']['nodes'][number];

function InviteCreators({ agencyId, pendingIds }: { agencyId: string; pendingIds: string[] }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const { data, loading, error, refetch } = useQuery(AgencyCreatorSearchDocument, {
    variables: { search, first: 10 },
    skip: !search,
  });
  const [invite, { loading: inviting }] = useAction(InviteToAgencyDocument, {
    success: 'agency.invited',
    refetch: ['MyAgency'],
  });
  const [pending, setPending] = useState<string | null>(null);
  const candidates = data?.creators.nodes ?? [];

  const action = (creator: Candidate) => {
    if (creator.agency?.id === agencyId) return <Tag color="green">{t('agency.alreadyMember')}</Tag>;
    if (pendingIds.includes(creator.id)) return <Tag color="blue">{t('agency.invitedTag')}</Tag>;
    return (
      <Button
        size="small"
        type="primary"
        loading={inviting && pending === creator.id}
        data-testid="invite-to-agency"
        onClick={async () => {
          setPending(creator.id);
          await invite({ creatorId: creator.id });
          setPending(null);
        }}
      >
        {t('agency.invite')}
      </Button>
    );
  };

  return (
    <Card className="console-card" title={t('agency.inviteTitle')} data-testid="agency-invite">
      <Typography.Paragraph type="secondary">{t('agency.inviteHelp')}</Typography.Paragraph>
      <Input.Search
        allowClear
        enterButton={t('common.search')}
        placeholder={t('agency.searchPlaceholder')}
        onSearch={(value) => setSearch(value.trim())}
        style={{ marginBottom: 12 }}
        data-testid="agency-search"
      />
      {search ? (
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={Boolean(data) && candidates.length === 0}
          empty={t('agency.noResults')}
          onRetry={() => refetch()}
        >
          <Table<Candidate>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={candidates}
            rowClassName={() => 'agency-candidate'}
            columns={[
              {
                title: t('orders.creator'),
                render: (_, creator) => (
                  <>
                    <CreatorBrief creator={creator} />
                    {creator.agency && creator.agency.id !== agencyId ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('agency.inOtherAgency', { name: creator.agency.name })}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
              { title: '', width: 110, render: (_, creator) => action(creator) },
            ]}
          />
        </QueryState>
      ) : (
        <EmptyState>{t('agency.searchFirst')}</EmptyState>
      )}
    </Card>
  );
}

type PendingInvitation = NonNullable<
  NonNullable<MyAgencyQuery['me']>['agency']
>['pendingInvitations'][number];

/** Creators invited who have not answered yet: they see the invitation on their profile. */
function PendingInvitations({ invitations }: { invitations: PendingInvitation[] }) {
  const { t } = useI18n();
  if (!invitations.length) return null;
  return (
    <Card className="console-card" title={t('agency.pending')} data-testid="agency-pending">
      <Typography.Paragraph type="secondary">{t('agency.pendingHelp')}</Typography.Paragraph>
      <Table<PendingInvitation>
        rowKey={(invitation) => invitation.creator.id}
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={invitations}
        rowClassName={() => 'agency-pending-row'}
        columns={[
          {
            title: t('orders.creator'),
            render: (_, invitation) => <CreatorBrief creator={invitation.creator} />,
          },
          {
            title: t('agency.invitedAt'),
            width: 150,
            render: (_, invitation) => formatDateTime(invitation.createdAt),
          },
        ]}
      />
    </Card>
  );
}

/**
 * The agency's name and share, the share typed as a percentage. The API's field errors land on the
 * fields (the share field carries the API's name, revenueShareBps). A new share applies to orders
 * made from now on.
 */
function EditAgencyButton({ agency }: { agency: { name: string; revenueShareBps: number } }) {
  const { t } = useI18n();
  const [update] = useAction(UpdateAgencyProfileDocument, { success: 'agency.profileSaved' });
  return (
    <FormModalButton<{ name: string; revenueShareBps: number }>
      label={t('agency.editProfile')}
      title={t('agency.editProfile')}
      testId="edit-agency"
      initialValues={{ name: agency.name, revenueShareBps: agency.revenueShareBps / 100 }}
      onSubmit={async ({ name, revenueShareBps }, form) =>
        Boolean(
          await update({ input: { name, revenueShareBps: percentToBasisPoints(revenueShareBps) } }, form),
        )
      }
    >
      <Form.Item
        name="name"
        label={t('agency.name')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item
        name="revenueShareBps"
        label={t('agency.sharePercent')}
        extra={t('agency.shareChangeHelp')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <InputNumber min={0} max={50} step={0.5} precision={2} suffix="%" style={{ width: '100%' }} />
      </Form.Item>
    </FormModalButton>
  );
}
