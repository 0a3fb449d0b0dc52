import { App, Button, Card, Form, InputNumber } from 'antd';
import { FormDatePicker } from '../../components/FormDatePicker';
import type { Dayjs } from 'dayjs';
import { BarChart, TrendChart } from '../../components/Charts';
import { MoneyInput, useMoneyRule } from '../../components/MoneyInput';
import { PerformanceStats } from '../../components/PerformanceStats';
import {
  OrderPerformanceDocument,
  RecordContentMetricsDocument,
  type OrderDetailFragment,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { dailySeries } from '../../lib/daily-series';
import { implausibleFigures } from '../../lib/implausible-figures';
import { formatMoney, parseMoney } from '../../lib/money';
import { dayjs } from '../../lib/time';
import type { OrderRole } from './use-order-role';

const COUNTS = ['views', 'clicks', 'favorites', 'addToCarts', 'orders'] as const;

/**
 * The content's figures and rates, day by day and in total. Hidden while the API does not serve
 * `Order.performance`, and until the content has any figures.
 */
export function PerformanceCard({ order, role }: { order: OrderDetailFragment; role: OrderRole }) {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(OrderPerformanceDocument, { variables: { id: order.id } });
  const performance = data?.order?.performance;
  const published =
    order.deliverables.find((deliverable) => deliverable.publishedUrl) ?? order.deliverables.at(-1);
  if (!served || !performance) return null;
  const canRecord =
    (role === 'creator' || role === 'admin') && Boolean(published) && order.status !== 'CANCELLED';
  if (!performance.views && !canRecord) return null;
  const daily = dailySeries(data?.order?.dailyPerformance ?? []);
  return (
    <Card className="console-card" size="small" title={t('orders.performance')}>
      <PerformanceStats performance={performance} />
      {daily.days.length ? (
        <TrendChart
          days={daily.days}
          series={[
            { name: t('metrics.views'), values: daily.views },
            { name: t('metrics.clicks'), values: daily.clicks },
            { name: t('metrics.orders'), values: daily.orders },
            { name: t('metrics.gmv'), values: daily.gmv, axis: 'right' },
          ]}
        />
      ) : null}
      <BarChart
        categories={COUNTS.map((key) => t(`metrics.${key}`))}
        values={COUNTS.map((key) => performance[key])}
        height={200}
      />
      {canRecord && published ? (
        <RecordMetricsForm deliverableId={published.id} currency={order.price.currencyCode} />
      ) : null}
    </Card>
  );
}

interface MetricsValues {
  day: Dayjs;
  views: number;
  clicks: number;
  favorites: number;
  addToCarts: number;
  orders: number;
  gmv: string;
}

function RecordMetricsForm({ deliverableId, currency }: { deliverableId: string; currency: 'CNY' | 'USD' }) {
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
      {COUNTS.map((key) => (
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
