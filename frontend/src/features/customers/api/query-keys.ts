/** Every query of this feature lives under ['customers']; mutations invalidate through these. */
import type { Schemas } from '@/api/client';

export type Stage = Schemas['Stage'];
export type Intent = Schemas['Intent'];
export type Channel = Schemas['Channel'];
export type DueFilter = 'today' | 'overdue' | 'open' | 'all';
export type CustomerView = 'default' | 'mine' | 'pool' | 'all';

export interface CustomerFilters {
  q?: string;
  view?: CustomerView;
  stage?: Stage;
  intent?: Intent;
  channel?: Channel;
  ownerId?: string;
}

export const customerKeys = {
  all: ['customers'] as const,
  ofProject: (projectId: string) => [...customerKeys.all, 'project', projectId] as const,
  lists: (projectId: string) => [...customerKeys.ofProject(projectId), 'list'] as const,
  list: (projectId: string, filters: CustomerFilters) => [...customerKeys.lists(projectId), filters] as const,
  followUps: (projectId: string) => [...customerKeys.ofProject(projectId), 'follow-ups'] as const,
  followUpList: (projectId: string, due: DueFilter) => [...customerKeys.followUps(projectId), due] as const,
  duplicates: (projectId: string) => [...customerKeys.ofProject(projectId), 'duplicate-attempts'] as const,
  alerts: (projectId: string) => [...customerKeys.ofProject(projectId), 'alerts'] as const,
  brokers: (projectId: string) => [...customerKeys.ofProject(projectId), 'brokers'] as const,
  agents: (brokerId: string) => [...customerKeys.all, 'broker', brokerId, 'agents'] as const,
  referrals: (projectId: string) => [...customerKeys.ofProject(projectId), 'referrals'] as const,
  referralMonth: (projectId: string, month: string) =>
    [...customerKeys.ofProject(projectId), 'referral-month', month] as const,
  details: () => [...customerKeys.all, 'detail'] as const,
  detail: (customerId: string) => [...customerKeys.details(), customerId] as const,
  timeline: (customerId: string) => [...customerKeys.detail(customerId), 'timeline'] as const,
  customerFollowUps: (customerId: string) => [...customerKeys.detail(customerId), 'follow-ups'] as const,
};
