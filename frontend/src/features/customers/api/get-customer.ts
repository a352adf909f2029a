import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export function getCustomer(customerId: string) {
  return unwrapWithEtag(api.GET('/api/v1/customers/{customer_id}', { params: { path: { customer_id: customerId } } }));
}

/** One customer with its ETag (`data`, `etag`). */
export function getCustomerQueryOptions(customerId: string) {
  return queryOptions({ queryKey: customerKeys.detail(customerId), queryFn: () => getCustomer(customerId) });
}

export function useCustomer(customerId: string) {
  return useQuery(getCustomerQueryOptions(customerId));
}
