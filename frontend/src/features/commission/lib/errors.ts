import { useCallback } from 'react';
import { isApiError } from '@/api/client';
import { useErrorMessage } from '@/lib/error-message';
import { useCommissionT } from '../i18n';

/** A sentence for a failed statement action: the commission's own 409 codes and 403 in its words, the rest as anywhere. */
export function useCommissionError(): (error: unknown) => string {
  const { t } = useCommissionT();
  const describe = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error)) {
        if (error.code === 'statement_locked') return t('errors.statement_locked');
        if (error.code === 'statement_status_conflict') return t('errors.statement_status_conflict');
        if (error.status === 403) return t('errors.forbidden');
      }
      return describe(error);
    },
    [t, describe],
  );
}
