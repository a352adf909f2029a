import type { Schemas } from '@/api/client';

type Complaint = Pick<Schemas['Complaint'], 'status' | 'acknowledge_due_at' | 'resolve_due_at'>;

export interface Deadline {
  kind: 'acknowledge' | 'resolve';
  at: string;
}

/**
 * The deadline that matters now: an open complaint waits to be acknowledged, an acknowledged or
 * started one to be resolved; a resolved or closed one has none left.
 */
export function currentDeadline(complaint: Complaint): Deadline | null {
  if (complaint.status === 'open') return { kind: 'acknowledge', at: complaint.acknowledge_due_at };
  if (complaint.status === 'acknowledged' || complaint.status === 'in_progress') {
    return { kind: 'resolve', at: complaint.resolve_due_at };
  }
  return null;
}

/** Whole days, hours and minutes of a span of milliseconds (its absolute value). */
export function splitSpan(ms: number): { d: number; h: number; m: number } {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 };
}

/** The remedies that carry money: they need an amount, approved like a discount beyond one's authority. */
export const MONEY_REMEDIES: readonly Schemas['Remedy'][] = ['price_concession', 'refund', 'compensation'];

export function isMoneyRemedy(remedy: Schemas['Remedy'] | null | undefined): boolean {
  return remedy != null && MONEY_REMEDIES.includes(remedy);
}

export const STATUSES: readonly Schemas['ComplaintStatus'][] = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'];
export const SEVERITIES: readonly Schemas['ComplaintSeverity'][] = ['minor', 'major', 'critical'];
export const CATEGORIES: readonly Schemas['ComplaintCategory'][] = [
  'quality',
  'price',
  'service',
  'sales_promise',
  'contract',
  'payment',
  'handover',
  'property',
  'other',
];
export const SOURCES: readonly Schemas['ComplaintSource'][] = ['customer', 'internal'];
export const CHANNELS: readonly Schemas['ComplaintChannel'][] = ['on_site', 'phone', 'wechat', 'online', 'hotline', 'media'];
export const REMEDIES: readonly Schemas['Remedy'][] = [
  'explanation',
  'repair',
  'price_concession',
  'refund',
  'compensation',
  'other',
];
export const LEVELS = [1, 2, 3, 4] as const;

export function complaintPath(id: string): string {
  return `/complaints/${id}`;
}
