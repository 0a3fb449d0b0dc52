/** Where the console keeps its chosen language ('zh' or 'en'); Chinese when nothing is kept. */
export const LANG_STORAGE_KEY = 'vtask.lang';

/**
 * Who reads what the API writes (errors, notifications, reasons): the console's current language and
 * the browser's time zone, sent with every request and on the WebSocket's connectionParams.
 */
export function readerHeaders(): { 'accept-language': string; 'x-time-zone': string } {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_STORAGE_KEY);
  return {
    'accept-language': saved === 'en' ? 'en' : 'zh-CN',
    'x-time-zone': Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
