import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { dealKeys } from '@/lib/query-keys';

/** One customer's deals as a buyer (one page of up to 200: a customer buys a handful of units at most). */
export function getCustomerDeals(projectId: string, customerId: string) {
  return unwrap(
    api.GET('/api/v1/projects/{project_id}/deals', {
      params: { path: { project_id: projectId }, query: { customer_id: customerId, limit: 200 } },
    }),
  );
}

export function getCustomerDealsQueryOptions(projectId: string, customerId: string) {
  return queryOptions({
    queryKey: dealKeys.customer(projectId, customerId),
    queryFn: () => getCustomerDeals(projectId, customerId),
    select: (page) => page.items,
  });
}

export function useCustomerDeals(projectId: string, customerId: string) {
  return useQuery(getCustomerDealsQueryOptions(projectId, customerId));
}
