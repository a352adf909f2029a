import { api, ApiError } from '@/api/client';

/**
 * board.xlsx through the client (bearer header, refresh on 401), saved under the server's file name;
 * of the moment the board shows when it shows a past one (`at`).
 */
export async function exportBoard(projectId: string, buildingId?: string, at: string | null = null): Promise<void> {
  const { data, response } = await api.GET('/api/v1/projects/{project_id}/board.xlsx', {
    params: { path: { project_id: projectId }, query: { building_id: buildingId, at: at ?? undefined } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'board.xlsx';
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
