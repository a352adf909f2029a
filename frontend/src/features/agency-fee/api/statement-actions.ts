/** The transitions of a statement; each answers with the statement as it now stands. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import type { AgencyFeeStatementAction } from '@/lib/allowed-actions';
import { agencyFeeKeys } from '@/lib/query-keys';

export type DisputeRequest = Schemas['DisputeRequest'];
export type ReturnRequest = Schemas['ReturnRequest'];
export type InvoiceRequest = Schemas['InvoiceRequest'];
export type ReceiptCreate = Schemas['ReceiptCreate'];

/** One transition with its body (the ones without a body take none). */
export type StatementCommand =
  | { action: 'recompute' | 'submit' | 'confirm' }
  | { action: 'dispute'; body: DisputeRequest }
  | { action: 'return'; body: ReturnRequest }
  | { action: 'invoice'; body: InvoiceRequest }
  | { action: 'record_payment'; body: ReceiptCreate };

function send(statementId: string, command: StatementCommand) {
  const path = { params: { path: { statement_id: statementId } } };
  switch (command.action) {
    case 'recompute':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/recompute', path));
    case 'submit':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/submit', path));
    case 'confirm':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/confirm', path));
    case 'dispute':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/dispute', { ...path, body: command.body }));
    case 'return':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/return', { ...path, body: command.body }));
    case 'invoice':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/invoice', { ...path, body: command.body }));
    case 'record_payment':
      return unwrap(api.POST('/api/v1/agency-fee-statements/{statement_id}/pay', { ...path, body: command.body }));
  }
}

export function useStatementAction(projectId: string, statementId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (command: StatementCommand) => send(statementId, command),
    onSuccess: (statement, command) => {
      client.setQueryData(agencyFeeKeys.statement(statementId), statement);
      void client.invalidateQueries({ queryKey: agencyFeeKeys.statements(projectId) });
      // Recomputing rewrites the lines; a dispute marks some; a return clears the marks.
      const touchesLines: readonly AgencyFeeStatementAction[] = ['recompute', 'dispute', 'return'];
      if (touchesLines.includes(command.action)) void client.invalidateQueries({ queryKey: agencyFeeKeys.lines(statementId) });
      if (command.action === 'record_payment') void client.invalidateQueries({ queryKey: agencyFeeKeys.payments(statementId) });
    },
  });
}
