import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, isApiError, unwrap, type Schemas } from '@/api/client';
import { dealKeys } from '@/lib/query-keys';

export type Mortgage = Schemas['Mortgage'];

/** The deal's mortgage, or null when none has been started (404 mortgage_not_found). */
export async function getMortgage(dealId: string): Promise<Mortgage | null> {
  try {
    return await unwrap(api.GET('/api/v1/deals/{deal_id}/mortgage', { params: { path: { deal_id: dealId } } }));
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export function getMortgageQueryOptions(dealId: string) {
  return queryOptions({ queryKey: dealKeys.mortgage(dealId), queryFn: () => getMortgage(dealId), staleTime: 0 });
}

export function useMortgage(dealId: string, enabled = true) {
  return useQuery({ ...getMortgageQueryOptions(dealId), enabled });
}
