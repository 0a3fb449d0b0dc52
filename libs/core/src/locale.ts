/**
 * The console's two languages and the reader's clock. Text that starts on the server (errors,
 * notifications, timeline entries, reasons) is written for a reader: SPEC "Language and conversation".
 */
export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Chinese first: a request that names no language reads Chinese. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The zone of times in server text when the request sends no `X-Time-Zone`. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Who reads a text: their language and their time zone (an IANA name). */
export interface TextContext {
  locale: Locale;
  timeZone: string;
}

export const DEFAULT_TEXT_CONTEXT: TextContext = { locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE };

/** Text whose wording depends on the reader (a time in their zone, say). */
export type ReaderText = (context: TextContext) => string;

/**
 * The reader's language from an `Accept-Language` header: the first of its ranges, by weight, that
 * names Chinese or English; Chinese when it names neither or is absent.
 */
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.tag && range.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return DEFAULT_LOCALE;
}

const knownZones = new Map<string, boolean>();

/** Whether `name` is an IANA time zone this runtime knows (checked once per name). */
export function isTimeZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(name, known);
  }
  return known;
}

/** The reader's zone from an `X-Time-Zone` header; the default zone when absent or unknown. */
export function timeZoneFromHeader(header: string | undefined | null): string {
  const name = header?.trim();
  return name && name.length <= 64 && isTimeZone(name) ? name : DEFAULT_TIME_ZONE;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A moment as its reader writes it, to the minute, in their zone: "2026年12月8日 13:26" or "Dec 8, 2026, 13:26". */
export function formatInstant(instant: Date, context: TextContext): string {
  const key = `${context.locale}|${context.timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(context.locale, {
      timeZone: context.timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
      hourCycle: 'h23',
    });
    formats.set(key, format);
  }
  return format.format(instant);
}
