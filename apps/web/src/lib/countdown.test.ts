import { describe, expect, it } from 'vitest';
import { formatCountdown } from './countdown';

const NOW = new Date('2026-11-11T00:00:00Z');
const after = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('formatCountdown', () => {
  it('shows days and hours while more than a day is left', () => {
    expect(formatCountdown(after(2 * DAY + 3 * HOUR + 59 * MINUTE), NOW, 'zh')).toEqual({
      text: '2天3小时',
      overdue: false,
      urgent: false,
    });
    expect(formatCountdown(after(2 * DAY + 3 * HOUR), NOW, 'en').text).toBe('2d 3h');
  });

  it('shows hours and minutes in the last day, and marks it urgent', () => {
    expect(formatCountdown(after(5 * HOUR + 7 * MINUTE + 30 * SECOND), NOW, 'zh')).toEqual({
      text: '5小时7分',
      overdue: false,
      urgent: true,
    });
  });

  it('shows minutes and seconds in the last hour', () => {
    expect(formatCountdown(after(12 * MINUTE + 5 * SECOND), NOW, 'zh').text).toBe('12分05秒');
    expect(formatCountdown(after(9 * SECOND), NOW, 'en').text).toBe('0m 09s');
  });

  it('says how long ago a passed deadline was', () => {
    expect(formatCountdown(after(-(3 * HOUR + 20 * MINUTE)), NOW, 'zh')).toEqual({
      text: '已超时 3小时20分',
      overdue: true,
      urgent: false,
    });
    expect(formatCountdown(after(-DAY), NOW, 'en').text).toBe('overdue by 1d 0h');
    expect(formatCountdown(NOW, NOW, 'en').overdue).toBe(true);
  });

  it('takes Date objects and ISO strings with any offset alike', () => {
    expect(formatCountdown('2026-11-11T10:00:00+08:00', NOW, 'en').text).toBe('2h 0m');
  });
});
