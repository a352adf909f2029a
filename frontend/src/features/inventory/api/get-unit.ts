import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag, type Schemas } from '@/api/client';
import { unitKeys } from '@/lib/query-keys';

export type Unit = Schemas['UnitPublic'] & { floor_price?: string | null; hold_reason?: string | null };

export async function getUnit(unitId: string): Promise<{ data: Unit; etag: string | null }> {
  return unwrapWithEtag(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: unitId } } }));
}

export function getUnitQueryOptions(unitId: string) {
  return queryOptions({ queryKey: unitKeys.detail(unitId), queryFn: () => getUnit(unitId), staleTime: 0 });
}

export function useUnit(unitId: string | null) {
  return useQuery({ ...getUnitQueryOptions(unitId ?? ''), enabled: unitId !== null });
}
