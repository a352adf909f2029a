import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { PageParams } from '@/lib/query-keys';

export type ApiKey = Schemas['ApiKey'];
export type ApiKeyCreate = Schemas['ApiKeyCreate'];
export type ApiKeyCreated = Schemas['ApiKeyCreated'];

/** Query keys of this feature (kept here: no other feature reads keys). */
export const apiKeyKeys = {
  all: ['api-keys'] as const,
  lists: () => [...apiKeyKeys.all, 'list'] as const,
  list: (params: PageParams) => [...apiKeyKeys.lists(), params] as const,
  scopes: () => [...apiKeyKeys.all, 'scopes'] as const,
};

export function getApiKeys({ limit, cursor }: PageParams & { cursor?: string | null }) {
  return unwrap(api.GET('/api/v1/api-keys', { params: { query: { limit, cursor: cursor ?? undefined } } }));
}

export function useApiKeys(params: PageParams = { limit: 50 }) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: apiKeyKeys.list(params),
      queryFn: ({ pageParam }) => getApiKeys({ ...params, cursor: pageParam }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.next_cursor,
      select: (data) => data.pages.flatMap((page) => page.items),
    }),
  );
}

/** The domains keys can be given scopes in, from the server (one list, kept with the backend's). */
export function useScopeCatalog() {
  return useQuery(
    queryOptions({
      queryKey: apiKeyKeys.scopes(),
      queryFn: () => unwrap(api.GET('/api/v1/api-keys/scopes')),
      staleTime: Infinity,
    }),
  );
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiKeyCreate) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.lists() }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      unwrap(api.DELETE('/api/v1/api-keys/{key_id}', { params: { path: { key_id: keyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.lists() }),
  });
}
