import { useCallback } from 'react';
import { isApiError } from '@/api/client';
import { useCommonT } from '@/i18n';

/** A sentence for the person in front of the screen, from any error a query or mutation threw. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useCommonT();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('errors.network');
      switch (error.status) {
        case 403:
          return t('errors.forbidden');
        case 404:
          return t('errors.notFound');
        case 412:
          return t('errors.stale');
        case 429:
          return t('errors.throttled', { seconds: error.retryAfter ?? 60 });
        default:
          return t('errors.generic', { detail: error.detail ?? error.title });
      }
    },
    [t],
  );
}
