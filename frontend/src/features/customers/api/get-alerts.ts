import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type Alert = Schemas['Alert'];

export function getAlerts(projectId: string) {
  return unwrap(api.GET('/api/v1/projects/{project_id}/alerts', { params: { path: { project_id: projectId } } }));
}

export function getAlertsQueryOptions(projectId: string) {
  return queryOptions({ queryKey: customerKeys.alerts(projectId), queryFn: () => getAlerts(projectId) });
}

export function useAlerts(projectId: string) {
  return useQuery(getAlertsQueryOptions(projectId));
}
