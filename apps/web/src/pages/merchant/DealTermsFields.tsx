import { Alert, Col, Form, InputNumber, Radio, Row, type FormInstance } from 'antd';
import { EnumSelect } from '../../components/EnumSelect';
import type { Channel } from '../../graphql/generated';
import { useI18n } from '../../i18n/i18n';
import { termsSentence, USAGE_PRESETS, usageRightsOf, type UsagePreset } from '../../lib/usage-rights';

/** The form values these fields own (the task form submits them through `usageRightsOf`). */
export interface DealTermsValues {
  termsPreset: UsagePreset;
  reuseChannels?: Channel[];
  exclusivityDays: number;
  retentionDays: number;
}

export const DEAL_TERMS_DEFAULTS: DealTermsValues = {
  termsPreset: 'POST_ONLY',
  exclusivityDays: 0,
  retentionDays: 30,
};

/**
 * Usage rights and retention on the task form: a preset, the reuse channels, exclusivity and retention
 * days, and the sentence creators will read, kept up to date as the merchant chooses.
 */
export function DealTermsFields<T extends DealTermsValues>({ form }: { form: FormInstance<T> }) {
  const { t, lang, label } = useI18n();
  const values = Form.useWatch([], form) as Partial<DealTermsValues> | undefined;
  const preset = values?.termsPreset ?? DEAL_TERMS_DEFAULTS.termsPreset;
  const rights = usageRightsOf(preset, values?.reuseChannels ?? [], values?.exclusivityDays ?? 0);
  const sentence = termsSentence(
    rights,
    values?.retentionDays ?? 0,
    {
      postOnly: t('terms.sentence.postOnly'),
      reuse: (days, channels) => t('terms.sentence.reuse', { days, channels: channels || '—' }),
      ads: t('terms.sentence.ads'),
      noAds: t('terms.sentence.noAds'),
      exclusive: (days) => t('terms.sentence.exclusive', { days }),
      notExclusive: t('terms.sentence.notExclusive'),
      retention: (days) => t('terms.retention', { days }),
      noRetention: t('terms.noRetention'),
      separator: lang === 'en' ? '; ' : '；',
      listSeparator: lang === 'en' ? ', ' : '、',
    },
    (channel) => label('Channel', channel),
  );
  return (
    <>
      <Form.Item name="termsPreset" label={t('terms.preset')}>
        <Radio.Group
          optionType="button"
          options={USAGE_PRESETS.map((value) => ({ value, label: t(`terms.preset.${value}` as const) }))}
        />
      </Form.Item>
      <Row gutter={16}>
        {preset !== 'POST_ONLY' ? (
          <Col xs={24} md={12}>
            <Form.Item name="reuseChannels" label={t('terms.reuseChannels')}>
              <EnumSelect kind="Channel" mode="multiple" />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} md={6}>
          <Form.Item
            name="exclusivityDays"
            label={t('terms.exclusivityDays')}
            tooltip={t('terms.exclusivityHelp')}
          >
            <InputNumber min={0} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="retentionDays" label={t('terms.retentionDays')} tooltip={t('terms.retentionHelp')}>
            <InputNumber min={0} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Alert
        type="info"
        showIcon
        message={sentence}
        data-testid="terms-sentence"
        style={{ marginBottom: 16 }}
      />
    </>
  );
}
