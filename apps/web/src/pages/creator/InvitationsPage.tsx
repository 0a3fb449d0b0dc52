import { useQuery } from '@apollo/client/react';
import { Button, Card, List, Popconfirm, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { Countdown } from '../../components/Countdown';
import { Money } from '../../components/Money';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusTag } from '../../components/StatusTag';
import {
  MyInvitationsDocument,
  RespondToInvitationDocument,
  type MyInvitationsQuery,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';

type Invitation = MyInvitationsQuery['myInvitations'][number];

export function InvitationsPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyInvitationsDocument, { variables: {} });
  const invitations = data?.myInvitations ?? [];
  return (
    <>
      <PageHeader title={t('invitations.title')} />
      <Card>
        <QueryState
          loading={loading}
          error={error}
          hasData={Boolean(data)}
          isEmpty={invitations.length === 0}
          empty={t('invitations.empty')}
          onRetry={() => refetch()}
        >
          <List
            dataSource={invitations}
            rowKey="id"
            renderItem={(invitation) => <InvitationItem invitation={invitation} />}
          />
        </QueryState>
      </Card>
    </>
  );
}

function InvitationItem({ invitation }: { invitation: Invitation }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [respond, { loading }] = useAction(RespondToInvitationDocument, {
    refetch: ['MyInvitations', 'MyOrders'],
  });
  const answer = async (accept: boolean) => {
    const data = await respond({ invitationId: invitation.id, accept });
    const order = data?.respondToInvitation.order;
    if (order) navigate(`/orders/${order.id}`);
  };
  return (
    <List.Item data-testid="invitation-row">
      <Space direction="vertical" style={{ width: '100%' }} size={4}>
        <Space wrap>
          <Link to={`/tasks/${invitation.task.id}`}>{invitation.task.title}</Link>
          <StatusTag kind="InvitationStatus" value={invitation.status} />
          <Money value={invitation.price} strong />
          {invitation.status === 'PENDING' ? (
            <Countdown deadline={invitation.expiresAt} label={t('invitations.expiresIn')} />
          ) : null}
        </Space>
        <Typography.Text type="secondary">
          {invitation.task.merchant.shopName}
          {invitation.message ? ` · ${invitation.message}` : ''}
        </Typography.Text>
        {invitation.status === 'PENDING' ? (
          <Space>
            <Button type="primary" loading={loading} onClick={() => answer(true)}>
              {t('invitations.accept')}
            </Button>
            <Popconfirm title={t('invitations.decline')} onConfirm={() => answer(false)}>
              <Button loading={loading}>{t('invitations.decline')}</Button>
            </Popconfirm>
          </Space>
        ) : null}
        {invitation.order ? <Link to={`/orders/${invitation.order.id}`}>{t('task.toOrder')}</Link> : null}
      </Space>
    </List.Item>
  );
}
