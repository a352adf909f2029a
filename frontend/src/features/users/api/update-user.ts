import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { userKeys } from '@/lib/query-keys';

export type UserUpdate = Schemas['UserUpdate'];

export function updateUser({ userId, etag, changes }: { userId: string; etag: string | null; changes: UserUpdate }) {
  return unwrap(
    api.PATCH('/api/v1/users/{user_id}', {
      params: { path: { user_id: userId }, header: etag ? { 'If-Match': etag } : undefined },
      body: changes,
    }),
  );
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSettled: (_data, _error, { userId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: userKeys.detail(userId) }),
      ]),
  });
}
