import type { FunnelGroup, FunnelStage } from '../api/funnel';

export const STAGES = ['first_visit', 'came_back', 'subscribed', 'contracted', 'fully_paid'] as const;
export const CHANNELS = ['walk_in', 'advertising', 'online', 'customer_referral', 'broker'] as const;
export type ChannelKey = (typeof CHANNELS)[number];

/** Whether a group's key is a channel the page names. */
export function isChannel(key: string | null): key is ChannelKey {
  return CHANNELS.includes(key as ChannelKey);
}

/** A share (`"0.4375"`) as a percentage with one decimal; a dash when there is none. */
export function formatShare(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${(Number(value) * 100).toFixed(1)}%`;
}

/** The funnel chart's data: each stage of the group with its label and count, in the funnel's order. */
export function funnelData(group: FunnelGroup, label: (stage: FunnelStage['stage']) => string): { name: string; value: number }[] {
  return group.stages.map((stage) => ({ name: label(stage.stage), value: stage.count }));
}
