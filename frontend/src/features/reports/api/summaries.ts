import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { reportKeys } from '@/lib/query-keys';

export type Summary = Schemas['Summary'];
export type SummaryFigure = Schemas['SummaryFigure'];
export type SummaryRow = Schemas['SummaryRow'];
export type SectionKey = Schemas['Section']['key'];

const PATH = '/api/v1/projects/{project_id}/reports/summaries/{period}' as const;

/** The summary of a week, month or quarter (周报 / 月报 / 季报). */
export function useSummary(projectId: string, period: string) {
  return useQuery(
    queryOptions({
      queryKey: reportKeys.summary(projectId, period),
      queryFn: () => unwrap(api.GET(PATH, { params: { path: { project_id: projectId, period } } })),
    }),
  );
}

export type SummaryStep =
  | { step: 'save'; version: number; sections: Partial<Record<SectionKey, string>> }
  | { step: 'submit'; version: number }
  | { step: 'approve'; version: number };

function send(projectId: string, period: string, action: SummaryStep): Promise<Summary> {
  const params = { path: { project_id: projectId, period }, header: { 'If-Match': `"v${action.version}"` } };
  switch (action.step) {
    case 'save':
      return unwrap(api.PUT(PATH, { params, body: { sections: action.sections } }));
    case 'submit':
      return unwrap(api.POST(`${PATH}/submit`, { params }));
    case 'approve':
      return unwrap(api.POST(`${PATH}/approve`, { params }));
  }
}

/** Save, submit or approve; the answer is the summary as it now stands, put straight into the cache. */
export function useSummaryStep(projectId: string, period: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: SummaryStep) => send(projectId, period, action),
    onSuccess: (summary) => client.setQueryData(reportKeys.summary(projectId, period), summary),
  });
}

/** The summary as a workbook or a PDF, saved under the server's file name. */
export async function downloadSummary(projectId: string, period: string, format: 'xlsx' | 'pdf'): Promise<void> {
  const params = { path: { project_id: projectId, period } };
  const { data, response } =
    format === 'xlsx'
      ? await api.GET(`${PATH}.xlsx`, { params, parseAs: 'blob' })
      : await api.GET(`${PATH}.pdf`, { params, parseAs: 'blob' });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `summary-${period}.${format}`;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
