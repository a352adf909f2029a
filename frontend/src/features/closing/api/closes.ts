import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { closeKeys } from '@/lib/query-keys';

export type Close = Schemas['Close'];
export type CloseSummary = Schemas['CloseSummary'];
export type CloseAction = Close['allowed_actions'][number];


/** The project's closes, newest day first (the first page: a project closes one a day). */
export function useCloses(projectId: string, limit = 60) {
  return useQuery(
    queryOptions({
      queryKey: closeKeys.list(projectId, limit),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/closes', {
            params: { path: { project_id: projectId }, query: { limit } },
          }),
        ),
    }),
  );
}

/** One close with its board, receipts, differences and signatures. */
export function useClose(projectId: string, closeId: string) {
  return useQuery(
    queryOptions({
      queryKey: closeKeys.one(projectId, closeId),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/closes/{close_id}', {
            params: { path: { project_id: projectId, close_id: closeId } },
          }),
        ),
    }),
  );
}

/** Build the close of `date` (today in the project's time zone when absent). */
export function useBuildClose(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date?: string) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/closes', {
          params: { path: { project_id: projectId } },
          body: date ? { date } : {},
        }),
      ),
    onSuccess: (close) => client.setQueryData(closeKeys.one(projectId, close.id), close),
    onSettled: () => void client.invalidateQueries({ queryKey: closeKeys.ofProject(projectId) }),
  });
}

/** Refresh, close or countersign a close; the answer is the close as it now stands. */
export function useCloseAction(projectId: string, closeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: CloseAction) => {
      const path = { path: { project_id: projectId, close_id: closeId } };
      switch (action) {
        case 'refresh':
          return unwrap(api.POST('/api/v1/projects/{project_id}/closes/{close_id}/refresh', { params: path }));
        case 'close':
          return unwrap(api.POST('/api/v1/projects/{project_id}/closes/{close_id}/close', { params: path }));
        case 'countersign':
          return unwrap(api.POST('/api/v1/projects/{project_id}/closes/{close_id}/countersign', { params: path }));
      }
    },
    onSuccess: (close) => client.setQueryData(closeKeys.one(projectId, closeId), close),
    onSettled: () => void client.invalidateQueries({ queryKey: closeKeys.ofProject(projectId) }),
  });
}

/** The close as a workbook, saved under the server's file name (through the client: bearer, refresh). */
export async function exportClose(projectId: string, closeId: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/closes/{close_id}.xlsx', {
    params: { path: { project_id: projectId, close_id: closeId } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? `close-${closeId}.xlsx`;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
