import { Flex, Segmented, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useDocumentTitle } from '../../layout/document-title';

/**
 * The orange log-in backdrop with the brand, the language switch and a card.
 *
 * The card is drawn from antd's theme tokens as its bordered Card draws itself, not with Card: Card
 * brings Tabs (for its tab list) and with it Menu, Dropdown and Overflow, about 20 KB compressed of the
 * log-in page's first download for a white box.
 */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { token } = theme.useToken();
  useDocumentTitle([title, t('app.name')]);
  return (
    <div className="auth-page">
      <div
        className="auth-card"
        style={{
          position: 'relative',
          boxSizing: 'border-box',
          padding: token.paddingLG,
          background: token.colorBgContainer,
          border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Flex align="center" gap={8}>
            <span className="brand-mark">V</span>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('app.name')} · {title}
            </Typography.Title>
          </Flex>
          <Segmented
            size="small"
            value={lang}
            onChange={(value) => setLang(value as 'zh' | 'en')}
            options={[
              { value: 'zh', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
          />
        </Flex>
        <Typography.Paragraph type="secondary">{t('auth.tagline')}</Typography.Paragraph>
        {children}
      </div>
    </div>
  );
}
