import { Alert, Button } from 'antd';
import { useCommonT } from '@/i18n';
import { useErrorMessage } from '@/lib/error-message';

/** Why a list or record could not be loaded, with a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useCommonT();
  const describe = useErrorMessage();
  return (
    <Alert
      type="error"
      showIcon
      message={t('errors.loadFailed')}
      description={describe(error)}
      style={{ marginBottom: 16 }}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        )
      }
    />
  );
}
