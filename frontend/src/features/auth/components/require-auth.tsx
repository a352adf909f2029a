import { Button, Flex, Result, Spin } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { tokenStore, useIsLoggedIn } from '@/lib/auth-tokens';
import { useErrorMessage } from '@/lib/error-message';
import { useCommonT } from '@/i18n';
import { useMe } from '../api/get-me';
import { useAuthT } from '../i18n';

/** Renders its children only for a logged-in user whose `/me` has loaded; else goes to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const loggedIn = useIsLoggedIn();
  const location = useLocation();
  const me = useMe({ enabled: loggedIn });
  const { t } = useAuthT();
  const common = useCommonT().t;
  const describe = useErrorMessage();
  // Refused even after a refresh attempt: this login is over.
  const refused = isApiError(me.error) && me.error.status === 401;
  useEffect(() => {
    if (refused) tokenStore.clear();
  }, [refused]);

  if (!loggedIn || refused) {
    return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  if (me.isPending) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" tip={t('session.loading')}>
          <div style={{ width: 120, height: 80 }} />
        </Spin>
      </Flex>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="warning"
        title={t('session.failed')}
        subTitle={describe(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{common('actions.retry')}</Button>}
      />
    );
  }
  return children;
}
