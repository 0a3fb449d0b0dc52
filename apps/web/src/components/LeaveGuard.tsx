import { App } from 'antd';
import { useCallback, useContext, useEffect } from 'react';
import { UNSAFE_DataRouterContext, UNSAFE_NavigationContext, useBlocker, type Navigator } from 'react-router';
import { useI18n } from '../i18n/i18n';

interface LeaveGuardProps {
  /** There is work on the page that leaving would lose. */
  when: boolean;
  /** What would be lost, in the viewer's language. */
  message: string;
}

/**
 * Asks before leaving a page with unsaved work: a confirm for the console's own navigation (menu,
 * links, notifications), the browser's prompt for a reload or a closed tab. Under the
 * `<BrowserRouter>` the console uses, navigation goes through the router's navigator, which is
 * wrapped while `when` holds; under a data router (createBrowserRouter), useBlocker does the same,
 * and also catches the back button, which a BrowserRouter cannot hold back.
 */
export function LeaveGuard(props: LeaveGuardProps) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  useBeforeUnloadPrompt(props.when);
  return dataRouter ? <BlockerGuard {...props} /> : <NavigatorGuard {...props} />;
}

function useBeforeUnloadPrompt(when: boolean) {
  useEffect(() => {
    if (!when) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari still look for a returnValue; the text itself is never shown.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [when]);
}

function useAskToLeave(message: string) {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (leave: () => void, stay?: () => void) =>
      modal.confirm({
        title: t('common.unsavedTitle'),
        content: message,
        okText: t('common.leave'),
        okButtonProps: { danger: true },
        cancelText: t('common.stay'),
        onOk: leave,
        onCancel: stay,
      }),
    [modal, t, message],
  );
}

function NavigatorGuard({ when, message }: LeaveGuardProps) {
  const { navigator } = useContext(UNSAFE_NavigationContext);
  const ask = useAskToLeave(message);
  useEffect(() => {
    if (!when) return;
    const { push, replace } = navigator;
    const guarded: Pick<Navigator, 'push' | 'replace'> = {
      push: (...args) => void ask(() => push(...args)),
      replace: (...args) => void ask(() => replace(...args)),
    };
    Object.assign(navigator, guarded);
    return () => void Object.assign(navigator, { push, replace });
  }, [when, navigator, ask]);
  return null;
}

function BlockerGuard({ when, message }: LeaveGuardProps) {
  const blocker = useBlocker(when);
  const ask = useAskToLeave(message);
  const blocked = blocker.state === 'blocked';
  const { proceed, reset } = blocker;
  useEffect(() => {
    if (blocked)
      ask(
        () => proceed?.(),
        () => reset?.(),
      );
  }, [blocked, ask, proceed, reset]);
  return null;
}
