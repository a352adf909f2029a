/** Agency-fee statements (结算单): the list, one statement, its lines, generating one and the workbook. */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '@/api/client';
import { allPages } from '@/lib/all-pages';
import { agencyFeeKeys } from '@/lib/query-keys';

export type AgencyFeeStatement = Schemas['AgencyFeeStatement'];
export type AgencyFeeLine = Schemas['AgencyFeeLine'];
export type StatementCreate = Schemas['StatementCreate'];
export type StatementStatus = Schemas['AgencyStatementStatus'];

const LINES_PAGE = 100;

/** Every statement of the project (one a month or so), newest first. */
export function useAgencyFeeStatements(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: agencyFeeKeys.statements(projectId),
      queryFn: async () =>
        (
          await allPages(
            (cursor) =>
              unwrap(
                api.GET('/api/v1/projects/{project_id}/agency-fee-statements', {
                  params: { path: { project_id: projectId }, query: { limit: 200, cursor } },
                }),
              ),
            2000,
          )
        ).sort((a, b) => b.number - a.number),
    }),
  );
}

export function useAgencyFeeStatement(statementId: string) {
  return useQuery(
    queryOptions({
      queryKey: agencyFeeKeys.statement(statementId),
      queryFn: () =>
        unwrap(api.GET('/api/v1/agency-fee-statements/{statement_id}', { params: { path: { statement_id: statementId } } })),
      staleTime: 0,
    }),
  );
}

/** The lines in their order, a page at a time (a statement of a big project has thousands). */
export function getStatementLinesQueryOptions(statementId: string) {
  return infiniteQueryOptions({
    queryKey: agencyFeeKeys.lines(statementId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/agency-fee-statements/{statement_id}/lines', {
          params: { path: { statement_id: statementId }, query: { limit: LINES_PAGE, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useStatementLines(statementId: string) {
  return useInfiniteQuery(getStatementLinesQueryOptions(statementId));
}

/** Generates the period's statement: a new draft, or the period's draft computed again. */
export function useGenerateStatement(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: StatementCreate) => {
      const { data, error, response } = await api.POST('/api/v1/projects/{project_id}/agency-fee-statements', {
        params: { path: { project_id: projectId } },
        body,
      });
      if (!response.ok || data === undefined) throw ApiError.fromResponse(response, error);
      return { statement: data, made: response.status === 201 };
    },
    onSuccess: ({ statement }) => {
      void client.invalidateQueries({ queryKey: agencyFeeKeys.statements(projectId) });
      void client.invalidateQueries({ queryKey: agencyFeeKeys.statement(statement.id) });
    },
  });
}

/** The statement as a workbook, saved under the server's file name (through the client: bearer, refresh). */
export async function exportStatement(statementId: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/agency-fee-statements/{statement_id}.xlsx', {
    params: { path: { statement_id: statementId } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) throw ApiError.fromResponse(response, null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'agency-fee.xlsx';
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
