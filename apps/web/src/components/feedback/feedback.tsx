import { ConfigProvider } from 'antd';
import useAppStyle from 'antd/es/app/style';
import type { MessageInstance } from 'antd/es/message/interface';
import type { HookAPI as ModalApi } from 'antd/es/modal/useModal';
import type { NotificationInstance } from 'antd/es/notification/interface';
import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

/** antd's message, modal and notification, as `App.useApp()` gives them. */
export interface FeedbackApi {
  message: MessageInstance;
  modal: ModalApi;
  notification: NotificationInstance;
}

type Call = (api: FeedbackApi) => void;

const FeedbackContext = createContext<((call: Call) => void) | null>(null);

// antd's App puts the message, modal and notification machinery (with the dialog, its buttons and the
// form context they pull in) in the first download of every page, though a page shows them only after
// someone acts: about 25 KB compressed. Here they load the first time a page calls them.
const FeedbackHolders = lazy(() => import('./FeedbackHolders'));

/**
 * In place of antd's App: its wrapper (the console's base font and colour, antd's app style) and, on
 * first use, the holders of antd's message, modal and notification, inside the theme and locale.
 */
export function FeedbackProvider({ children }: { children: ReactNode }) {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('app');
  const [hashId, cssVarCls] = useAppStyle(prefixCls);
  const [wanted, setWanted] = useState(false);
  const api = useRef<FeedbackApi | null>(null);
  const waiting = useRef<Call[]>([]);
  const run = useCallback((call: Call) => {
    if (api.current) return call(api.current);
    waiting.current.push(call);
    setWanted(true);
  }, []);
  const ready = useCallback((loaded: FeedbackApi) => {
    api.current = loaded;
    for (const call of waiting.current.splice(0)) call(loaded);
  }, []);
  return (
    <FeedbackContext.Provider value={run}>
      <div className={`${hashId} ${prefixCls} ${cssVarCls}`}>
        {wanted ? (
          <Suspense fallback={null}>
            <FeedbackHolders onReady={ready} />
          </Suspense>
        ) : null}
        {children}
      </div>
    </FeedbackContext.Provider>
  );
}

/** What the console calls: each shows once antd's part has loaded (at once after the first time). */
export interface Feedback {
  message: Pick<
    { [K in keyof MessageInstance]: (...args: Parameters<MessageInstance[K]>) => void },
    'success' | 'error' | 'info' | 'warning'
  >;
  modal: { confirm(config: Parameters<ModalApi['confirm']>[0]): void };
  notification: {
    info(config: Parameters<NotificationInstance['info']>[0]): void;
    destroy(key?: React.Key): void;
  };
}

/** antd's message, modal and notification, loaded on first use (FeedbackProvider above the caller). */
export function useFeedback(): Feedback {
  const run = useContext(FeedbackContext);
  if (!run) throw new Error('useFeedback outside FeedbackProvider');
  return useMemo<Feedback>(
    () => ({
      message: {
        success: (...args) => run((api) => void api.message.success(...args)),
        error: (...args) => run((api) => void api.message.error(...args)),
        info: (...args) => run((api) => void api.message.info(...args)),
        warning: (...args) => run((api) => void api.message.warning(...args)),
      },
      modal: { confirm: (config) => run((api) => void api.modal.confirm(config)) },
      notification: {
        info: (config) => run((api) => api.notification.info(config)),
        destroy: (key) => run((api) => api.notification.destroy(key)),
      },
    }),
    [run],
  );
}
