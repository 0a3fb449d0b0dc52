import { useQuery } from '@apollo/client/react';
import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { FormModalButton } from '../../components/FormModalButton';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import {
  CreatorsDocument,
  InviteCreatorDocument,
  type CreatorSummaryFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { parseMoney } from '../../lib/money';
import type { TaskDetail } from './task-detail';

interface InviteValues {
  creatorId: string;
  price?: string;
  message?: string;
}

/** Invite one creator (given, or searched by handle/name) at the budget or another price. */
export function InviteCreatorButton({
  task,
  creator,
}: {
  task: TaskDetail;
  creator?: CreatorSummaryFragment;
}) {
  const { t, label } = useI18n();
  const [search, setSearch] = useState('');
  const moneyRule = useMoneyRule({ required: false });
  const creators = useQuery(CreatorsDocument, {
    variables: { filter: { search: search || null, minTier: task.minTier }, first: 20 },
    skip: Boolean(creator),
  });
  const [invite] = useAction(InviteCreatorDocument, { success: 'task.invited' });
  return (
    <FormModalButton<InviteValues>
      label={t('task.invite')}
      title={t('task.inviteCreator')}
      buttonProps={{ type: creator ? 'primary' : 'default', size: creator ? 'small' : 'middle' }}
      initialValues={{ creatorId: creator?.id }}
      onSubmit={async (values) => {
        const price = values.price ? parseMoney(values.price) : null;
        const result = await invite({
          input: {
            taskId: task.id,
            creatorId: values.creatorId,
            price: price?.ok ? { amount: price.amount, currencyCode: task.budget.currencyCode } : null,
            message: values.message || null,
          },
        });
        return Boolean(result);
      }}
    >
      <Form.Item name="creatorId" label={t('task.inviteCreator')} rules={[{ required: true }]}>
        {creator ? (
          <Select
            disabled
            options={[{ value: creator.id, label: `${creator.displayName} @${creator.handle}` }]}
          />
        ) : (
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={creators.loading}
            options={(creators.data?.creators.nodes ?? []).map((c) => ({
              value: c.id,
              label: `${c.displayName} @${c.handle} · ${label('CreatorTier', c.tier)}`,
            }))}
          />
        )}
      </Form.Item>
      <Form.Item name="price" label={t('task.invitePrice')} rules={[moneyRule]}>
        <MoneyInput currency={task.budget.currencyCode} placeholder={task.budget.amount} />
      </Form.Item>
      <Form.Item name="message" label={t('task.inviteMessage')}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModalButton>
  );
}
