/**
 * The subscription wizard's rules, apart from the screen: which step may be left, what is asked of
 * the quote endpoint, what is posted, and when a new Idempotency-Key is due.
 */
import type { Schemas } from '@/api/client';
import { compareMoney, isMoney, isPercent, normalizeMoney } from '@/lib/money';

export type PaymentMethod = Schemas['PaymentMethod'];
export type DiscountIn = Schemas['DiscountIn'];

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  'full',
  'installment',
  'mortgage_commercial',
  'mortgage_provident',
  'mortgage_combined',
];

export const WIZARD_STEPS = ['buyers', 'price', 'schedule', 'confirm'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export interface DiscountRow {
  kind: 'percent' | 'amount';
  value: string;
  reason: string;
}

export interface WizardState {
  customerIds: string[];
  paymentMethod: PaymentMethod;
  discounts: DiscountRow[];
  deposit: string;
  note: string;
}

export const MAX_BUYERS = 5;

export function initialWizardState(): WizardState {
  return { customerIds: [], paymentMethod: 'full', discounts: [], deposit: '50000.00', note: '' };
}

export type DiscountProblem = 'value' | 'reason';

/** What is wrong with one further discount, if anything. */
export function discountProblems(row: DiscountRow): DiscountProblem[] {
  const problems: DiscountProblem[] = [];
  const value = row.value.trim();
  const valid = row.kind === 'percent' ? isPercent(value) : isMoney(value) && !value.startsWith('-');
  if (!valid) problems.push('value');
  if (row.reason.trim() === '') problems.push('reason');
  return problems;
}

/** The discounts as the API takes them, or null while any row is incomplete. */
export function discountsForApi(rows: readonly DiscountRow[]): DiscountIn[] | null {
  if (rows.some((row) => discountProblems(row).length > 0)) return null;
  return rows.map((row) => ({
    kind: row.kind,
    value: row.kind === 'amount' ? normalizeMoney(row.value) : row.value.trim(),
    reason: row.reason.trim(),
  }));
}

export function depositValid(deposit: string): boolean {
  return isMoney(deposit) && !deposit.trim().startsWith('-');
}

/** The body of the live quote, or null while the price step is incomplete (nothing to ask yet). */
export function quoteBody(unitId: string, state: WizardState): Schemas['DealQuote'] | null {
  const discounts = discountsForApi(state.discounts);
  if (!unitId || discounts === null || !depositValid(state.deposit)) return null;
  return { unit_id: unitId, payment_method: state.paymentMethod, discounts, deposit: normalizeMoney(state.deposit) };
}

/** The subscription as posted, or null while anything is missing. */
export function subscriptionBody(unitId: string, state: WizardState): Schemas['DealCreate'] | null {
  const quote = quoteBody(unitId, state);
  if (quote === null || state.customerIds.length === 0 || state.customerIds.length > MAX_BUYERS) return null;
  const note = state.note.trim();
  return {
    unit_id: unitId,
    customer_ids: [...state.customerIds],
    payment_method: quote.payment_method,
    discounts: quote.discounts ?? [],
    deposit: quote.deposit ?? '0.00',
    ...(note ? { note } : {}),
  };
}

export interface QuoteView {
  final_price: string;
}

/** Whether the person may go on from `step`; the quote must be there (and fresh) to leave the price. */
export function canLeave(
  step: WizardStep,
  state: WizardState,
  unitId: string,
  quote: { data: QuoteView | undefined; fresh: boolean },
): boolean {
  switch (step) {
    case 'buyers':
      return state.customerIds.length >= 1 && state.customerIds.length <= MAX_BUYERS;
    case 'price':
      return (
        quoteBody(unitId, state) !== null &&
        quote.data !== undefined &&
        quote.fresh &&
        compareMoney(normalizeMoney(state.deposit), quote.data.final_price) <= 0
      );
    case 'schedule':
      return subscriptionBody(unitId, state) !== null;
    case 'confirm':
      return false;
  }
}

export function nextStep(step: WizardStep): WizardStep {
  const index = WIZARD_STEPS.indexOf(step);
  return WIZARD_STEPS[Math.min(index + 1, WIZARD_STEPS.length - 1)] ?? step;
}

export function previousStep(step: WizardStep): WizardStep {
  const index = WIZARD_STEPS.indexOf(step);
  return WIZARD_STEPS[Math.max(index - 1, 0)] ?? step;
}

/**
 * One key per intended subscription: the same body keeps its key (a double click, a retry after a
 * lost answer), a changed body gets a new one.
 */
export function idempotencyKeyFor(
  body: unknown,
  previous: { body: string; key: string } | null,
  newKey: () => string,
): { body: string; key: string } {
  const text = JSON.stringify(body);
  if (previous !== null && previous.body === text) return previous;
  return { body: text, key: newKey() };
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
