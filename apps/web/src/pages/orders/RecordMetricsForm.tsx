import { App, Button, Form, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormDatePicker } from '../../components/FormDatePicker';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { RecordContentMetricsDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { implausibleFigures } from '../../lib/implausible-figures';
import { formatMoney, parseMoney } from '../../lib/money';
import { dayjs } from '../../lib/time';
import { CONTENT_COUNTS } from './content-counts';

interface MetricsValues {
  day: Dayjs;
  views: number;
  clicks: number;
  favorites: number;
  addToCarts: number;
  orders: number;
  gmv: string;
}

/** The creator (or an admin) records one day of the content's figures; the same day again replaces it. */
export function RecordMetricsForm({
  deliverableId,
  currency,
}: {
  deliverableId: string;
  currency: 'CNY' | 'USD';
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<MetricsValues>();
  const { modal } = App.useApp();
  const moneyRule = useMoneyRule({ required: false });
  const [record, { loading }] = useAction(RecordContentMetricsDocument, {
    form,
    success: 'orders.metricsSaved',
    refetch: ['OrderPerformance'],
  });
  const save = async (values: MetricsValues) => {
    const gmv = parseMoney(values.gmv);
    await record({
      input: {
        deliverableId,
        day: values.day.format('YYYY-MM-DD'),
        views: values.views,
        clicks: values.clicks,
        favorites: values.favorites,
        addToCarts: values.addToCarts,
        orders: values.orders,
        gmv: { amount: gmv.ok ? gmv.amount : '0.00', currencyCode: currency },
      },
    });
  };
  // Figures real traffic does not produce (900 orders from 500 clicks) are asked about, not refused.
  const onFinish = async (values: MetricsValues) => {
    const problems = implausibleFigures(values);
    if (!problems.length) return save(values);
    const said = problems.map((problem) =>
      problem.kind === 'exceeds'
        ? t('metrics.exceeds', {
            a: t(`metrics.${problem.more}`),
            x: values[problem.more] ?? 0,
            b: t(`metrics.${problem.than}`),
            y: values[problem.than] ?? 0,
          })
        : t('metrics.gmvWithoutOrders', {
            gmv: formatMoney({ amount: problem.gmv, currencyCode: currency }),
          }),
    );
    modal.confirm({
      title: t('metrics.implausibleTitle'),
      content: (
        <>
          <ul style={{ paddingInlineStart: 18, margin: '8px 0' }}>
            {said.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {t('metrics.implausibleHelp')}
        </>
      ),
      okText: t('metrics.saveAnyway'),
      cancelText: t('metrics.goBack'),
      onOk: () => save(values),
    });
  };
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={onFinish}
      initialValues={{ day: dayjs(), views: 0, clicks: 0, favorites: 0, addToCarts: 0, orders: 0 }}
      style={{ rowGap: 8, marginTop: 12 }}
    >
      <Form.Item name="day" label={t('metrics.day')}>
        <FormDatePicker />
      </Form.Item>
      {CONTENT_COUNTS.map((key) => (
        <Form.Item key={key} name={key} label={t(`metrics.${key}`)}>
          <InputNumber min={0} />
        </Form.Item>
      ))}
      <Form.Item name="gmv" label={t('metrics.gmv')} rules={[moneyRule]}>
        <MoneyInput currency={currency} />
      </Form.Item>
      <Button htmlType="submit" loading={loading}>
        {t('orders.recordMetrics')}
      </Button>
    </Form>
  );
}
