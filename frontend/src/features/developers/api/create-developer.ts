import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { developerKeys } from '@/lib/query-keys';

export type DeveloperCreate = Schemas['DeveloperCreate'];

export function createDeveloper(body: DeveloperCreate) {
  return unwrap(api.POST('/api/v1/developers', { body }));
}

export function useCreateDeveloper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDeveloper,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: developerKeys.lists() }),
  });
}
