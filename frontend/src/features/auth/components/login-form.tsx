import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { isApiError } from '@/api/client';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';
import { applyFormErrors } from '@/lib/form-errors';
import { useLogin } from '../api/login';
import { useAuthT } from '../i18n';

interface LoginValues {
  username: string;
  password: string;
}

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const { t } = useAuthT();
  const common = useCommonT().t;
  const describe = useErrorMessage();
  const [form] = Form.useForm<LoginValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const login = useLogin();

  const submit = (values: LoginValues) => {
    setProblem(null);
    login.mutate(
      { email: values.username.trim(), password: values.password },
      {
        onSuccess,
        onError: (error) => {
          if (isApiError(error) && error.code === 'invalid_credentials') {
            setProblem(t('login.invalidCredentials'));
          } else if (isApiError(error) && error.status === 429) {
            setProblem(t('login.throttled', { seconds: error.retryAfter ?? 60 }));
          } else if (!applyFormErrors(form, error, { fields: ['username', 'password'] })) {
            setProblem(describe(error));
          }
        },
      },
    );
  };

  return (
    <Form<LoginValues> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
      {problem !== null && <Alert type="error" showIcon message={problem} role="alert" style={{ marginBottom: 24 }} />}
      <Form.Item
        name="username"
        label={t('login.email')}
        rules={[
          { required: true, message: common('form.required', { field: t('login.email') }) },
          { type: 'email', message: common('form.invalidEmail') },
        ]}
      >
        <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" autoFocus />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('login.password')}
        rules={[{ required: true, message: common('form.required', { field: t('login.password') }) }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
