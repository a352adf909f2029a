/** Agency-fee rule versions (代理费规则): the list, and proposing one for the developer's rep to approve. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { agencyFeeKeys, approvalKeys } from '@/lib/query-keys';

export type AgencyFeeRule = Schemas['AgencyFeeRule'];
export type AgencyFeeRuleCreate = Schemas['AgencyFeeRuleCreate'];

/** Every version (a project has a handful), newest first. */
export function useAgencyFeeRules(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: agencyFeeKeys.rules(projectId),
      queryFn: async () =>
        (
          await allPages(
            (cursor) =>
              unwrap(
                api.GET('/api/v1/projects/{project_id}/agency-fee-rules', {
                  params: { path: { project_id: projectId }, query: { limit: 200, cursor } },
                }),
              ),
            1000,
          )
        ).sort((a, b) => b.number - a.number),
    }),
  );
}

export function useProposeRule(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AgencyFeeRuleCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/agency-fee-rules', { params: { path: { project_id: projectId } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: agencyFeeKeys.rules(projectId) });
      // The proposal is an approval request in the developer rep's inbox.
      void client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}
