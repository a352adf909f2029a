/**
 * What the dashboards read, each on the existing API. Keys sit under their resource's factory
 * (`@/lib/query-keys`), so a change anywhere in the app that invalidates the resource refreshes the card.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/api/client';
import {
  agencyFeeKeys,
  approvalKeys,
  closeKeys,
  complaintKeys,
  customerKeys,
  receptionKeys,
  reportKeys,
  targetKeys,
} from '@/lib/query-keys';

export type DailyReport = Schemas['DailyReport'];
export type ConsultantDay = Schemas['ConsultantDay'];
export type TargetPlan = Schemas['TargetPlan'];
export type TargetFigures = Schemas['TargetFigures'];
export type Absorption = Schemas['Absorption'];
export type ReceivablesAging = Schemas['ReceivablesAging'];
export type ChannelReport = Schemas['ChannelReport'];
export type RosterEntry = Schemas['RosterEntry'];
export type FollowUp = Schemas['FollowUp'];
export type AgencyFeeStatement = Schemas['AgencyFeeStatement'];
export type CloseSummary = Schemas['CloseSummary'];

/** The project's latest daily close (日清日结), or none yet. */
export function useLatestClose(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: closeKeys.list(projectId, 1),
      queryFn: async () => {
        const page = await unwrap(
          api.GET('/api/v1/projects/{project_id}/closes', {
            params: { path: { project_id: projectId }, query: { limit: 1 } },
          }),
        );
        return page.items[0] ?? null;
      },
    }),
  );
}

/** The daily report of a project's day (the same cache entry as the 日报 page). */
export function useDailyReport(projectId: string, date: string) {
  return useQuery(
    queryOptions({
      queryKey: reportKeys.daily(projectId, date),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/daily', {
            params: { path: { project_id: projectId }, query: { date } },
          }),
        ),
    }),
  );
}

/** A month's target plan, as the caller may read it (the same cache entry as the targets page). */
export function useTargetPlan(projectId: string, month: string) {
  return useQuery(
    queryOptions({
      queryKey: targetKeys.plan(projectId, month),
      queryFn: async () => {
        const plan = await unwrap(
          api.GET('/api/v1/projects/{project_id}/targets', { params: { path: { project_id: projectId }, query: { month } } }),
        );
        if (plan.kind !== 'plan') throw new Error('expected a month plan');
        return plan;
      },
    }),
  );
}

/** Who is on duty today (the project's day; the same cache entry as the rotation page). */
export function useRosterToday(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: receptionKeys.roster(projectId, null),
      queryFn: () =>
        unwrap(api.GET('/api/v1/projects/{project_id}/roster', { params: { path: { project_id: projectId }, query: {} } })),
    }),
  );
}

/** Absorption (去化率) now. */
export function useAbsorption(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...reportKeys.ofProject(projectId), 'absorption'] as const,
      queryFn: () =>
        unwrap(api.GET('/api/v1/projects/{project_id}/reports/absorption', { params: { path: { project_id: projectId } } })),
    }),
  );
}

/** Receivables aging (应收账龄) today, of the lines the caller may read. */
export function useReceivablesAging(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...reportKeys.ofProject(projectId), 'receivables-aging'] as const,
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/receivables-aging', { params: { path: { project_id: projectId } } }),
        ),
    }),
  );
}

/** The channel and campaign report from `from` to `to` (the project's days, both included). */
export function useChannelReport(projectId: string, from: string, to: string) {
  return useQuery(
    queryOptions({
      queryKey: [...reportKeys.ofProject(projectId), 'channels', from, to] as const,
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/channels', {
            params: { path: { project_id: projectId }, query: { from, to } },
          }),
        ),
    }),
  );
}

/** The caller's follow-ups due today (first page; a dashboard shows a handful). */
export function useFollowUpsToday(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...customerKeys.followUpList(projectId, 'today'), 'dashboard'] as const,
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/follow-ups', {
            params: { path: { project_id: projectId }, query: { due: 'today', limit: 50 } },
          }),
        ),
    }),
  );
}

/** Approval requests of the project waiting for a decision the caller may take (first 200). */
export function usePendingApprovals(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...approvalKeys.lists(), 'dashboard', projectId] as const,
      queryFn: () =>
        unwrap(api.GET('/api/v1/approvals', { params: { query: { status: 'pending', project_id: projectId, limit: 200 } } })),
      select: (page) => ({ count: page.items.filter((a) => a.can_decide).length, more: page.next_cursor !== null }),
    }),
  );
}

/** How many complaints are open (not resolved or closed) and how many are past their deadline. */
export function useComplaintCounts(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...complaintKeys.lists(projectId), 'dashboard-counts'] as const,
      queryFn: async () => {
        const ask = (query: { status?: Schemas['ComplaintStatus']; overdue?: boolean }) =>
          unwrap(
            api.GET('/api/v1/projects/{project_id}/complaints', {
              params: { path: { project_id: projectId }, query: { ...query, limit: 200 } },
            }),
          );
        const [open, acknowledged, inProgress, overdue] = await Promise.all([
          ask({ status: 'open' }),
          ask({ status: 'acknowledged' }),
          ask({ status: 'in_progress' }),
          ask({ overdue: true }),
        ]);
        const pages = [open, acknowledged, inProgress];
        return {
          open: pages.reduce((sum, page) => sum + page.items.length, 0),
          overdue: overdue.items.length,
          // A page holds at most 200: past that the count reads "200+".
          more: pages.some((page) => page.next_cursor !== null) || overdue.next_cursor !== null,
        };
      },
    }),
  );
}

/** The project's agency-fee statements (first 200), for those waiting on the caller. */
export function useAgencyStatements(projectId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...agencyFeeKeys.statements(projectId), 'dashboard'] as const,
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/agency-fee-statements', {
            params: { path: { project_id: projectId }, query: { limit: 200 } },
          }),
        ),
    }),
  );
}

/** Complaints filed from `from` to `to` (the project's days; the same cache entry as the statistics page). */
export function useComplaintStatistics(projectId: string, from: string, to: string, enabled = true) {
  return useQuery(
    queryOptions({
      enabled,
      queryKey: complaintKeys.statistics(projectId, from, to),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/projects/{project_id}/reports/complaints', {
            params: { path: { project_id: projectId }, query: { from, to } },
          }),
        ),
    }),
  );
}
