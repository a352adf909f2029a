/**
 * The rule form's values and the body the API takes from them. Rates and shares stay decimal strings
 * end to end (the API keeps four decimals; a float would not), so "0.8" goes out as "0.8".
 */
import type { Dayjs } from 'dayjs';
import type { Schemas } from '@/api/client';
import { normalizeMoney } from '@/lib/money';

export type FeeBase = Schemas['FeeBase'];
export type StageCondition = Schemas['StageCondition'];
export type UnitKind = 'residence' | 'parking' | 'storage' | 'shop';
export type RateMode = 'flat' | 'tiered';

export const BASES: readonly FeeBase[] = ['contracted_price', 'received_amount'];
export const CONDITIONS: readonly StageCondition[] = ['contracted', 'down_payment_received', 'fully_paid_or_loan', 'handed_over'];
// The backend's UNIT_KINDS (commission/agency_rules.py): any other kind is a 422.
export const UNIT_KINDS: readonly UnitKind[] = ['residence', 'parking', 'storage', 'shop'];

export interface TierRow {
  from_percent?: string;
  to_percent?: string;
  rate?: string;
}

export interface StageRow {
  name?: string;
  share?: string;
  condition?: StageCondition;
}

export interface FixedRow {
  kind?: UnitKind;
  amount?: string;
}

export interface RuleFormValues {
  effective_from?: Dayjs;
  base: FeeBase;
  mode: RateMode;
  rate?: string;
  tiers: TierRow[];
  premium_share?: string;
  fixed_amounts: FixedRow[];
  stages: StageRow[];
  note?: string;
}

const DECIMAL = /^\d{1,4}(\.\d{1,4})?$/;

/** Whether `text` is a non-negative decimal as the form takes it ("1", "0.85"). */
export function isDecimal(text: string | undefined): boolean {
  return text !== undefined && DECIMAL.test(text.trim());
}

const blank = (text: string | undefined) => text === undefined || text.trim() === '';

/** A decimal typed into the form, trimmed and with a lone trailing dot dropped. */
function decimal(text: string): string {
  return text.trim().replace(/\.$/, '');
}

/** The usual rule: a flat 1 % of the contracted price, 70 % at the down payment and 30 % when fully paid. */
export function defaultRuleValues(): RuleFormValues {
  return {
    base: 'contracted_price',
    mode: 'flat',
    tiers: [
      { from_percent: '0', to_percent: '80', rate: '0.8' },
      { from_percent: '80', to_percent: '100', rate: '1.0' },
      { from_percent: '100', to_percent: '', rate: '1.2' },
    ],
    fixed_amounts: [],
    stages: [
      { name: 'down_payment', share: '70', condition: 'down_payment_received' },
      { name: 'full_payment', share: '30', condition: 'fully_paid_or_loan' },
    ],
  };
}

/** The tier a new row starts as: from where the last one ends. */
export function nextTier(tiers: readonly TierRow[]): TierRow {
  const last = tiers[tiers.length - 1];
  return { from_percent: last?.to_percent ?? (tiers.length === 0 ? '0' : ''), to_percent: '', rate: '' };
}

/** The stage shares added up (blank or unreadable rows count as 0), for the running total under the rows. */
export function stagesTotal(stages: readonly StageRow[]): string {
  // Shares have at most two decimals: add hundredths as integers, so 33.33 + 66.67 is exactly 100.
  const hundredths = stages.reduce((sum, stage) => {
    const share = stage.share?.trim() ?? '';
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(share)) return sum;
    const [whole = '0', cents = ''] = share.split('.');
    return sum + Number(whole) * 100 + Number(cents.padEnd(2, '0'));
  }, 0);
  // An integer over 100 prints as its shortest decimal: 3333 / 100 → "33.33".
  return String(hundredths / 100);
}

/** The body of `POST /projects/{id}/agency-fee-rules` from the form's values (already validated). */
export function ruleBody(values: RuleFormValues): Schemas['AgencyFeeRuleCreate'] {
  const tiered = values.mode === 'tiered';
  const fixed: Record<string, string> = {};
  for (const row of values.fixed_amounts) {
    if (row.kind !== undefined && !blank(row.amount)) fixed[row.kind] = normalizeMoney(row.amount ?? '');
  }
  return {
    effective_from: values.effective_from?.format('YYYY-MM-DD') ?? '',
    base: values.base,
    rate: tiered || blank(values.rate) ? null : decimal(values.rate ?? ''),
    tiers: tiered
      ? values.tiers.map((tier) => ({
          from_percent: decimal(tier.from_percent ?? ''),
          to_percent: blank(tier.to_percent) ? null : decimal(tier.to_percent ?? ''),
          rate: decimal(tier.rate ?? ''),
        }))
      : [],
    premium_share: blank(values.premium_share) ? null : decimal(values.premium_share ?? ''),
    fixed_amounts: fixed,
    stages: values.stages.map((stage) => ({
      name: (stage.name ?? '').trim(),
      share: decimal(stage.share ?? ''),
      condition: stage.condition ?? 'contracted',
    })),
    note: blank(values.note) ? null : (values.note ?? '').trim(),
  };
}
