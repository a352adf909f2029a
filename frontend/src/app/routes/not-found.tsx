import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useCommonT } from '@/i18n';

export function NotFoundRoute() {
  const { t } = useCommonT();
  return (
    <Result
      status="404"
      title={t('pages.notFoundTitle')}
      subTitle={t('pages.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('pages.backHome')}</Button>
        </Link>
      }
    />
  );
}
