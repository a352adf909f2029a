/**
 * What the drawer does to a unit. Each refreshes the unit wherever it is shown: the board, the drawer
 * and its history, the units a deal wizard may choose, and the live reservations.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { reservationKeys, unitKeys } from '@/lib/query-keys';

export function reserveUnit({ unitId, customerId }: { unitId: string; customerId: string }) {
  return unwrap(
    api.POST('/api/v1/units/{unit_id}/reservations', {
      params: { path: { unit_id: unitId } },
      body: { customer_id: customerId },
    }),
  );
}

export function cancelReservation({ reservationId }: { reservationId: string; unitId: string }) {
  return unwrap(
    api.DELETE('/api/v1/reservations/{reservation_id}', { params: { path: { reservation_id: reservationId } } }),
  );
}

export function holdUnit({ unitId, reason }: { unitId: string; reason: string }) {
  return unwrap(api.POST('/api/v1/units/{unit_id}/hold', { params: { path: { unit_id: unitId } }, body: { reason } }));
}

export function unholdUnit({ unitId, reason }: { unitId: string; reason?: string }) {
  return unwrap(
    api.POST('/api/v1/units/{unit_id}/unhold', {
      params: { path: { unit_id: unitId } },
      body: { reason: reason || null },
    }),
  );
}

export function releaseUnit({ projectId, unitId }: { projectId: string; unitId: string }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/releases', {
      params: { path: { project_id: projectId } },
      body: { unit_ids: [unitId] },
    }),
  );
}

function refreshUnit(queryClient: QueryClient, projectId: string, unitId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: unitKeys.ofProject(projectId) }),
    queryClient.invalidateQueries({ queryKey: unitKeys.detail(unitId) }),
    queryClient.invalidateQueries({ queryKey: reservationKeys.ofProject(projectId) }),
  ]);
}

export function useReserveUnit(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reserveUnit,
    onSettled: (_data, _error, { unitId }) => refreshUnit(queryClient, projectId, unitId),
  });
}

export function useCancelReservation(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelReservation,
    onSettled: (_data, _error, { unitId }) => refreshUnit(queryClient, projectId, unitId),
  });
}

export function useHoldUnit(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: holdUnit,
    onSettled: (_data, _error, { unitId }) => refreshUnit(queryClient, projectId, unitId),
  });
}

export function useUnholdUnit(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unholdUnit,
    onSettled: (_data, _error, { unitId }) => refreshUnit(queryClient, projectId, unitId),
  });
}

export function useReleaseUnit(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: releaseUnit,
    onSettled: (_data, _error, { unitId }) => refreshUnit(queryClient, projectId, unitId),
  });
}
