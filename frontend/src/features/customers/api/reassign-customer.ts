import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type Reassign = Schemas['Reassign'];

export function reassignCustomer({ customerId, body }: { customerId: string; body: Reassign }) {
  return unwrap(
    api.POST('/api/v1/customers/{customer_id}/reassign', { params: { path: { customer_id: customerId } }, body }),
  );
}

export function useReassignCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reassignCustomer,
    onSuccess: (customer) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(customer.id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.lists(customer.project_id) }),
      ]),
  });
}
