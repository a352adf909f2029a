import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { reportKeys } from '@/lib/query-keys';

export type Funnel = Schemas['Funnel'];
export type FunnelGroup = Schemas['FunnelGroup'];
export type FunnelStage = Schemas['FunnelStage'];
export type FunnelBy = Funnel['by'];

/** The conversion funnel of the customers first come from `from` to `to` (project days), grouped `by`. */
export function useFunnel(projectId: string, from: string, to: string, by: FunnelBy) {
  return useQuery(
    queryOptions({
      queryKey: reportKeys.funnel(projectId, from, to, by),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/funnel', {
            params: { path: { project_id: projectId }, query: { from, to, by } },
          }),
        ),
    }),
  );
}

/** The funnel as a workbook, saved under the server's file name (through the client: bearer, refresh). */
export async function exportFunnel(projectId: string, from: string, to: string, by: FunnelBy): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/reports/funnel.xlsx', {
    params: { path: { project_id: projectId }, query: { from, to, by } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'funnel.xlsx';
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
