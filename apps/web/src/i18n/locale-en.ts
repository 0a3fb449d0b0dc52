import antd from 'antd/es/locale/en_US';
import type { Locale } from './i18n';
import { en } from './en';

/** English: loaded when someone picks it (or picked it before), so Chinese readers never download it. */
export const EN: Locale = { messages: en, antd };
