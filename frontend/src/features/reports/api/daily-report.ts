import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { reportKeys } from '@/lib/query-keys';

export type DailyReport = Schemas['DailyReport'];
export type ConsultantDay = Schemas['ConsultantDay'];
export type Figure = Schemas['Figure'];
export type Metric = Schemas['Metric'];

/** The daily report of `date` (YYYY-MM-DD, the project's day), as the caller may read it. */
export function useDailyReport(projectId: string, date: string) {
  return useQuery(
    queryOptions({
      queryKey: reportKeys.daily(projectId, date),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/daily', {
            params: { path: { project_id: projectId }, query: { date } },
          }),
        ),
    }),
  );
}

/** Confirm consultants' day (每日确认当日业绩); the report is read again to show who confirmed. */
export function useConfirmDay(projectId: string, date: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (consultantIds: string[]) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/reports/daily/{date}/confirmations', {
          params: { path: { project_id: projectId, date } },
          body: { consultant_ids: consultantIds },
        }),
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: reportKeys.daily(projectId, date) }),
  });
}

/** The report as a workbook, saved under the server's file name (through the client: bearer, refresh). */
export async function exportDailyReport(projectId: string, date: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/reports/daily.xlsx', {
    params: { path: { project_id: projectId }, query: { date } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `daily-${date}.xlsx`;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
