import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { complaintKeys } from '@/lib/query-keys';

export type ComplaintStatistics = Schemas['ComplaintStatistics'];

/** Figures of complaints filed from `from` to `to` (YYYY-MM-DD, both included, the project's time zone). */
export function useComplaintStatistics(projectId: string, from: string, to: string) {
  return useQuery(
    queryOptions({
      queryKey: complaintKeys.statistics(projectId, from, to),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/complaints', {
            params: { path: { project_id: projectId }, query: { from, to } },
          }),
        ),
    }),
  );
}

/** The same figures as a workbook, saved under the server's file name (through the client: bearer, refresh). */
export async function exportComplaintStatistics(projectId: string, from: string, to: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/reports/complaints.xlsx', {
    params: { path: { project_id: projectId }, query: { from, to } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'complaints.xlsx';
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
