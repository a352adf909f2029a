/** Filing a complaint, acting on one, and making its rating link; the lists and the complaint refresh after. */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { approvalKeys, complaintKeys } from '@/lib/query-keys';

export type ComplaintCreate = Schemas['ComplaintCreate'];
export type ComplaintActionRequest = Schemas['ComplaintActionRequest'];
export type RatingLink = Schemas['RatingLink'];

function refresh(client: QueryClient, projectId: string, complaintId?: string) {
  void client.invalidateQueries({ queryKey: complaintKeys.ofProject(projectId) });
  if (complaintId !== undefined) void client.invalidateQueries({ queryKey: complaintKeys.detail(complaintId) });
}

export function useFileComplaint(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintCreate) =>
      unwrap(api.POST('/api/v1/projects/{project_id}/complaints', { params: { path: { project_id: projectId } }, body })),
    onSuccess: () => refresh(client, projectId),
  });
}

export function useActOnComplaint(projectId: string, complaintId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintActionRequest) =>
      unwrap(api.POST('/api/v1/complaints/{complaint_id}/actions', { params: { path: { complaint_id: complaintId } }, body })),
    onSuccess: (complaint) => {
      client.setQueryData(complaintKeys.detail(complaintId), complaint);
      refresh(client, projectId, complaintId);
      // A money remedy beyond the caller's authority becomes an approval request in the inbox.
      if (complaint.remedy_pending) void client.invalidateQueries({ queryKey: approvalKeys.all });
    },
  });
}

export function useMakeRatingLink(projectId: string, complaintId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/complaints/{complaint_id}/rating-link', { params: { path: { complaint_id: complaintId } } })),
    onSuccess: () => refresh(client, projectId, complaintId),
  });
}
