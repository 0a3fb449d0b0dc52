import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n';
import { formatCountdown } from '../lib/countdown';
import { formatDateTime } from '../lib/time';

/** Time left to a deadline: red when overdue, orange in the last day; the exact time on hover. */
export function Countdown({ deadline, label }: { deadline: string; label?: string }) {
  const { lang } = useI18n();
  const now = useNow(1000);
  const countdown = formatCountdown(deadline, now, lang);
  const color = countdown.overdue ? 'red' : countdown.urgent ? 'orange' : 'blue';
  return (
    <Tooltip title={formatDateTime(deadline)}>
      <Tag color={color} icon={<ClockCircleOutlined />} data-testid="countdown">
        {label ? `${label} ` : ''}
        {countdown.text}
      </Tag>
    </Tooltip>
  );
}
