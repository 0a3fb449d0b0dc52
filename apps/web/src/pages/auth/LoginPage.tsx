import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space, Tag, Typography } from 'antd';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { homePath, useSession } from '../../auth/auth';
import { LogInDocument } from '../../graphql/generated';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n';
import { AuthFrame } from './AuthFrame';

const DEMO_ACCOUNTS = [
  'merchant@demo.vtask',
  'xiaoyu.home@demo.vtask',
  'glowlab@demo.vtask',
  'admin@demo.vtask',
];
const DEMO_PASSWORD = 'vtask-demo-2026';

interface LogInValues {
  email: string;
  password: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const { viewer, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const from = (location.state as { from?: string } | null)?.from ?? params.get('from') ?? undefined;
  const expired = params.get('expired') === '1';
  const [form] = Form.useForm<LogInValues>();
  const [logIn, { loading }] = useAction(LogInDocument, { form });

  if (viewer) return <Navigate to={homePath(viewer)} replace />;

  const submit = async (values: LogInValues) => {
    const data = await logIn(values);
    if (!data) return;
    await signIn(data.logIn.token, data.logIn.user);
    // Only a path inside the console: `from` may come from the address bar.
    const back = from && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : null;
    navigate(back ?? homePath(data.logIn.user), { replace: true });
  };

  return (
    <AuthFrame title={t('auth.login')}>
      {expired ? (
        <Alert
          type="warning"
          showIcon
          title={t('auth.expired')}
          style={{ marginBottom: 16 }}
          data-testid="session-expired"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true, type: 'email' }]}>
          <Input prefix={<MailOutlined />} autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loading} data-testid="login-submit">
          {t('auth.login')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 4 }}>
        {t('auth.demo')}
      </Typography.Paragraph>
      <Space wrap size={4}>
        {DEMO_ACCOUNTS.map((email) => (
          <Tag
            key={email}
            style={{ cursor: 'pointer' }}
            onClick={() => form.setFieldsValue({ email, password: DEMO_PASSWORD })}
          >
            {email}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('auth.noAccount')} <Link to="/signup">{t('auth.signup')}</Link>
      </Typography.Paragraph>
    </AuthFrame>
  );
}
