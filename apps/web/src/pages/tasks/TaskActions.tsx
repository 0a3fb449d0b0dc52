import { Button, Form, Input, Popconfirm } from 'antd';
import { FormModalButton } from '../../components/FormModalButton';
import { CancelTaskDocument, CloseTaskDocument, PublishTaskDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import type { TaskDetail } from './task-detail';

/** The merchant's own task: publish a draft, close applications, or cancel with a reason. */
export function TaskActions({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  const refetch = ['Task', 'TaskBids'];
  const [publish, publishing] = useAction(PublishTaskDocument, { refetch });
  const [close, closing] = useAction(CloseTaskDocument, { refetch });
  const [cancel] = useAction(CancelTaskDocument, { refetch });
  const live = task.status === 'DRAFT' || task.status === 'OPEN';
  return (
    <>
      {task.status === 'DRAFT' ? (
        <Button type="primary" loading={publishing.loading} onClick={() => publish({ taskId: task.id })}>
          {t('task.publishDraft')}
        </Button>
      ) : null}
      {task.status === 'OPEN' ? (
        <Popconfirm title={t('task.close')} onConfirm={() => close({ taskId: task.id })}>
          <Button loading={closing.loading}>{t('task.close')}</Button>
        </Popconfirm>
      ) : null}
      {live || task.status === 'CLOSED' ? (
        <FormModalButton<{ reason: string }>
          label={t('task.cancelTask')}
          title={t('task.cancelTask')}
          buttonProps={{ danger: true }}
          onSubmit={async ({ reason }) => Boolean(await cancel({ taskId: task.id, reason }))}
        >
          <Form.Item name="reason" label={t('common.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </FormModalButton>
      ) : null}
    </>
  );
}
