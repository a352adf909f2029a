import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type CustomerCreate = Schemas['CustomerCreate'];

export function createCustomer({ projectId, body }: { projectId: string; body: CustomerCreate }) {
  return unwrap(api.POST('/api/v1/projects/{project_id}/customers', { params: { path: { project_id: projectId } }, body }));
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    onSuccess: (_data, { projectId }) => queryClient.invalidateQueries({ queryKey: customerKeys.lists(projectId) }),
  });
}
