import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type Broker = Schemas['Broker'];

export function getBrokers(projectId: string) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/brokers', {
      params: { path: { project_id: projectId }, query: { limit: 200 } },
    }),
  );
}

export function getBrokersQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: customerKeys.brokers(projectId),
    queryFn: () => getBrokers(projectId),
    select: (page) => page.items,
  });
}

export function useBrokers(projectId: string) {
  return useQuery(getBrokersQueryOptions(projectId));
}
