import { useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FormModalButton } from '../../components/FormModalButton';
import { LoadMore } from '../../components/LoadMore';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { SquareCreatorCard } from '../../components/SquareCreatorCard';
import {
  CreateShortlistDocument,
  DeleteShortlistDocument,
  InviteShortlistDocument,
  MyShortlistsDocument,
  RemoveFromShortlistDocument,
  RenameShortlistDocument,
  ShortlistDocument,
  type InviteShortlistMutation,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { parseMoney } from '../../lib/money';
import { PAGE_SIZE } from '../../lib/pagination';
import { useOpenTasks } from './CreatorActions';

type BulkResult = InviteShortlistMutation['inviteShortlist'];

/** The merchant's shortlists: keep candidates by name, and invite a whole list to a task at once. */
export function ShortlistsPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyShortlistsDocument);
  const lists = data?.myShortlists ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = lists.find((list) => list.id === chosen) ?? lists[0] ?? null;
  const [create] = useAction(CreateShortlistDocument, {
    success: 'shortlists.created',
    refetch: ['MyShortlists'],
  });
  return (
    <>
      <PageHeader
        title={t('shortlists.title')}
        extra={
          <FormModalButton<{ name: string }>
            label={t('shortlists.create')}
            title={t('shortlists.create')}
            buttonProps={{ type: 'primary' }}
            testId="create-shortlist"
            onSubmit={async ({ name }, form) => {
              const created = await create({ name }, form);
              if (created) setChosen(created.createShortlist.id);
              return Boolean(created);
            }}
          >
            <NameField />
          </FormModalButton>
        }
      />
      <QueryState
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        isEmpty={lists.length === 0}
        empty={t('shortlists.empty')}
        onRetry={() => refetch()}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <Card size="small">
              <List
                dataSource={lists}
                renderItem={(list) => (
                  <List.Item
                    onClick={() => setChosen(list.id)}
                    style={{ cursor: 'pointer', fontWeight: list.id === selected?.id ? 600 : 400 }}
                    data-testid="shortlist-item"
                  >
                    <Typography.Text ellipsis>{list.name}</Typography.Text>
                    <Tag bordered={false}>{t('shortlists.size', { n: list.size })}</Tag>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={17}>
            {selected ? (
              <ShortlistDetail key={selected.id} id={selected.id} onDeleted={() => setChosen(null)} />
            ) : null}
          </Col>
        </Row>
      </QueryState>
    </>
  );
}

function NameField() {
  const { t } = useI18n();
  return (
    <Form.Item
      name="name"
      label={t('shortlists.name')}
      rules={[
        { required: true, whitespace: true, message: t('common.required') },
        { max: 60, message: t('shortlists.nameMax') },
      ]}
    >
      <Input />
    </Form.Item>
  );
}

function ShortlistDetail({ id, onDeleted }: { id: string; onDeleted: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [result, setResult] = useState<BulkResult | null>(null);
  const { data, loading, error, refetch, fetchMore } = useQuery(ShortlistDocument, {
    variables: { id, first: PAGE_SIZE },
  });
  const refetchAll = ['MyShortlists', 'Shortlist'];
  const [rename] = useAction(RenameShortlistDocument, { success: 'shortlists.renamed', refetch: refetchAll });
  const [remove] = useAction(DeleteShortlistDocument, {
    success: 'shortlists.deleted',
    refetch: ['MyShortlists'],
  });
  const [removeCreator] = useAction(RemoveFromShortlistDocument, {
    success: 'shortlists.removed',
    refetch: refetchAll,
  });
  const list = data?.shortlist;
  const members = list?.creators.nodes ?? [];
  return (
    <QueryState
      loading={loading}
      error={error}
      hasData={Boolean(data)}
      isEmpty={!list}
      onRetry={() => refetch()}
    >
      {list ? (
        <Card
          size="small"
          title={list.name}
          extra={
            <Space wrap>
              <InviteListButton shortlistId={list.id} disabled={list.size === 0} onDone={setResult} />
              <FormModalButton<{ name: string }>
                label={t('shortlists.rename')}
                title={t('shortlists.rename')}
                initialValues={{ name: list.name }}
                onSubmit={async ({ name }, form) =>
                  Boolean(await rename({ shortlistId: list.id, name }, form))
                }
              >
                <NameField />
              </FormModalButton>
              <Popconfirm
                title={t('shortlists.deleteConfirm')}
                onConfirm={async () => {
                  if (await remove({ shortlistId: list.id })) onDeleted();
                }}
              >
                <Button danger>{t('shortlists.delete')}</Button>
              </Popconfirm>
            </Space>
          }
        >
          {result ? <BulkInvitationReport result={result} /> : null}
          {members.length === 0 ? (
            <Empty description={t('shortlists.membersEmpty')} />
          ) : (
            <Row gutter={[12, 12]}>
              {members.map((creator) => (
                <Col xs={24} md={12} key={creator.id}>
                  <SquareCreatorCard
                    creator={creator}
                    onOpen={() => navigate(`/creators/${creator.id}`)}
                    actions={[
                      <Button
                        key="remove"
                        type="link"
                        onClick={(event) => {
                          event.stopPropagation();
                          void removeCreator({ shortlistId: list.id, creatorIds: [creator.id] });
                        }}
                      >
                        {t('shortlists.remove')}
                      </Button>,
                    ]}
                  />
                </Col>
              ))}
            </Row>
          )}
          <LoadMore connection={list.creators} fetchMore={fetchMore} />
        </Card>
      ) : null}
    </QueryState>
  );
}

interface InviteValues {
  taskId: string;
  price?: string;
  message?: string;
}

function InviteListButton({
  shortlistId,
  disabled,
  onDone,
}: {
  shortlistId: string;
  disabled: boolean;
  onDone: (result: BulkResult) => void;
}) {
  const { t } = useI18n();
  const { tasks, loading } = useOpenTasks();
  const moneyRule = useMoneyRule({ required: false });
  const [invite] = useAction(InviteShortlistDocument);
  return (
    <FormModalButton<InviteValues>
      label={t('shortlists.inviteAll')}
      title={t('shortlists.inviteTitle')}
      buttonProps={{ type: 'primary', disabled }}
      testId="invite-shortlist"
      onSubmit={async (values, form) => {
        const task = tasks.find((candidate) => candidate.id === values.taskId);
        const price = values.price ? parseMoney(values.price) : null;
        const data = await invite(
          {
            shortlistId,
            taskId: values.taskId,
            price:
              price?.ok && task ? { amount: price.amount, currencyCode: task.budget.currencyCode } : null,
            message: values.message || null,
          },
          form,
        );
        if (data) onDone(data.inviteShortlist);
        return Boolean(data);
      }}
    >
      <Typography.Paragraph type="secondary">{t('shortlists.inviteHelp')}</Typography.Paragraph>
      <Form.Item
        name="taskId"
        label={t('square.chooseTask')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select
          loading={loading}
          notFoundContent={t('square.noOpenTasks')}
          options={tasks.map((task) => ({ value: task.id, label: task.title }))}
        />
      </Form.Item>
      <Form.Item name="price" label={t('shortlists.price')} rules={[moneyRule]}>
        <MoneyInput />
      </Form.Item>
      <Form.Item name="message" label={t('shortlists.message')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModalButton>
  );
}

/** Who was invited, and every creator who was not, with the API's reason in the reader's language. */
export function BulkInvitationReport({ result }: { result: BulkResult }) {
  const { t } = useI18n();
  return (
    <div data-testid="bulk-invitation-report" style={{ marginBottom: 12 }}>
      <Alert
        type={result.skipped.length ? 'warning' : 'success'}
        showIcon
        message={
          <Space wrap>
            <span>{t('shortlists.invitedCount', { n: result.invited.length })}</span>
            {result.skipped.length ? (
              <span>{t('shortlists.skippedCount', { n: result.skipped.length })}</span>
            ) : null}
          </Space>
        }
      />
      {result.skipped.length ? (
        <List
          size="small"
          header={<Typography.Text strong>{t('shortlists.skippedWhy')}</Typography.Text>}
          dataSource={result.skipped}
          renderItem={(skip) => (
            <List.Item data-testid="skipped-invitation">
              <List.Item.Meta
                title={`${skip.creator.displayName} @${skip.creator.handle}`}
                description={skip.reason}
              />
              <Tag>{skip.code}</Tag>
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
