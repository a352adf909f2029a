import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '@/api/client';
import { developerKeys } from '@/lib/query-keys';

export function getDeveloper(developerId: string) {
  return unwrapWithEtag(
    api.GET('/api/v1/developers/{developer_id}', { params: { path: { developer_id: developerId } } }),
  );
}

export function getDeveloperQueryOptions(developerId: string) {
  return queryOptions({
    queryKey: developerKeys.detail(developerId),
    queryFn: () => getDeveloper(developerId),
    staleTime: 0,
  });
}

export function useDeveloper(developerId: string) {
  return useQuery(getDeveloperQueryOptions(developerId));
}
