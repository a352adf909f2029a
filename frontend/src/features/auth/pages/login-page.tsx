import { Card, Flex, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Brand } from '@/components/brand';
import { LanguageSwitch } from '@/components/language-switch';
import { useCommonT } from '@/i18n';
import { useIsLoggedIn } from '@/lib/auth-tokens';
import { LoginForm } from '../components/login-form';
import { useAuthT } from '../i18n';
import './login-page.css';

function safeNext(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { t } = useAuthT();
  const common = useCommonT().t;
  const loggedIn = useIsLoggedIn();
  const location = useLocation();
  const navigate = useNavigate();
  const next = safeNext(location.state);

  if (loggedIn) return <Navigate to={next} replace />;

  return (
    <main className="login-page">
      <Flex justify="flex-end" className="login-page__top">
        <LanguageSwitch />
      </Flex>
      <Card className="login-page__card">
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Flex align="center" gap={10} style={{ fontSize: 22, fontWeight: 600 }}>
            <Brand name={common('app.name')} />
          </Flex>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <LoginForm onSuccess={() => navigate(next, { replace: true })} />
      </Card>
    </main>
  );
}
