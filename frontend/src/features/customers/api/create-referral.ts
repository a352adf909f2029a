import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type ReferralCreate = Schemas['ReferralCreate'];

export function createReferral({ projectId, body }: { projectId: string; body: ReferralCreate }) {
  return unwrap(
    api.POST('/api/v1/projects/{project_id}/referrals', { params: { path: { project_id: projectId } }, body }),
  );
}

export function useCreateReferral() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReferral,
    onSuccess: (_data, { projectId }) => queryClient.invalidateQueries({ queryKey: customerKeys.referrals(projectId) }),
  });
}
