/** The payments received against a statement (回款记录), with who recorded each. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { agencyFeeKeys } from '@/lib/query-keys';

export type AgencyFeeReceipt = Schemas['AgencyFeeReceipt'];

/** Every payment in the order recorded (a statement has a handful); `enabled` false until any can exist. */
export function useStatementPayments(statementId: string, enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: agencyFeeKeys.payments(statementId),
      queryFn: () =>
        allPages(
          (cursor) =>
            unwrap(
              api.GET('/api/v1/agency-fee-statements/{statement_id}/payments', {
                params: { path: { statement_id: statementId }, query: { limit: 200, cursor } },
              }),
            ),
          1000,
        ),
      enabled,
    }),
  );
}
