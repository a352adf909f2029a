/** Rewards and penalties (奖罚) of a month, proposing one, and the consultants to pick from. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { approvalKeys, commissionKeys } from '@/lib/query-keys';

export type RewardPenalty = Schemas['RewardPenalty'];
export type RewardPenaltyCreate = Schemas['RewardPenaltyCreate'];
export type RewardCategory = Schemas['RewardCategory'];
export type EntryStatus = Schemas['EntryStatus'];

export function useRewardsPenalties(projectId: string, month: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.rewards(projectId, month),
      queryFn: () =>
        allPages(
          (cursor) =>
            unwrap(
              api.GET('/api/v1/projects/{project_id}/rewards-penalties', {
                params: { path: { project_id: projectId }, query: { month, limit: 200, cursor } },
              }),
            ),
          2000,
        ),
    }),
  );
}

export function useProposeRewardPenalty(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RewardPenaltyCreate) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/rewards-penalties', {
          params: { path: { project_id: projectId } },
          body,
        }),
      ),
    onSuccess: (entry) => {
      void client.invalidateQueries({ queryKey: commissionKeys.rewards(projectId, entry.month) });
      // It waits for a site manager in the approvals inbox.
      void client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}

export interface Consultant {
  userId: string;
  name: string;
}

/** The project's consultants (members of role consultant), by name. */
export function useConsultants(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.consultants(projectId),
      queryFn: async (): Promise<Consultant[]> => {
        const members = await allPages(
          (cursor) =>
            unwrap(
              api.GET('/api/v1/projects/{project_id}/members', {
                params: { path: { project_id: projectId }, query: { limit: 200, cursor } },
              }),
            ),
          2000,
        );
        return members
          .filter((member) => member.role === 'consultant')
          .map((member) => ({ userId: member.user_id, name: member.user.full_name }))
          .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      },
      staleTime: 5 * 60_000,
    }),
  );
}
