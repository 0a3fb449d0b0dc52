import { Card, Flex, Segmented, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useDocumentTitle } from '../../layout/document-title';

/** The orange log-in backdrop with the brand, the language switch and a card. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  useDocumentTitle([title, t('app.name')]);
  return (
    <div className="auth-page">
      <Card className="auth-card">
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
      </Card>
    </div>
  );
}
