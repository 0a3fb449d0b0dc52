import { Button, Card, Col, Form, Input, InputNumber, Row, Steps } from 'antd';
import { FormDatePicker } from '../../components/FormDatePicker';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { EnumSelect } from '../../components/EnumSelect';
import { PageHeader } from '../../components/PageHeader';
import { TagPicker } from '../../components/TagPicker';
import { CreateVenueDocument, type CreatorTier, type VenueKind } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { dayjs, venueWallTimeToIso, VENUE_ZONE } from '../../lib/time';

/** The venue timeline in order; each step must not come before the previous one. */
export const TIMELINE = [
  'recruitmentOpensAt',
  'recruitmentClosesAt',
  'submissionDeadline',
  'goLiveAt',
  'endsAt',
] as const;
type TimelineField = (typeof TIMELINE)[number];

interface VenueValues extends Record<TimelineField, Dayjs> {
  name: string;
  kind: VenueKind;
  event: string;
  description?: string;
  domainTags?: string[];
  minTier: CreatorTier;
  capacity: number;
}

/** Strictly after for the first and last steps, at or after in between (SPEC "Venues"). */
function timelineProblem(values: Partial<Record<TimelineField, Dayjs>>, field: TimelineField): boolean {
  const index = TIMELINE.indexOf(field);
  if (index === 0) return false;
  const current = values[field];
  const previous = values[TIMELINE[index - 1]];
  if (!current || !previous) return false;
  const strict = field === 'recruitmentClosesAt' || field === 'endsAt';
  return strict ? !current.isAfter(previous) : current.isBefore(previous);
}

export function VenueCreatePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<VenueValues>();
  const timeline = Form.useWatch([], form) as Partial<VenueValues> | undefined;
  const [createVenue, { loading }] = useAction(CreateVenueDocument, {
    form,
    success: 'venues.created',
    refetch: ['Venues'],
  });

  const submit = async (values: VenueValues) => {
    const data = await createVenue({
      input: {
        name: values.name,
        kind: values.kind,
        event: values.event,
        description: values.description || null,
        domainTags: values.domainTags ?? [],
        minTier: values.minTier,
        capacity: values.capacity,
        recruitmentOpensAt: venueWallTimeToIso(values.recruitmentOpensAt),
        recruitmentClosesAt: venueWallTimeToIso(values.recruitmentClosesAt),
        submissionDeadline: venueWallTimeToIso(values.submissionDeadline),
        goLiveAt: venueWallTimeToIso(values.goLiveAt),
        endsAt: venueWallTimeToIso(values.endsAt),
      },
    });
    if (data) navigate(`/admin/venues/${data.createVenue.id}`);
  };

  // Wall-clock times in Beijing: the pickers show and take Asia/Shanghai times whatever the viewer's zone.
  const start = dayjs().tz(VENUE_ZONE).add(1, 'hour').startOf('hour');
  const initial = {
    kind: 'CREATOR',
    minTier: 'CREATOR',
    capacity: 10,
    event: 'Double 11 2026',
    recruitmentOpensAt: dayjs(start.format('YYYY-MM-DDTHH:mm')),
    recruitmentClosesAt: dayjs(start.add(7, 'day').format('YYYY-MM-DDTHH:mm')),
    submissionDeadline: dayjs(start.add(14, 'day').format('YYYY-MM-DDTHH:mm')),
    goLiveAt: dayjs(start.add(16, 'day').format('YYYY-MM-DDTHH:mm')),
    endsAt: dayjs(start.add(18, 'day').format('YYYY-MM-DDTHH:mm')),
  };
  const required = [{ required: true, message: t('common.required') }];

  return (
    <>
      <PageHeader title={t('venues.create')} />
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={initial}
          data-testid="venue-form"
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('venues.name')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="event" label={t('venues.event')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="kind" label={t('venues.kind')}>
                <EnumSelect kind="VenueKind" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="minTier" label={t('task.minTier')}>
                <EnumSelect kind="CreatorTier" values={['CREATOR', 'EXPERT', 'CELEBRITY']} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="capacity" label={t('venues.capacity')} rules={required}>
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="domainTags" label={t('task.tags')}>
                <TagPicker />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('venues.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Card type="inner" size="small" title={t('venues.timeline')} style={{ marginBottom: 16 }}>
            <Steps
              direction="vertical"
              size="small"
              current={TIMELINE.length}
              items={TIMELINE.map((field) => ({
                status: timeline && timelineProblem(timeline, field) ? 'error' : 'finish',
                title: t(`venues.${field}` as MessageKey),
                description: (
                  <Form.Item
                    name={field}
                    dependencies={TIMELINE.filter((other) => other !== field)}
                    style={{ margin: '4px 0 8px' }}
                    rules={[
                      ...required,
                      ({ getFieldsValue }) => ({
                        validator: async () => {
                          if (timelineProblem(getFieldsValue(TIMELINE as unknown as string[]), field)) {
                            throw new Error(t('venues.timelineOrder'));
                          }
                        },
                      }),
                    ]}
                  >
                    <FormDatePicker
                      showTime={{ format: 'HH:mm' }}
                      format={`YYYY-MM-DD HH:mm [${VENUE_ZONE}]`}
                      style={{ width: '100%', maxWidth: 320 }}
                    />
                  </Form.Item>
                ),
              }))}
            />
          </Card>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="create-venue">
            {t('venues.create')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
