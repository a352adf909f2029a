import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export function claimCustomer(customerId: string) {
  return unwrap(api.POST('/api/v1/customers/{customer_id}/claim', { params: { path: { customer_id: customerId } } }));
}

export function useClaimCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: claimCustomer,
    onSuccess: (customer) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(customer.id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.lists(customer.project_id) }),
      ]),
  });
}
