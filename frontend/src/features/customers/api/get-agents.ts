import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type Agent = Schemas['Agent'];

export function getAgents(brokerId: string) {
  return unwrap(
    api.GET('/api/v1/brokers/{broker_id}/agents', { params: { path: { broker_id: brokerId }, query: { limit: 200 } } }),
  );
}

export function getAgentsQueryOptions(brokerId: string) {
  return queryOptions({
    queryKey: customerKeys.agents(brokerId),
    queryFn: () => getAgents(brokerId),
    select: (page) => page.items,
  });
}

export function useAgents(brokerId: string | undefined) {
  return useQuery({ ...getAgentsQueryOptions(brokerId ?? ''), enabled: brokerId !== undefined });
}
