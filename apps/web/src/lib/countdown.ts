export type Lang = 'zh' | 'en';

export interface Countdown {
  /** "2天3小时" / "2d 3h"; for a passed deadline, how long ago. */
  text: string;
  overdue: boolean;
  /** Less than a day left. */
  urgent: boolean;
}

const UNITS: Record<Lang, { d: string; h: string; m: string; s: string; join: string }> = {
  zh: { d: '天', h: '小时', m: '分', s: '秒', join: '' },
  en: { d: 'd', h: 'h', m: 'm', s: 's', join: ' ' },
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Time left until a deadline, in the two largest units that matter: days and hours, hours and
 * minutes, or minutes and seconds in the last hour.
 */
export function formatCountdown(deadline: string | Date, now: Date, lang: Lang): Countdown {
  const left = new Date(deadline).getTime() - now.getTime();
  const overdue = left <= 0;
  const span = Math.abs(left);
  const u = UNITS[lang];
  const parts: string[] = [];
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  const seconds = Math.floor((span % MINUTE) / 1000);
  if (days > 0) parts.push(`${days}${u.d}`, `${hours}${u.h}`);
  else if (hours > 0) parts.push(`${hours}${u.h}`, `${minutes}${u.m}`);
  else parts.push(`${minutes}${u.m}`, `${String(seconds).padStart(2, '0')}${u.s}`);
  const amount = parts.join(u.join);
  const text = overdue ? (lang === 'zh' ? `已超时 ${amount}` : `overdue by ${amount}`) : amount;
  return { text, overdue, urgent: !overdue && left < DAY };
}
