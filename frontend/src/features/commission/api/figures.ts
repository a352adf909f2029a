import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { commissionKeys } from '@/lib/query-keys';

export type CommissionFigures = Schemas['CommissionFigures'];
export type MonthFigures = CommissionFigures['months'][number];

/** The commission figures of the months from `from` to `to` (YYYY-MM, both included). */
export function useCommissionFigures(projectId: string, from: string, to: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.figures(projectId, from, to),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/commission', {
            params: { path: { project_id: projectId }, query: { from, to } },
          }),
        ),
    }),
  );
}

/** The same figures as a workbook, saved under the server's file name (through the client: bearer, refresh). */
export async function exportCommissionFigures(projectId: string, from: string, to: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/reports/commission.xlsx', {
    params: { path: { project_id: projectId }, query: { from, to } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'commission.xlsx';
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
