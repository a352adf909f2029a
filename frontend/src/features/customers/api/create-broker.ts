import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type BrokerCreate = Schemas['BrokerCreate'];

export function createBroker({ projectId, body }: { projectId: string; body: BrokerCreate }) {
  return unwrap(api.POST('/api/v1/projects/{project_id}/brokers', { params: { path: { project_id: projectId } }, body }));
}

export function useCreateBroker() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBroker,
    onSuccess: (_data, { projectId }) => queryClient.invalidateQueries({ queryKey: customerKeys.brokers(projectId) }),
  });
}
