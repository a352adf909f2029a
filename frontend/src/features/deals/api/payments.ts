import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys } from '@/lib/query-keys';

export type PaymentCreate = Schemas['PaymentCreate'];

/** 实收, with an Idempotency-Key so a retried request records one payment. */
export function recordPayment({ dealId, body, idempotencyKey }: { dealId: string; body: PaymentCreate; idempotencyKey: string }) {
  return unwrap(
    api.POST('/api/v1/deals/{deal_id}/payments', {
      params: { path: { deal_id: dealId } },
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
}

export function reversePayment({ paymentId, reason }: { paymentId: string; dealId: string; reason: string }) {
  return unwrap(api.POST('/api/v1/payments/{payment_id}/reverse', { params: { path: { payment_id: paymentId } }, body: { reason } }));
}

function useRefreshDeal(projectId: string) {
  const queryClient = useQueryClient();
  return (dealId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: dealKeys.detail(dealId) }),
      queryClient.invalidateQueries({ queryKey: dealKeys.lists(projectId) }),
      queryClient.invalidateQueries({ queryKey: dealKeys.receivables(projectId) }),
    ]);
}

export function useRecordPayment(projectId: string) {
  const refresh = useRefreshDeal(projectId);
  return useMutation({ mutationFn: recordPayment, onSettled: (_d, _e, { dealId }) => refresh(dealId) });
}

export function useReversePayment(projectId: string) {
  const refresh = useRefreshDeal(projectId);
  return useMutation({ mutationFn: reversePayment, onSettled: (_d, _e, { dealId }) => refresh(dealId) });
}
