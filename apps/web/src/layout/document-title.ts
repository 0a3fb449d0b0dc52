import { useEffect } from 'react';
import type { Role } from '../graphql/generated';
import type { MessageKey } from '../i18n/zh';

/** Each role's console by name: a creator's tab does not say 商家工作台. */
export const CONSOLE_NAME: Record<Role, MessageKey> = {
  MERCHANT: 'console.MERCHANT',
  CREATOR: 'console.CREATOR',
  AGENCY: 'console.AGENCY',
  ADMIN: 'console.ADMIN',
};

/** Pages that are not in the side menu, or that are one item of a menu entry (an order of 订单管理). */
const DETAIL_PAGES: [RegExp, MessageKey][] = [
  [/^\/tasks\/new$/, 'nav.postTask'],
  [/^\/tasks\/[^/]+$/, 'title.task'],
  [/^\/orders\/[^/]+$/, 'title.order'],
  [/^\/admin\/venues\/new$/, 'venues.create'],
  [/^\/admin\/venues\/[^/]+$/, 'title.venue'],
  [/^(\/admin)?\/matchmaking\/[^/]+$/, 'title.matchmakingSession'],
  [/^\/profile$/, 'nav.profile'],
];

/** The name of the page at `pathname`: a detail page's, else the menu entry it is under. */
export function pageTitleKey(
  pathname: string,
  menu: { path: string; label: MessageKey }[],
): MessageKey | null {
  const detail = DETAIL_PAGES.find(([pattern]) => pattern.test(pathname));
  if (detail) return detail[1];
  const entry = menu
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  return entry?.label ?? null;
}

/** Sets the tab's title: "订单详情 · 商家工作台 · V任务", in the reader's language. */
export function useDocumentTitle(parts: (string | null | undefined)[]): void {
  const title = parts.filter(Boolean).join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
