import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCommonT } from '@/i18n';
import { useCurrentProject } from './use-current-project';
import { canSee, navItem } from './navigation';

/** A route shown only to the roles that see its menu entry. */
export function RequireNav({ entry, children }: { entry: string; children: ReactNode }) {
  const { role } = useCurrentProject();
  const { t } = useCommonT();
  if (!canSee(navItem(entry), role)) {
    return (
      <Result
        status="403"
        title={t('pages.forbiddenTitle')}
        subTitle={t('pages.forbiddenText')}
        extra={
          <Link to="/">
            <Button type="primary">{t('pages.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return children;
}
