import { useQuery } from '@apollo/client/react';
import { Form, Input, Select, Typography } from 'antd';
import { FormModalButton } from '../../components/FormModalButton';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import {
  AddToShortlistDocument,
  CreateShortlistDocument,
  InviteCreatorDocument,
  MyOpenTasksDocument,
  MyShortlistsDocument,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { parseMoney } from '../../lib/money';

/** The merchant's open tasks, for "invite to a task" (one or a whole shortlist). */
export function useOpenTasks() {
  const { data, loading } = useQuery(MyOpenTasksDocument);
  return { tasks: data?.me?.merchant?.tasks.nodes ?? [], loading };
}

interface InviteValues {
  taskId: string;
  price?: string;
  message?: string;
}

/** Invite this creator to one of the merchant's open tasks, at its budget or another price. */
export function InviteToTaskButton({ creatorId }: { creatorId: string }) {
  const { t } = useI18n();
  const { tasks, loading } = useOpenTasks();
  const moneyRule = useMoneyRule({ required: false });
  const [invite] = useAction(InviteCreatorDocument, { success: 'square.invited' });
  return (
    <FormModalButton<InviteValues>
      label={t('square.inviteToTask')}
      title={t('square.inviteToTask')}
      buttonProps={{ type: 'primary' }}
      testId="invite-to-task"
      onSubmit={async (values, form) => {
        const task = tasks.find((candidate) => candidate.id === values.taskId);
        const price = values.price ? parseMoney(values.price) : null;
        const result = await invite(
          {
            input: {
              taskId: values.taskId,
              creatorId,
              price:
                price?.ok && task ? { amount: price.amount, currencyCode: task.budget.currencyCode } : null,
              message: values.message || null,
            },
          },
          form,
        );
        return Boolean(result);
      }}
    >
      {tasks.length === 0 && !loading ? (
        <Typography.Text type="secondary">{t('square.noOpenTasks')}</Typography.Text>
      ) : null}
      <Form.Item
        name="taskId"
        label={t('square.chooseTask')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Select loading={loading} options={tasks.map((task) => ({ value: task.id, label: task.title }))} />
      </Form.Item>
      <Form.Item name="price" label={t('task.invitePrice')} rules={[moneyRule]}>
        <MoneyInput />
      </Form.Item>
      <Form.Item name="message" label={t('task.inviteMessage')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModalButton>
  );
}

interface ShortlistValues {
  shortlistId?: string;
  name?: string;
}

/** Add this creator to one of the merchant's shortlists, or to a new one named here. */
export function AddToShortlistButton({ creatorIds }: { creatorIds: string[] }) {
  const { t } = useI18n();
  const { data } = useQuery(MyShortlistsDocument);
  const lists = data?.myShortlists ?? [];
  const refetch = ['MyShortlists', 'CreatorProfile', 'Shortlist'];
  const [create] = useAction(CreateShortlistDocument);
  const [add] = useAction(AddToShortlistDocument, { success: 'square.added', refetch });
  return (
    <FormModalButton<ShortlistValues>
      label={t('square.addToShortlist')}
      title={t('square.addToShortlist')}
      testId="add-to-shortlist"
      onSubmit={async (values, form) => {
        let shortlistId = values.shortlistId;
        if (!shortlistId && values.name) {
          shortlistId = (await create({ name: values.name }, form))?.createShortlist.id;
        }
        if (!shortlistId) return false;
        return Boolean(await add({ shortlistId, creatorIds }, form));
      }}
    >
      <Form.Item name="shortlistId" label={t('square.chooseShortlist')}>
        <Select
          allowClear
          options={lists.map((list) => ({ value: list.id, label: `${list.name} (${list.size})` }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('square.newShortlistName')}
        rules={[{ max: 60, message: t('shortlists.nameMax') }]}
      >
        <Input placeholder={t('shortlists.name')} />
      </Form.Item>
    </FormModalButton>
  );
}
