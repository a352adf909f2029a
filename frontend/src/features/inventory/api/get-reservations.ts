import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { reservationKeys } from '@/lib/query-keys';

export type Reservation = Schemas['Reservation'];

/** Live reservations the caller may see: a consultant's own, everyone's for supervisors and above. */
export function getLiveReservations(projectId: string) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/reservations', {
      params: { path: { project_id: projectId }, query: { live: true, limit: 200 } },
    }),
  );
}

export function getLiveReservationsQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: reservationKeys.live(projectId),
    queryFn: () => getLiveReservations(projectId),
    select: (page) => page.items,
    staleTime: 0,
  });
}

export function useLiveReservations(projectId: string, enabled = true) {
  return useQuery({ ...getLiveReservationsQueryOptions(projectId), enabled });
}
