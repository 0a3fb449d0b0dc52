import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { EnumSelect } from '../../components/EnumSelect';
import { FormModalButton } from '../../components/FormModalButton';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { TagPicker } from '../../components/TagPicker';
import {
  DuplicateTaskDocument,
  UpdateTaskDocument,
  type Channel,
  type CreatorTier,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { parseMoney } from '../../lib/money';
import { dayjs } from '../../lib/time';
import type { TaskDetail } from './task-detail';

/** The post-task form's fields that stay editable (the API's names, so field problems land on them). */
interface EditTaskValues {
  title: string;
  brief: string;
  channels: Channel[];
  domainTags: string[];
  minTier: CreatorTier;
  budget: string;
  slots: number;
  maxRevisions: number;
  applyBy: Dayjs;
  deliverBy: Dayjs;
}

/**
 * Edit a DRAFT or OPEN task's terms (the API refuses once a bid or invitation is accepted and says
 * so); only what changed is sent, so creators are told exactly that.
 */
export function EditTaskButton({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const moneyRule = useMoneyRule();
  const [update] = useAction(UpdateTaskDocument, { success: 'tools.saved', refetch: ['Task', 'TaskBids'] });
  const initialValues: EditTaskValues = {
    title: task.title,
    brief: task.brief,
    channels: task.channels,
    domainTags: task.domainTags.map((tag) => tag.slug),
    minTier: task.minTier,
    budget: task.budget.amount,
    slots: task.slots,
    maxRevisions: task.maxRevisions,
    applyBy: dayjs(task.applyBy),
    deliverBy: dayjs(task.deliverBy),
  };
  const required = [{ required: true, message: t('common.required') }];
  const onSubmit = async (values: EditTaskValues, form: Parameters<typeof update>[1]) => {
    const amount = parseMoney(values.budget);
    if (!amount.ok) return false;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const input = {
      title: values.title === task.title ? null : values.title,
      brief: values.brief === task.brief ? null : values.brief,
      channels: same(values.channels, task.channels) ? null : values.channels,
      domainTags: same(values.domainTags, initialValues.domainTags) ? null : values.domainTags,
      minTier: values.minTier === task.minTier ? null : values.minTier,
      budget:
        amount.amount === task.budget.amount
          ? null
          : { amount: amount.amount, currencyCode: task.budget.currencyCode },
      slots: values.slots === task.slots ? null : values.slots,
      maxRevisions: values.maxRevisions === task.maxRevisions ? null : values.maxRevisions,
      applyBy: values.applyBy.isSame(task.applyBy) ? null : values.applyBy.toISOString(),
      deliverBy: values.deliverBy.isSame(task.deliverBy) ? null : values.deliverBy.toISOString(),
    };
    return Boolean(await update({ taskId: task.id, input }, form));
  };
  return (
    <FormModalButton<EditTaskValues>
      label={t('tools.edit')}
      title={t('tools.editTitle')}
      okText={t('tools.save')}
      initialValues={initialValues}
      onSubmit={onSubmit}
      testId="edit-task"
    >
      <Typography.Paragraph type="secondary">{t('tools.editHelp')}</Typography.Paragraph>
      <Form.Item name="title" label={t('task.title')} rules={[...required, { max: 120 }]}>
        <Input maxLength={120} showCount />
      </Form.Item>
      <Form.Item name="brief" label={t('task.brief')} rules={[...required, { max: 5000 }]}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item name="domainTags" label={t('task.tags')} rules={required}>
        <TagPicker />
      </Form.Item>
      <Form.Item name="channels" label={t('task.channels')} rules={required}>
        <EnumSelect kind="Channel" mode="multiple" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="minTier" label={t('task.minTier')}>
            <EnumSelect kind="CreatorTier" values={['CREATOR', 'EXPERT', 'CELEBRITY']} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="budget" label={t('task.budget')} rules={[moneyRule]}>
            <MoneyInput currency={task.budget.currencyCode} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="slots" label={t('task.slots')} rules={required}>
            <InputNumber min={Math.max(1, task.slotsFilled)} max={1000} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12}>
          <Form.Item name="maxRevisions" label={t('task.maxRevisions')}>
            <InputNumber min={0} max={10} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="applyBy" label={t('task.applyBy')} rules={required}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="deliverBy" label={t('task.deliverBy')} rules={required}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModalButton>
  );
}

/** A DRAFT copy of the task (dates moved forward by the same spans), opened for review. */
export function DuplicateTaskButton({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [duplicate, { loading }] = useAction(DuplicateTaskDocument, {
    success: 'tools.duplicated',
    refetch: ['Tasks'],
  });
  return (
    <Button
      loading={loading}
      data-testid="duplicate-task"
      onClick={async () => {
        const data = await duplicate({ taskId: task.id });
        if (data) navigate(`/tasks/${data.duplicateTask.id}`);
      }}
    >
      {t('tools.duplicate')}
    </Button>
  );
}
