import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../lib/countdown';
import { setDayjsLocale } from '../lib/time';
import { en } from './en';
import { enumLabel, type EnumName } from './enums';
import { zh, type MessageKey } from './zh';

const STORAGE_KEY = 'vtask.lang';
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
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

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const first = initialLang();
    setDayjsLocale(first);
    return first;
  });
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setDayjsLocale(next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, values) =>
        MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`)),
      label: (name, value) => enumLabel(name, value, lang),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
