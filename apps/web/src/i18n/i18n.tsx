import type { Locale as AntdLocale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { restartSubscriptions } from '../apollo';
import type { Lang } from '../lib/countdown';
import { LANG_STORAGE_KEY as STORAGE_KEY } from '../lib/reader';
import { setDayjsLocale } from '../lib/time';
import { enumLabel, type EnumName } from './enums';
import { zh, type MessageKey } from './zh';

/** One language's console messages and antd's own texts (pagination, date pickers, empty lists). */
export interface Locale {
  messages: Record<MessageKey, string>;
  antd: AntdLocale;
}

/** Chinese, the default, is in the first download; English is a chunk of its own (locale-en.ts). */
const ZH: Locale = { messages: zh, antd: zhCN };

function loadLocale(lang: Lang): Promise<Locale> {
  return lang === 'zh' ? Promise.resolve(ZH) : import('./locale-en').then((module) => module.EN);
}

export interface I18n {
  lang: Lang;
  /** Switches once the language's messages are here (at once for Chinese, after a small download for English). */
  setLang(lang: Lang): void;
  /** antd's texts in the current language, for its ConfigProvider. */
  antdLocale: AntdLocale;
  /** The message in the current language, with {name} placeholders filled in. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** The display name of an API enum value. */
  label(name: EnumName, value: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh';
}

function applyLang(lang: Lang): void {
  setDayjsLocale(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/**
 * The saved language's messages, asked for as this module loads (before React renders) when it is not
 * Chinese: the console shows nothing rather than a flash of the other language meanwhile.
 */
const firstLang = initialLang();
const firstLocale = firstLang === 'zh' ? null : loadLocale(firstLang);

interface Current {
  lang: Lang;
  locale: Locale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<Current | null>(() => {
    if (firstLocale) return null;
    applyLang('zh');
    return { lang: 'zh', locale: ZH };
  });
  useEffect(() => {
    void firstLocale?.then((locale) => {
      applyLang(firstLang);
      setCurrent((shown) => shown ?? { lang: firstLang, locale });
    });
  }, []);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    void loadLocale(next).then((locale) => {
      applyLang(next);
      setCurrent({ lang: next, locale });
      // The socket told the API the old language on connect: live pushes follow the new one.
      restartSubscriptions();
    });
  }, []);
  const value = useMemo<I18n | null>(() => {
    if (!current) return null;
    const { lang, locale } = current;
    return {
      lang,
      setLang,
      antdLocale: locale.antd,
      t: (key, values) =>
        locale.messages[key].replace(/\{(\w+)\}/g, (_, name: string) =>
          String(values?.[name] ?? `{${name}}`),
        ),
      label: (name, value) => enumLabel(name, value, lang),
    };
  }, [current, setLang]);
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
