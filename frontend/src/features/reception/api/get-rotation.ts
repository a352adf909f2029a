import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { receptionKeys } from '@/lib/query-keys';

export type Rotation = Schemas['Rotation'];
export type QueueEntry = Schemas['QueueEntry'];
export type DutyStatus = Schemas['DutyStatus'];

export function getRotation(projectId: string) {
  return unwrap(api.GET('/api/v1/projects/{project_id}/rotation', { params: { path: { project_id: projectId } } }));
}

export function getRotationQueryOptions(projectId: string) {
  return queryOptions({ queryKey: receptionKeys.rotation(projectId), queryFn: () => getRotation(projectId) });
}

export function useRotation(projectId: string) {
  return useQuery(getRotationQueryOptions(projectId));
}
