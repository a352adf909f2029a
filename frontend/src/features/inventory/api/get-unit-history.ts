import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { unitKeys } from '@/lib/query-keys';

export type HistoryEntry = Schemas['HistoryEntry'];

export function getUnitHistory(unitId: string) {
  return unwrap(
    api.GET('/api/v1/units/{unit_id}/history', { params: { path: { unit_id: unitId }, query: { limit: 100 } } }),
  );
}

export function getUnitHistoryQueryOptions(unitId: string) {
  return queryOptions({
    queryKey: unitKeys.history(unitId),
    queryFn: () => getUnitHistory(unitId),
    select: (page) => page.items,
    staleTime: 0,
  });
}

export function useUnitHistory(unitId: string | null) {
  return useQuery({ ...getUnitHistoryQueryOptions(unitId ?? ''), enabled: unitId !== null });
}
