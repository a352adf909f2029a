import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { developerKeys } from '@/lib/query-keys';

export type DeveloperUpdate = Schemas['DeveloperUpdate'];

export function updateDeveloper({
  developerId,
  etag,
  changes,
}: {
  developerId: string;
  etag: string | null;
  changes: DeveloperUpdate;
}) {
  return unwrap(
    api.PATCH('/api/v1/developers/{developer_id}', {
      params: { path: { developer_id: developerId }, header: etag ? { 'If-Match': etag } : undefined },
      body: changes,
    }),
  );
}

export function useUpdateDeveloper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDeveloper,
    onSettled: (_data, _error, { developerId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: developerKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: developerKeys.detail(developerId) }),
      ]),
  });
}
