import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type CallCreate = Schemas['CallCreate'];

export function addCall({ customerId, body }: { customerId: string; body: CallCreate }) {
  return unwrap(api.POST('/api/v1/customers/{customer_id}/calls', { params: { path: { customer_id: customerId } }, body }));
}

export function useAddCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addCall,
    onSuccess: (call) => queryClient.invalidateQueries({ queryKey: customerKeys.detail(call.customer_id) }),
  });
}
