import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Switch } from 'antd';
import { FormDatePicker } from '../../components/FormDatePicker';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { EnumSelect } from '../../components/EnumSelect';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { PageHeader } from '../../components/PageHeader';
import { TagPicker } from '../../components/TagPicker';
import {
  PostTaskDocument,
  VenuesDocument,
  type Channel,
  type ContentType,
  type CreatorTier,
  type CurrencyCode,
  type TaskVisibility,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { parseMoney } from '../../lib/money';
import { dayjs, formatVenueTime } from '../../lib/time';
import {
  DEAL_TERMS_DEFAULTS,
  DealTermsFields,
  dealTermsInput,
  type DealTermsValues,
} from '../../components/DealTermsFields';

interface PostTaskValues extends DealTermsValues {
  title: string;
  brief: string;
  contentType: ContentType;
  channels: Channel[];
  domainTags: string[];
  minTier: CreatorTier;
  budget: string;
  currency: CurrencyCode;
  slots: number;
  applyBy: Dayjs;
  deliverBy: Dayjs;
  maxRevisions: number;
  visibility: TaskVisibility;
  venueId?: string;
  publish: boolean;
}

/** The task form; its field names are the API's, so `extensions.fields` problems land on them. */
export function PostTaskPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<PostTaskValues>();
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const publish = Form.useWatch('publish', form) ?? true;
  const moneyRule = useMoneyRule();
  const venues = useOptionalQuery(VenuesDocument, { variables: { first: 50 } });
  const [postTask, { loading }] = useAction(PostTaskDocument, {
    form,
    success: publish ? 'task.posted' : 'task.saved',
    refetch: ['Tasks'],
  });

  const submit = async (values: PostTaskValues) => {
    const amount = parseMoney(values.budget);
    if (!amount.ok) return;
    const data = await postTask({
      input: {
        title: values.title,
        brief: values.brief,
        contentType: values.contentType,
        channels: values.channels,
        domainTags: values.domainTags,
        minTier: values.minTier,
        budget: { amount: amount.amount, currencyCode: values.currency },
        slots: values.slots,
        applyBy: values.applyBy.toISOString(),
        deliverBy: values.deliverBy.toISOString(),
        maxRevisions: values.maxRevisions,
        visibility: values.visibility,
        venueId: values.venueId || null,
        publish: values.publish,
        ...dealTermsInput(values, values.channels),
      },
    });
    if (data) navigate(`/tasks/${data.postTask.id}`);
  };

  const required = [{ required: true, message: t('common.required') }];
  const venueOptions = (venues.data?.venues.nodes ?? []).map((venue) => ({
    value: venue.id,
    label: `${venue.event} · ${venue.name} (${t('venues.submissionDeadline')} ${formatVenueTime(venue.submissionDeadline)})`,
  }));

  return (
    <>
      <PageHeader title={t('nav.postTask')} />
      <Card>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          scrollToFirstError
          data-testid="post-task-form"
          initialValues={{
            contentType: 'VIDEO',
            channels: ['HEADLINES'],
            minTier: 'CREATOR',
            currency: 'CNY',
            slots: 1,
            maxRevisions: 2,
            visibility: 'PUBLIC',
            publish: true,
            applyBy: dayjs().add(3, 'day').startOf('hour'),
            deliverBy: dayjs().add(10, 'day').startOf('hour'),
            ...DEAL_TERMS_DEFAULTS,
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item name="title" label={t('task.title')} rules={[...required, { max: 120 }]}>
                <Input maxLength={120} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contentType" label={t('task.contentType')} rules={required}>
                <EnumSelect kind="ContentType" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="brief" label={t('task.brief')} rules={[...required, { max: 5000 }]}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="domainTags" label={t('task.tags')} rules={required}>
                <TagPicker />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="channels" label={t('task.channels')} rules={required}>
                <EnumSelect kind="Channel" mode="multiple" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="minTier" label={t('task.minTier')}>
                <EnumSelect kind="CreatorTier" values={['CREATOR', 'EXPERT', 'CELEBRITY']} />
              </Form.Item>
            </Col>
            <Col xs={16} md={10}>
              <Form.Item name="budget" label={t('task.budget')} rules={[moneyRule]}>
                <MoneyInput currency={currency} placeholder="3000.00" />
              </Form.Item>
            </Col>
            <Col xs={8} md={6}>
              <Form.Item name="currency" label={t('task.currency')}>
                <Select options={[{ value: 'CNY' }, { value: 'USD' }]} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="slots" label={t('task.slots')} rules={required}>
                <InputNumber min={1} max={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="maxRevisions" label={t('task.maxRevisions')}>
                <InputNumber min={0} max={10} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="applyBy" label={t('task.applyBy')} rules={required}>
                <FormDatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="deliverBy"
                label={t('task.deliverBy')}
                dependencies={['applyBy']}
                rules={[
                  ...required,
                  ({ getFieldValue }) => ({
                    validator: async (_, value: Dayjs | undefined) => {
                      const applyBy = getFieldValue('applyBy') as Dayjs | undefined;
                      if (value && applyBy && !value.isAfter(applyBy))
                        throw new Error(t('task.validation.deliverAfterApply'));
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
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="visibility" label={t('task.visibility')}>
                <Radio.Group
                  optionType="button"
                  options={['PUBLIC', 'INVITE_ONLY'].map((value) => ({
                    value,
                    label: label('TaskVisibility', value),
                  }))}
                />
              </Form.Item>
            </Col>
            {venues.served && venueOptions.length ? (
              <Col xs={24} md={16}>
                <Form.Item name="venueId" label={t('task.venue')} extra={t('task.venueHelp')}>
                  <Select allowClear options={venueOptions} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          <DealTermsFields />
          <Form.Item name="publish" label={t('task.publish')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={loading} data-testid="post-task-submit">
            {t('task.post')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
