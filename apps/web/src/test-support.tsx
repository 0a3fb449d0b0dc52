import type { MockLink } from '@apollo/client/testing';
import { Button } from 'antd';
import type { DocumentNode } from 'graphql';
import type { ReactNode } from 'react';
import { useSession } from './auth/auth';
import { MeDocument } from './graphql/generated';
import { useI18n } from './i18n/i18n';

/** What the component tests share: the demo's signed-in users, the session, money and the switch to English. */

export const money = (amount: string) => ({ __typename: 'Money', amount, currencyCode: 'CNY' });

/** The demo merchant, signed in. */
export const MERCHANT_VIEWER = {
  __typename: 'User',
  id: 'user-merchant',
  email: 'merchant@demo.vtask',
  displayName: '居家好物旗舰店',
  role: 'MERCHANT',
  merchant: { __typename: 'Merchant', id: 'merchant-1', shopName: '居家好物旗舰店' },
  creator: null,
  agency: null,
};

/** A demo creator, signed in. */
export const CREATOR_VIEWER = {
  __typename: 'User',
  id: 'user-creator',
  email: 'creator@demo.vtask',
  displayName: '小鱼',
  role: 'CREATOR',
  merchant: null,
  creator: { __typename: 'Creator', id: 'creator-1', handle: 'xiaoyu_home', tier: 'EXPERT', isBigV: false },
  agency: null,
};

/** The session's answer to `me` (set a token first, as the console does once signed in). */
export function meMock(viewer: typeof MERCHANT_VIEWER | typeof CREATOR_VIEWER = MERCHANT_VIEWER) {
  return { request: { query: MeDocument }, result: { data: { me: viewer } }, maxUsageCount: 5 };
}

/** The console renders pages only once the signed-in user is known. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { viewer } = useSession();
  return viewer ? <>{children}</> : null;
}

/** Switches the console to English, as the header's switch does. */
export function English() {
  const { setLang } = useI18n();
  return <Button onClick={() => setLang('en')}>English</Button>;
}

/**
 * Answers that never come, for the parts of a page a test does not look at (their cards stay loading
 * and ask nothing else), whatever the variables.
 */
export function pending(...documents: DocumentNode[]): MockLink.MockedResponse[] {
  return documents.map((query) => ({
    request: { query, variables: () => true },
    delay: Infinity,
    maxUsageCount: Number.POSITIVE_INFINITY,
  }));
}

/**
 * Chinese left in an element's text once the users' own words (names, reasons) are taken out: in an
 * English pass, any is a message the English catalogue does not cover (or a full-width separator).
 */
export function chineseIn(element: HTMLElement, ...usersWords: string[]): string {
  const text = usersWords.reduce((rest, words) => rest.split(words).join(''), element.textContent ?? '');
  return (text.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g) ?? []).join('');
}
