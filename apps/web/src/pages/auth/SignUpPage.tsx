import { Button, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { Link, Navigate, useNavigate } from 'react-router';
import { homePath, useSession } from '../../auth/auth';
import { EnumSelect } from '../../components/EnumSelect';
import { TagPicker } from '../../components/TagPicker';
import { SignUpDocument, type SignUpInput } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { AuthFrame } from './AuthFrame';

type SignUpValues = SignUpInput;

/** One step: the account and its merchant, creator or agency profile. Field names follow the API's paths. */
export function SignUpPage() {
  const { t, label } = useI18n();
  const { viewer, signIn } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<SignUpValues>();
  const role = Form.useWatch('role', form) ?? 'MERCHANT';
  const [signUp, { loading }] = useAction(SignUpDocument, { form });

  if (viewer) return <Navigate to={homePath(viewer)} replace />;

  const submit = async (values: SignUpValues) => {
    const input: SignUpInput = {
      email: values.email,
      password: values.password,
      displayName: values.displayName,
      role: values.role,
      merchant: values.role === 'MERCHANT' ? values.merchant : undefined,
      creator: values.role === 'CREATOR' ? values.creator : undefined,
      agency: values.role === 'AGENCY' ? values.agency : undefined,
    };
    const data = await signUp({ input });
    if (!data) return;
    await signIn(data.signUp.token, data.signUp.user);
    navigate(homePath(data.signUp.user), { replace: true });
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <AuthFrame title={t('auth.signup')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ role: 'MERCHANT', creator: { channels: [], followerCount: 0 } }}
      >
        <Form.Item name="role" label={t('auth.role')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={['MERCHANT', 'CREATOR', 'AGENCY'].map((value) => ({
              value,
              label: label('Role', value),
            }))}
          />
        </Form.Item>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, min: 10 }]}
          extra={t('auth.passwordRule')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={required}>
          <Input />
        </Form.Item>
        {role === 'MERCHANT' ? (
          <>
            <Form.Item name={['merchant', 'shopName']} label={t('auth.shopName')} rules={required}>
              <Input />
            </Form.Item>
            <Form.Item name={['merchant', 'industry']} label={t('auth.industry')}>
              <TagPicker single />
            </Form.Item>
          </>
        ) : null}
        {role === 'CREATOR' ? (
          <>
            <Form.Item name={['creator', 'handle']} label={t('auth.handle')} rules={required}>
              <Input />
            </Form.Item>
            <Form.Item name={['creator', 'domainTags']} label={t('task.tags')} rules={required}>
              <TagPicker />
            </Form.Item>
            <Form.Item name={['creator', 'channels']} label={t('task.channels')}>
              <EnumSelect kind="Channel" mode="multiple" />
            </Form.Item>
            <Form.Item name={['creator', 'followerCount']} label={t('auth.followerCount')}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name={['creator', 'bio']} label={t('auth.bio')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {role === 'AGENCY' ? (
          <>
            <Form.Item name={['agency', 'name']} label={t('auth.agencyName')} rules={required}>
              <Input />
            </Form.Item>
            <Form.Item
              name={['agency', 'revenueShareBps']}
              label={t('auth.revenueShareBps')}
              rules={required}
            >
              <InputNumber min={0} max={5000} style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={loading}>
          {t('auth.signup')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('auth.haveAccount')} <Link to="/login">{t('auth.login')}</Link>
      </Typography.Paragraph>
    </AuthFrame>
  );
}
