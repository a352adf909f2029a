/** A month's plan of targets, its edits, split and approval steps, and its workbook. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { approvalKeys, targetKeys } from '@/lib/query-keys';

export type TargetPlan = Schemas['TargetPlan'];

export function useTargetPlan(projectId: string, month: string) {
  return useQuery(
    queryOptions({
      queryKey: targetKeys.plan(projectId, month),
      queryFn: async () => {
        const plan = await unwrap(
          api.GET('/api/v1/projects/{project_id}/targets', { params: { path: { project_id: projectId }, query: { month } } }),
        );
        // Asked with `month`, the answer is always the month's plan.
        if (plan.kind !== 'plan') throw new Error('expected a month plan');
        return plan;
      },
    }),
  );
}

export type PlanStep =
  | { step: 'save'; body: Schemas['TargetPlanUpdate']; version: number }
  | { step: 'split'; version: number }
  | { step: 'submit'; version: number; comment?: string }
  | { step: 'approve'; comment?: string }
  | { step: 'return'; comment: string };

function etag(version: number): string {
  return `"v${version}"`;
}

function send(projectId: string, month: string, action: PlanStep): Promise<TargetPlan> {
  const path = { project_id: projectId };
  const query = { month };
  switch (action.step) {
    case 'save':
      return unwrap(
        api.PUT('/api/v1/projects/{project_id}/targets', {
          params: { path, query, header: { 'If-Match': etag(action.version) } },
          body: action.body,
        }),
      );
    case 'split':
      return unwrap(
        api.POST('/api/v1/projects/{project_id}/targets/split', {
          params: { path, query, header: { 'If-Match': etag(action.version) } },
        }),
      );
    case 'submit':
      return unwrap(
        api.POST('/api/v1/projects/{project_id}/targets/submit', {
          params: { path, query, header: { 'If-Match': etag(action.version) } },
          body: { comment: action.comment ?? null },
        }),
      );
    case 'approve':
      return unwrap(api.POST('/api/v1/projects/{project_id}/targets/approve', { params: { path, query }, body: { comment: action.comment ?? null } }));
    case 'return':
      return unwrap(api.POST('/api/v1/projects/{project_id}/targets/return', { params: { path, query }, body: { comment: action.comment } }));
  }
}

/** One step of the plan; the answer is the plan as it now stands, put straight into the cache. */
export function usePlanStep(projectId: string, month: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: PlanStep) => send(projectId, month, action),
    onSuccess: (plan) => client.setQueryData(targetKeys.plan(projectId, month), plan),
    onSettled: (_data, _error, action) => {
      void client.invalidateQueries({ queryKey: targetKeys.plan(projectId, month) });
      if (action.step !== 'save' && action.step !== 'split') void client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}

/** The plan as a workbook, saved under the server's file name. */
export async function exportTargets(projectId: string, month: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/targets.xlsx', {
    params: { path: { project_id: projectId }, query: { month } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `targets-${month}.xlsx`;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
