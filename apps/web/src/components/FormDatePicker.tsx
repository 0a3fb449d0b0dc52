import { DatePicker, type DatePickerProps } from 'antd';

/**
 * antd's DatePicker for use inside a form. Enter in its text field takes the typed date (the picker
 * commits it before this handler runs), and only that: left alone, the key would also reach the
 * form as an implicit submit and send a half-filled form.
 */
export function FormDatePicker({ onKeyDown, ...props }: DatePickerProps) {
  return (
    <DatePicker
      {...props}
      onKeyDown={(event, preventDefault) => {
        if (event.key === 'Enter') event.preventDefault();
        onKeyDown?.(event, preventDefault);
      }}
    />
  );
}
