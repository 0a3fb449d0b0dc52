import { ConfigProvider, Skeleton } from 'antd';
import useCardStyle from 'antd/es/card/style';
import { useContext, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';

export interface CardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  title?: ReactNode;
  extra?: ReactNode;
  size?: 'small' | 'default';
  type?: 'inner';
  loading?: boolean;
  hoverable?: boolean;
  cover?: ReactNode;
  actions?: ReactNode[];
  style?: CSSProperties;
  'data-testid'?: string;
}

/** The class names whose condition holds, in order. */
function classes(...parts: (string | false | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

const shown = (node: ReactNode) => node !== undefined && node !== null && node !== false && node !== '';

/**
 * antd's Card as the console uses it (title, extra, size, inner type, loading, hoverable, cover,
 * actions), with the same markup, class names and antd's own card style. antd's Card imports its Tabs
 * (for `tabList`, which the console never uses), and the Tabs bring the menu and the dropdown: about
 * 20 KB compressed on every page that shows a card.
 */
export function Card({
  title,
  extra,
  size,
  type,
  loading,
  hoverable,
  cover,
  actions,
  className,
  children,
  ...rest
}: CardProps) {
  const { getPrefixCls, direction } = useContext(ConfigProvider.ConfigContext);
  const prefixCls = getPrefixCls('card');
  const [hashId, cssVarCls] = useCardStyle(prefixCls);
  const head =
    shown(title) || shown(extra) ? (
      <div className={`${prefixCls}-head`}>
        <div className={`${prefixCls}-head-wrapper`}>
          {shown(title) ? <div className={`${prefixCls}-head-title`}>{title}</div> : null}
          {shown(extra) ? <div className={`${prefixCls}-extra`}>{extra}</div> : null}
        </div>
      </div>
    ) : null;
  const hasBody = loading || (children !== undefined && children !== null && children !== false);
  return (
    <div
      {...rest}
      className={classes(
        prefixCls,
        loading && `${prefixCls}-loading`,
        `${prefixCls}-bordered`,
        hoverable && `${prefixCls}-hoverable`,
        size === 'small' && `${prefixCls}-small`,
        type && `${prefixCls}-type-${type}`,
        direction === 'rtl' && `${prefixCls}-rtl`,
        className,
        hashId,
        cssVarCls,
      )}
    >
      {head}
      {shown(cover) ? <div className={`${prefixCls}-cover`}>{cover}</div> : null}
      {hasBody ? (
        <div className={`${prefixCls}-body`}>
          {loading ? <Skeleton loading active paragraph={{ rows: 4 }} title={false} /> : children}
        </div>
      ) : null}
      {actions?.length ? (
        <ul className={`${prefixCls}-actions`}>
          {actions.map((action, index) => (
            // The actions never change order while shown: their place is their key.
            <li key={`action-${index}`} style={{ width: `${100 / actions.length}%` }}>
              <span>{action}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
