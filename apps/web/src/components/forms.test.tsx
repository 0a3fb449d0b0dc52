import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Button, Form, type FormInstance } from 'antd';
import { useEffect } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { mapFieldErrors } from '../lib/field-errors';
import { MoneyInput, useMoneyRule } from './MoneyInput';

afterEach(cleanup);

function BudgetForm({ onFinish }: { onFinish?: (values: { budget: string }) => void }) {
  const rule = useMoneyRule();
  return (
    <Form onFinish={onFinish}>
      <Form.Item name="budget" label="budget" rules={[rule]}>
        <MoneyInput aria-label="budget" />
      </Form.Item>
      <Button htmlType="submit">go</Button>
    </Form>
  );
}

function renderIn(ui: React.ReactNode) {
  return render(<I18nProvider>{ui}</I18nProvider>);
}

describe('MoneyInput in a form', () => {
  it('refuses a third decimal with the message in Chinese, before anything is sent', async () => {
    let submitted = false;
    renderIn(<BudgetForm onFinish={() => (submitted = true)} />);
    fireEvent.change(screen.getByLabelText('budget'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByText('go'));
    expect(await screen.findByText('金额最多两位小数')).toBeTruthy();
    expect(submitted).toBe(false);
  });

  it('tidies what was typed to two decimals on blur and submits the decimal string', async () => {
    let submitted: { budget: string } | null = null;
    renderIn(<BudgetForm onFinish={(values) => (submitted = values)} />);
    const input = screen.getByLabelText('budget') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '1,299.5' } });
    fireEvent.blur(input);
    expect(input.value).toBe('1299.50');
    fireEvent.click(screen.getByText('go'));
    await waitFor(() => expect(submitted).toEqual({ budget: '1299.50' }));
  });
});

describe('API field problems on a form', () => {
  it('shows each message under the field it belongs to', async () => {
    function TaskForm({ onReady }: { onReady: (form: FormInstance) => void }) {
      const [form] = Form.useForm();
      useEffect(() => {
        onReady(form);
      }, [form, onReady]);
      return (
        <Form form={form}>
          <Form.Item name="title" label="title">
            <input aria-label="title" />
          </Form.Item>
          <Form.Item name="applyBy" label="applyBy">
            <input aria-label="applyBy" />
          </Form.Item>
        </Form>
      );
    }
    let form: FormInstance | null = null;
    renderIn(<TaskForm onReady={(ready) => (form = ready)} />);
    await waitFor(() => expect(form).not.toBeNull());
    const names = form!.getFieldsError().map((field) => field.name);
    act(() => form!.setFields(mapFieldErrors({ 'input.applyBy': 'Must be in the future.' }, names).fields));
    const message = await screen.findByText('Must be in the future.');
    expect(message.closest('.ant-form-item')?.querySelector('label')?.textContent).toBe('applyBy');
  });
});
