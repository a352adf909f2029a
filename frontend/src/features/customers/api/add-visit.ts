import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { customerKeys } from '@/lib/query-keys';

export type VisitCreate = Schemas['VisitCreate'];
export type Visit = Schemas['Visit'];

export function addVisit({ customerId, body }: { customerId: string; body: VisitCreate }) {
  return unwrap(api.POST('/api/v1/customers/{customer_id}/visits', { params: { path: { customer_id: customerId } }, body }));
}

export function useAddVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addVisit,
    onSuccess: (visit) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKeys.detail(visit.customer_id) }),
        queryClient.invalidateQueries({ queryKey: customerKeys.lists(visit.project_id) }),
      ]),
  });
}
