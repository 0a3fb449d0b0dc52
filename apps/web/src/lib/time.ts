import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Venue timelines are set in Beijing time whoever looks at them; the zone is always named. */
export const VENUE_ZONE = 'Asia/Shanghai';

/** In the viewer's own time zone. */
export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** "2026-11-11 20:00 (Asia/Shanghai)" */
export function formatVenueTime(value: string | null | undefined): string {
  return value ? `${dayjs(value).tz(VENUE_ZONE).format('YYYY-MM-DD HH:mm')} (${VENUE_ZONE})` : '—';
}

/** A wall-clock time picked for the venue zone, as the instant the API stores. */
export function venueWallTimeToIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), VENUE_ZONE).toISOString();
}

export function setDayjsLocale(lang: 'zh' | 'en'): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}

export { dayjs };
