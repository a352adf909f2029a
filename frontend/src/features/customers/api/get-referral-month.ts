import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type ReferralMonth = Schemas['ReferralMonth'];

export function getReferralMonth(projectId: string, month: string) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/referrals/monthly', {
      params: { path: { project_id: projectId }, query: { month } },
    }),
  );
}

export function getReferralMonthQueryOptions(projectId: string, month: string) {
  return queryOptions({
    queryKey: customerKeys.referralMonth(projectId, month),
    queryFn: () => getReferralMonth(projectId, month),
  });
}

export function useReferralMonth(projectId: string, month: string) {
  return useQuery(getReferralMonthQueryOptions(projectId, month));
}
