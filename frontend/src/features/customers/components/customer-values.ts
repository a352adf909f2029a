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
}

export const CUSTOMER_FIELDS = ['name', 'phone', 'channel', 'intent', 'budget', 'wanted_layouts', 'notes'] as const;

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
  };
}
