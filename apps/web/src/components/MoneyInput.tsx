import { Input } from 'antd';
import type { CurrencyCode } from '../graphql/generated';
import { useI18n } from '../i18n/i18n';
import { currencySymbol, parseMoney } from '../lib/money';
import type { MessageKey } from '../i18n/zh';

interface MoneyInputProps {
  value?: string;
  onChange?: (value: string) => void;
  currency?: CurrencyCode;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}

/** A text field for amounts: typed freely, tidied to "1299.50" when it loses focus. */
export function MoneyInput({ value, onChange, currency = 'CNY', ...rest }: MoneyInputProps) {
  const tidy = () => {
    const parsed = parseMoney(value);
    if (parsed.ok && parsed.amount !== value) onChange?.(parsed.amount);
  };
  return (
    <Input
      {...rest}
      inputMode="decimal"
      prefix={currencySymbol(currency)}
      value={value}
      onChange={(event) => onChange?.(event.target.value)}
      onBlur={tidy}
      autoComplete="off"
    />
  );
}

/** The antd form rule for a MoneyInput: the same parsing as the field, in the viewer's language. */
export function useMoneyRule(options: { required?: boolean } = { required: true }) {
  const { t } = useI18n();
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value && !options.required) return;
      const parsed = parseMoney(value);
      if (!parsed.ok) throw new Error(t(`money.${parsed.problem}` as MessageKey));
    },
  };
}
