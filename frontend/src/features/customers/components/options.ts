import type { Channel, Intent, Stage } from '../api/get-customers';
import { useCustomersT } from '../i18n';

export const STAGES: readonly Stage[] = ['new', 'visited', 'pledged', 'subscribed', 'contracted', 'lost'];
export const INTENTS: readonly Intent[] = ['A', 'B', 'C', 'D'];
export const CHANNELS: readonly Channel[] = ['walk_in', 'advertising', 'online', 'customer_referral', 'broker'];

/** Select options for stages, intents and channels in the current language. */
export function useOptionLabels() {
  const { t } = useCustomersT();
  return {
    stages: STAGES.map((value) => ({ value, label: t(`stage.${value}`) })),
    intents: INTENTS.map((value) => ({ value, label: t(`intent.${value}`) })),
    channels: CHANNELS.map((value) => ({ value, label: t(`channel.${value}`) })),
  };
}

/** Where a customer's page is. */
export const customerPath = (customerId: string) => `/customers/${customerId}`;

/** Digits of what was typed, when there are enough to search a phone by (≥ 3). */
export function phoneDigits(text: string): string | null {
  const digits = text.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
  return digits.length >= 3 ? digits : null;
}
