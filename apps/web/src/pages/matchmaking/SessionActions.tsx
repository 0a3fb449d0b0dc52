import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Form, Input, InputNumber, Select, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useViewer } from '../../auth/auth';
import { FormDatePicker } from '../../components/FormDatePicker';
import { FormModalButton } from '../../components/FormModalButton';
import { TagPicker } from '../../components/TagPicker';
import {
  CreateMatchmakingSessionDocument,
  JoinMatchmakingSessionDocument,
  MyOpenTasksWithTagsDocument,
  type SessionCardFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { dayjs, venueWallTimeToIso, VENUE_ZONE } from '../../lib/time';

const TIMELINE = ['signupOpensAt', 'matchingStartsAt', 'endsAt'] as const;
type TimelineField = (typeof TIMELINE)[number];

interface SessionValues extends Record<TimelineField, Dayjs> {
  name: string;
  industry: string;
  description?: string;
  pairingsPerTask: number;
}

const REFETCH = ['MatchmakingSessions', 'MatchmakingSession'];

/** Admin: a new session in a dialog (name, industry, timeline in Beijing time, pairings per task). */
export function CreateSessionButton() {
  const { t } = useI18n();
  const [create] = useAction(CreateMatchmakingSessionDocument, { success: 'mm.created', refetch: REFETCH });
  const start = dayjs().tz(VENUE_ZONE).add(1, 'hour').startOf('hour');
  return (
    <FormModalButton<SessionValues>
      label={t('mm.create')}
      title={t('mm.create')}
      buttonProps={{ type: 'primary', icon: <PlusOutlined /> }}
      testId="create-session"
      initialValues={{
        name: '',
        pairingsPerTask: 5,
        signupOpensAt: start,
        matchingStartsAt: start.add(3, 'day'),
        endsAt: start.add(7, 'day'),
      }}
      onSubmit={async (values, form) =>
        Boolean(
          await create(
            {
              input: {
                name: values.name,
                industry: values.industry,
                description: values.description || null,
                pairingsPerTask: values.pairingsPerTask,
                signupOpensAt: venueWallTimeToIso(values.signupOpensAt),
                matchingStartsAt: venueWallTimeToIso(values.matchingStartsAt),
                endsAt: venueWallTimeToIso(values.endsAt),
              },
            },
            form,
          ),
        )
      }
    >
      <Form.Item name="name" label={t('mm.name')} rules={[{ required: true, max: 120 }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="industry" label={t('mm.industry')} rules={[{ required: true }]}>
        <IndustryPicker />
      </Form.Item>
      <Form.Item name="description" label={t('mm.description')}>
        <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      {TIMELINE.map((field, index) => (
        <Form.Item
          key={field}
          name={field}
          label={t(`mm.${field}` as MessageKey)}
          dependencies={index ? [TIMELINE[index - 1]] : []}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_rule, value: Dayjs | undefined) => {
                const previous: Dayjs | undefined = index ? getFieldValue(TIMELINE[index - 1]) : undefined;
                return !value || !previous || value.isAfter(previous)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('mm.timelineOrder')));
              },
            }),
          ]}
        >
          <FormDatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
      ))}
      <Form.Item name="pairingsPerTask" label={t('mm.pairingsPerTask')} rules={[{ required: true }]}>
        <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModalButton>
  );
}

/** An industry is a top-level tag: the picker offers only those. */
function IndustryPicker(props: { value?: string; onChange?: (value: string) => void; id?: string }) {
  return (
    <TagPicker
      id={props.id}
      single
      value={props.value}
      onChange={(value) => props.onChange?.((Array.isArray(value) ? value[0] : value).split('.')[0])}
    />
  );
}

/**
 * Join during SIGNUP: a creator at once; a merchant picks one of its OPEN tasks (the API says when the
 * task is not of the industry). After joining, a "Joined" tag.
 */
export function JoinButton({ session }: { session: SessionCardFragment }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const [join, { loading }] = useAction(JoinMatchmakingSessionDocument, {
    success: 'mm.joinedOk',
    refetch: REFETCH,
  });
  const joinedTag = session.joined ? <Tag color="success">{t('mm.joined')}</Tag> : null;
  // Only during SIGNUP; a creator joins once, a merchant once per task.
  if (session.phase !== 'SIGNUP' || (viewer.role === 'CREATOR' && session.joined)) return joinedTag;
  if (viewer.role === 'CREATOR') {
    return (
      <Button
        type="primary"
        loading={loading}
        data-testid="join-session"
        onClick={() => join({ sessionId: session.id })}
      >
        {t('mm.join')}
      </Button>
    );
  }
  if (viewer.role !== 'MERCHANT' || !viewer.merchant) return null;
  return (
    <>
      {joinedTag}
      <FormModalButton<{ taskId: string }>
        label={t('mm.join')}
        title={`${t('mm.join')} · ${session.name}`}
        buttonProps={{ type: session.joined ? 'default' : 'primary' }}
        testId="join-session"
        onSubmit={async (values, form) =>
          Boolean(await join({ sessionId: session.id, taskId: values.taskId }, form))
        }
      >
        <Form.Item name="taskId" label={t('mm.pickTask')} rules={[{ required: true }]}>
          <OpenTaskSelect merchantId={viewer.merchant.id} industry={session.industry.slug} />
        </Form.Item>
      </FormModalButton>
    </>
  );
}

/** The merchant's OPEN tasks, those tagged in the industry first. */
function OpenTaskSelect(props: {
  merchantId: string;
  industry: string;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const { data, loading } = useQuery(MyOpenTasksWithTagsDocument, {
    variables: { merchantId: props.merchantId },
  });
  const inIndustry = (tags: { slug: string }[]) =>
    tags.some((tag) => tag.slug === props.industry || tag.slug.startsWith(`${props.industry}.`));
  const tasks = [...(data?.tasks.nodes ?? [])].sort(
    (a, b) => Number(inIndustry(b.domainTags)) - Number(inIndustry(a.domainTags)),
  );
  return (
    <Select
      id={props.id}
      loading={loading}
      value={props.value}
      onChange={props.onChange}
      notFoundContent={t('mm.noOpenTasks')}
      options={tasks.map((task) => ({
        value: task.id,
        label: `${task.title} · ${task.domainTags.map((tag) => tag.name).join('、')}`,
      }))}
    />
  );
}
