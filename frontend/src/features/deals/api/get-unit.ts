/** The units this feature reads: the one being subscribed, and available ones to change to (换房). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { unitKeys } from '@/lib/query-keys';

export type DealUnit = Schemas['UnitPublic'];

/** `{ data, etag }`, the shape the board's drawer caches under the same key. */
export async function getUnit(unitId: string): Promise<{ data: DealUnit; etag: string | null }> {
  return unwrapWithEtag(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: unitId } } }));
}

export function getUnitQueryOptions(unitId: string) {
  return queryOptions({
    queryKey: unitKeys.detail(unitId),
    queryFn: () => getUnit(unitId),
    select: (unit): DealUnit => unit.data,
    staleTime: 0,
  });
}

export function useUnit(unitId: string | null) {
  return useQuery({ ...getUnitQueryOptions(unitId ?? ''), enabled: unitId !== null && unitId !== '' });
}

/** Every available unit (a project may have thousands: all pages, not the first 200). */
export function getAvailableUnits(projectId: string): Promise<DealUnit[]> {
  return allPages(
    async (cursor) =>
      (await unwrap(
        api.GET('/api/v1/projects/{project_id}/units', {
          params: { path: { project_id: projectId }, query: { status: 'available', limit: 200, cursor } },
        }),
      )) as { items: DealUnit[]; next_cursor: string | null },
  );
}

export function getAvailableUnitsQueryOptions(projectId: string) {
  return queryOptions({ queryKey: unitKeys.available(projectId), queryFn: () => getAvailableUnits(projectId) });
}

export function useAvailableUnits(projectId: string, enabled = true) {
  return useQuery({ ...getAvailableUnitsQueryOptions(projectId), enabled });
}
