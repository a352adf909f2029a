import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { dealKeys, type DealQuoteInput } from '@/lib/query-keys';

export type Quote = Schemas['Quote'];
export type DealQuote = Schemas['DealQuote'];

/** The wizard's live price: what the deal would cost, what approval it needs and its schedule. */
export function quoteDeal({ projectId, body }: DealQuoteInput) {
  return unwrap(api.POST('/api/v1/projects/{project_id}/deals/quote', { params: { path: { project_id: projectId } }, body }));
}

export function getQuoteQueryOptions(input: DealQuoteInput) {
  return queryOptions({
    queryKey: dealKeys.quote(input),
    queryFn: () => quoteDeal(input),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
  });
}

/** Quoted only while `input` is complete and valid (null: nothing to ask yet). */
export function useQuote(input: DealQuoteInput | null) {
  return useQuery({
    ...getQuoteQueryOptions(input ?? { projectId: '', body: { unit_id: '', payment_method: 'full', discounts: [], deposit: '0.00' } }),
    enabled: input !== null,
  });
}
