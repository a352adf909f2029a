/** The customer's rating page: no login, only the token in the link. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { complaintKeys } from '@/lib/query-keys';

export type PublicRating = Schemas['PublicRating'];
export type RatingRequest = Schemas['RatingRequest'];

const at = (token: string) => ({ params: { path: { token } } });

export function usePublicRating(token: string) {
  return useQuery(
    queryOptions({
      queryKey: complaintKeys.rating(token),
      queryFn: () => unwrap(api.GET('/api/v1/public/complaint-ratings/{token}', at(token))),
      retry: false, // a 404 or 429 will not change by asking again at once
      refetchOnWindowFocus: false,
    }),
  );
}

export function useSubmitRating(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RatingRequest) => unwrap(api.POST('/api/v1/public/complaint-ratings/{token}', { ...at(token), body })),
    onSuccess: (view) => client.setQueryData(complaintKeys.rating(token), view),
  });
}
