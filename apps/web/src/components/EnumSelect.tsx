import { Select, type SelectProps } from 'antd';
import { useI18n } from '../i18n/i18n';
import { enumValues, type EnumName } from '../i18n/enums';

/** A select over an API enum (or some of its values), labelled in the viewer's language. */
export function EnumSelect({ kind, values, ...props }: { kind: EnumName; values?: string[] } & SelectProps) {
  const { label } = useI18n();
  const options = (values ?? enumValues(kind)).map((value) => ({ value, label: label(kind, value) }));
  return <Select {...props} options={options} />;
}
