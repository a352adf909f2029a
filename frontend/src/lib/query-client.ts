import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/client';

/** Answers from the API are final (a 4xx will not change by asking again); network failures get one more try. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => !isApiError(error) && failures < 1,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
