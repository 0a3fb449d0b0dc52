import { Typography } from 'antd';
import { formatMoney, type MoneyValue } from '../lib/money';

export function Money({ value, strong }: { value: MoneyValue | null | undefined; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} style={strong ? { color: '#ff5000' } : undefined}>
      {formatMoney(value)}
    </Typography.Text>
  );
}
