/**
 * The caller's own customers to reserve a unit for: the reservation picker's read of the customers
 * API (`view=mine`, searched by name or phone), kept here so the board needs no other feature.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export interface CustomerChoice {
  id: string;
  name: string;
  phone: string;
}

export async function getCustomerChoices(projectId: string, q: string): Promise<CustomerChoice[]> {
  const page = await unwrap(
    api.GET('/api/v1/projects/{project_id}/customers', {
      params: { path: { project_id: projectId }, query: { view: 'mine', limit: 50, q: q || undefined } },
    }),
  );
  return page.items.map((customer) => ({ id: customer.id, name: customer.name, phone: customer.phone }));
}

export function getCustomerChoicesQueryOptions(projectId: string, q: string) {
  return queryOptions({
    queryKey: customerKeys.choices(projectId, { purpose: 'reservation', q, mine: true }),
    queryFn: () => getCustomerChoices(projectId, q),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerChoices(projectId: string, q: string, enabled = true) {
  return useQuery({ ...getCustomerChoicesQueryOptions(projectId, q), enabled });
}
