import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export function getCustomerFollowUps(customerId: string) {
  return unwrap(
    api.GET('/api/v1/customers/{customer_id}/follow-ups', {
      params: { path: { customer_id: customerId }, query: { limit: 100 } },
    }),
  );
}

export function getCustomerFollowUpsQueryOptions(customerId: string) {
  return queryOptions({
    queryKey: customerKeys.customerFollowUps(customerId),
    queryFn: () => getCustomerFollowUps(customerId),
    select: (page) => page.items,
  });
}

export function useCustomerFollowUps(customerId: string, enabled = true) {
  return useQuery({ ...getCustomerFollowUpsQueryOptions(customerId), enabled });
}
