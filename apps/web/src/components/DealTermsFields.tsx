import { Alert, Col, Form, InputNumber, Radio, Row } from 'antd';
import type { Channel, UsageRightsInput } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { termsSentence, USAGE_PRESETS, usageRightsOf, type UsagePreset } from '../lib/usage-rights';
import { EnumSelect } from './EnumSelect';

/** The form values these fields own (the task and offer forms submit them through `dealTermsInput`). */
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
 * The API input for the chosen terms. Without reuse channels picked, reuse is on the content's own
 * channels (the form's `channels`), as the sentence shown while choosing says.
 */
export function dealTermsInput(
  values: Partial<DealTermsValues>,
  contentChannels: readonly Channel[],
): { usageRights: UsageRightsInput; retentionDays: number } {
  const reuseChannels = values.reuseChannels?.length ? values.reuseChannels : contentChannels;
  return {
    usageRights: usageRightsOf(
      values.termsPreset ?? DEAL_TERMS_DEFAULTS.termsPreset,
      reuseChannels,
      values.exclusivityDays ?? 0,
    ),
    retentionDays: values.retentionDays ?? DEAL_TERMS_DEFAULTS.retentionDays,
  };
}

/**
 * Usage rights and retention on the task form and the creator's offer form: a preset, the reuse
 * channels, exclusivity and retention days, and the sentence the other party will read, kept up to date
 * as they choose. It reads the enclosing form (the offer form lives in a dialog that owns its form).
 * `narrow`: one field per half row, for a dialog, whose width the viewport's breakpoints do not see.
 */
export function DealTermsFields({ narrow = false }: { narrow?: boolean }) {
  const { t, lang, label } = useI18n();
  const form = Form.useFormInstance<DealTermsValues>();
  const values = Form.useWatch([], form) as (Partial<DealTermsValues> & { channels?: Channel[] }) | undefined;
  const preset = values?.termsPreset ?? DEAL_TERMS_DEFAULTS.termsPreset;
  const { usageRights } = dealTermsInput(values ?? {}, values?.channels ?? []);
  const sentence = termsSentence(
    usageRights,
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
          <Col xs={24} md={narrow ? 24 : 12}>
            <Form.Item name="reuseChannels" label={t('terms.reuseChannels')}>
              <EnumSelect kind="Channel" mode="multiple" />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={12} md={narrow ? 12 : 6}>
          <Form.Item
            name="exclusivityDays"
            label={t('terms.exclusivityDays')}
            tooltip={t('terms.exclusivityHelp')}
          >
            <InputNumber min={0} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={narrow ? 12 : 6}>
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
