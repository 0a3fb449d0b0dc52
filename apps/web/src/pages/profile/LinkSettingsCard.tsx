import { Alert, Button, Card, Form, List, Select, Typography } from 'antd';
import { useState } from 'react';
import {
  CreateConversionKeyDocument,
  MyLinkSettingsDocument,
  SaveLinkDomainsDocument,
} from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useOptionalQuery } from '../../hooks/use-optional-query';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';

const MAX_LINK_DOMAINS = 10;

/**
 * The merchant's side of effect you can trust: the hosts its tracking links may point to, and the keys
 * its shop signs sale reports with (a new key's secret is shown once, here). Hidden while not served.
 */
export function LinkSettingsCard() {
  const { t } = useI18n();
  const { data, served } = useOptionalQuery(MyLinkSettingsDocument);
  const [form] = Form.useForm<{ linkDomains: string[] }>();
  const [secret, setSecret] = useState<string | null>(null);
  const [saveDomains, saving] = useAction(SaveLinkDomainsDocument, { form, success: 'keys.domainsSaved' });
  const [createKey, creating] = useAction(CreateConversionKeyDocument, { refetch: ['MyLinkSettings'] });
  const merchant = data?.me?.merchant;
  if (!served || !merchant) return null;
  return (
    <Card className="console-card" title={t('keys.title')} data-testid="link-settings">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ linkDomains: merchant.linkDomains }}
        onFinish={(values) =>
          saveDomains({ input: { shopName: merchant.shopName, linkDomains: values.linkDomains } })
        }
      >
        <Form.Item
          name="linkDomains"
          label={t('keys.domains')}
          extra={t('keys.domainsHelp')}
          rules={[{ type: 'array', max: MAX_LINK_DOMAINS, message: t('keys.domainsHelp') }]}
        >
          <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="shop.example.com" />
        </Form.Item>
        <Button htmlType="submit" loading={saving.loading}>
          {t('common.save')}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('keys.keys')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('keys.keysHelp')}</Typography.Paragraph>
      {secret ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('keys.secretOnce')}
          description={
            <Typography.Text code copyable data-testid="new-key-secret" style={{ wordBreak: 'break-all' }}>
              {secret}
            </Typography.Text>
          }
        />
      ) : null}
      <List
        size="small"
        locale={{ emptyText: t('keys.none') }}
        dataSource={data?.myConversionKeys ?? []}
        renderItem={(key) => (
          <List.Item>
            <Typography.Text code>{key.prefix}…</Typography.Text>
            <Typography.Text type="secondary">{formatDateTime(key.createdAt)}</Typography.Text>
          </List.Item>
        )}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={creating.loading}
        onClick={async () => {
          const created = await createKey({});
          setSecret(created?.createConversionKey.secret ?? null);
        }}
      >
        {t('keys.create')}
      </Button>
    </Card>
  );
}
