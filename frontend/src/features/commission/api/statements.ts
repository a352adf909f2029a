/** Consultants' monthly statements (酬金结算单), their lines, computing a month and the state actions. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { commissionKeys } from '@/lib/query-keys';
import type { StatementAction } from '../lib/statement-actions';

export type CommissionStatement = Schemas['CommissionStatement'];
export type CommissionLine = Schemas['CommissionLine'];
export type StatementStatus = Schemas['CommissionStatementStatus'];

/**
 * Every statement of a month (YYYY-MM), by consultant name. A project has tens of consultants, so all
 * pages; a consultant's answer holds only their own.
 */
export function useCommissionStatements(projectId: string, month: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.statements(projectId, month),
      queryFn: async () => {
        const items = await allPages(
          (cursor) =>
            unwrap(
              api.GET('/api/v1/projects/{project_id}/commission-statements', {
                params: { path: { project_id: projectId }, query: { month, limit: 200, cursor } },
              }),
            ),
          2000,
        );
        return items.sort((a, b) => (a.consultant_name ?? '').localeCompare(b.consultant_name ?? '', 'zh-CN'));
      },
    }),
  );
}

export function useCommissionStatement(statementId: string) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.statement(statementId),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/commission-statements/{commission_statement_id}', {
            params: { path: { commission_statement_id: statementId } },
          }),
        ),
      // A 404 (another consultant's statement, or none) is an answer, not a hiccup to retry.
      retry: false,
    }),
  );
}

/** Every line of a statement in order (a consultant's month has tens of lines, a supervisor's override hundreds). */
export function useCommissionLines(statementId: string | null) {
  return useQuery(
    queryOptions({
      queryKey: commissionKeys.lines(statementId ?? ''),
      queryFn: () =>
        allPages(
          (cursor) =>
            unwrap(
              api.GET('/api/v1/commission-statements/{commission_statement_id}/lines', {
                params: { path: { commission_statement_id: statementId ?? '' }, query: { limit: 200, cursor } },
              }),
            ),
          5000,
        ),
      enabled: statementId !== null,
    }),
  );
}

/** Computes (or recomputes) the month's drafts; submitted and later ones stay as they are. */
export function useComputeMonth(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (month: string) =>
      unwrap(
        api.POST('/api/v1/projects/{project_id}/commission-statements', {
          params: { path: { project_id: projectId } },
          body: { month },
        }),
      ),
    onSuccess: (_computed, month) => {
      void client.invalidateQueries({ queryKey: commissionKeys.statements(projectId, month) });
      // Recomputing rewrote the drafts' lines.
      void client.invalidateQueries({ queryKey: commissionKeys.details() });
    },
  });
}

function send(statementId: string, action: StatementAction) {
  const path = { params: { path: { commission_statement_id: statementId } } };
  switch (action) {
    case 'submit':
      return unwrap(api.POST('/api/v1/commission-statements/{commission_statement_id}/submit', path));
    case 'approve':
      return unwrap(api.POST('/api/v1/commission-statements/{commission_statement_id}/approve', path));
    case 'pay':
      return unwrap(api.POST('/api/v1/commission-statements/{commission_statement_id}/pay', path));
  }
}

/** Submit, approve or pay; each answers with the statement as it now stands. */
export function useStatementAction(statement: Pick<CommissionStatement, 'id' | 'project_id' | 'month'>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: StatementAction) => send(statement.id, action),
    onSuccess: (changed, action) => {
      client.setQueryData(commissionKeys.statement(statement.id), changed);
      void client.invalidateQueries({ queryKey: commissionKeys.statements(statement.project_id, statement.month) });
      // Submitting recomputes the draft as it stands: its lines may change.
      if (action === 'submit') void client.invalidateQueries({ queryKey: commissionKeys.lines(statement.id) });
    },
    onError: () => {
      // A 409 means someone else moved it meanwhile: show what it is now.
      void client.invalidateQueries({ queryKey: commissionKeys.statement(statement.id) });
    },
  });
}
