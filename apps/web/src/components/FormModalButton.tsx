import { Button, Form, Input, Modal, type ButtonProps, type FormInstance } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

interface FormModalButtonProps<TValues> {
  /** The button that opens the dialog. */
  label: ReactNode;
  title: ReactNode;
  buttonProps?: ButtonProps;
  okText?: ReactNode;
  initialValues?: Partial<TValues>;
  /** Runs the action; true closes the dialog (false keeps it open, e.g. with field errors shown). */
  onSubmit: (values: TValues, form: FormInstance<TValues>) => Promise<boolean>;
  /** The form items. */
  children: ReactNode;
  testId?: string;
  /** Runs as the dialog opens (e.g. to show the page in the state the action will act on). */
  onOpen?: () => void;
}

/** A button that asks for a few fields in a dialog, then runs an action with progress on OK. */
export function FormModalButton<TValues>(props: FormModalButtonProps<TValues>) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TValues>();
  // Field ids are prefixed with the form's name: several dialogs on a page then never share an id.
  const name = `dialog${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      if (await props.onSubmit(values, form)) {
        setOpen(false);
        form.resetFields();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        {...props.buttonProps}
        onClick={() => {
          props.onOpen?.();
          setOpen(true);
        }}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
      <Modal
        open={open}
        title={props.title}
        okText={props.okText ?? t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        forceRender
      >
        <Form form={form} name={name} layout="vertical" initialValues={props.initialValues} preserve={false}>
          {props.children}
        </Form>
      </Modal>
    </>
  );
}

/** A text a dialog cannot go without (a reason, feedback, a note), refused empty before any call. */
export function RequiredTextArea({
  name,
  label,
  rows = 3,
}: {
  name: string;
  label: ReactNode;
  rows?: number;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('common.required') }]}>
      <Input.TextArea rows={rows} />
    </Form.Item>
  );
}
