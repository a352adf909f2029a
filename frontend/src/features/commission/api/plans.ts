/** Commission plans (酬金方案): every version with its approval state, and proposing the next one. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { approvalKeys, commissionKeys } from '@/lib/query-keys';

export type CommissionPlan = Schemas['CommissionPlan'];
export type CommissionPlanCreate = Schemas['CommissionPlanCreate'];

/** Every version (a project has a handful), newest first. */
export function useCommissionPlans(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.plans(projectId),
      queryFn: async () =>
        (
          await allPages(
            (cursor) =>
              unwrap(
                api.GET('/api/v1/projects/{project_id}/commission-plans', {
                  params: { path: { project_id: projectId }, query: { limit: 200, cursor } },
                }),
              ),
            1000,
          )
        ).sort((a, b) => b.number - a.number),
    }),
  );
}

export function useProposePlan(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CommissionPlanCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/commission-plans', { params: { path: { project_id: projectId } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: commissionKeys.plans(projectId) });
      // The proposal waits in a project manager's approvals inbox.
      void client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}
