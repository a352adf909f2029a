import { optionalMoney } from '@/lib/money';
import type { Channel, Intent } from '../api/get-customers';

export interface CustomerValues {
  name: string;
  phone: string;
  channel: Channel;
  intent?: Intent;
  /** Yuan as text: the budget field is a string-mode number input, so no float on the way. */
  budget?: string | null;
  wanted_layouts?: string[];
  notes?: string;
  /** The campaign that brought them, if any (来源活动). */
  campaign_id?: string | null;
}

export const CUSTOMER_FIELDS = ['name', 'phone', 'channel', 'intent', 'budget', 'wanted_layouts', 'notes', 'campaign_id'] as const;

export function toCustomerCreate(values: CustomerValues, ownerId?: string) {
  return {
    name: values.name.trim(),
    phone: values.phone.trim(),
    channel: values.channel,
    intent: values.intent ?? null,
    budget: optionalMoney(values.budget),
    wanted_layouts: values.wanted_layouts ?? [],
    notes: values.notes?.trim() ? values.notes.trim() : null,
    co_buyers: [],
    owner_id: ownerId ?? null,
    campaign_id: values.campaign_id ?? null,
  };
}
