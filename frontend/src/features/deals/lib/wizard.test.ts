import { describe, expect, it } from 'vitest';
import {
  canLeave,
  discountProblems,
  discountsForApi,
  idempotencyKeyFor,
  initialWizardState,
  nextStep,
  previousStep,
  quoteBody,
  subscriptionBody,
  type WizardState,
} from './wizard';

const UNIT = '11111111-1111-1111-1111-111111111111';
const BUYER = '22222222-2222-2222-2222-222222222222';

function state(changes: Partial<WizardState> = {}): WizardState {
  return { ...initialWizardState(), ...changes };
}

const quoted = { data: { final_price: '4752804.00' }, fresh: true };

describe('the subscription wizard', () => {
  it('walks buyers → price → schedule → confirm and back', () => {
    expect(nextStep('buyers')).toBe('price');
    expect(nextStep('schedule')).toBe('confirm');
    expect(nextStep('confirm')).toBe('confirm');
    expect(previousStep('price')).toBe('buyers');
    expect(previousStep('buyers')).toBe('buyers');
  });

  it('needs one to five buyers to leave the first step', () => {
    expect(canLeave('buyers', state(), UNIT, quoted)).toBe(false);
    expect(canLeave('buyers', state({ customerIds: [BUYER] }), UNIT, quoted)).toBe(true);
    expect(canLeave('buyers', state({ customerIds: ['a', 'b', 'c', 'd', 'e', 'f'] }), UNIT, quoted)).toBe(false);
  });

  it('checks each discount: a valid value and a reason', () => {
    expect(discountProblems({ kind: 'percent', value: '1.5', reason: '老带新' })).toEqual([]);
    expect(discountProblems({ kind: 'percent', value: '101', reason: 'x' })).toEqual(['value']);
    expect(discountProblems({ kind: 'amount', value: '2000.005', reason: '' })).toEqual(['value', 'reason']);
    expect(discountProblems({ kind: 'amount', value: '-1', reason: 'x' })).toEqual(['value']);
  });

  it('sends amounts as canonical decimal strings, never numbers', () => {
    expect(discountsForApi([{ kind: 'amount', value: '20000', reason: ' 团购 ' }])).toEqual([
      { kind: 'amount', value: '20000.00', reason: '团购' },
    ]);
    expect(discountsForApi([{ kind: 'percent', value: 'x', reason: 'r' }])).toBeNull();
    const body = quoteBody(UNIT, state({ deposit: '50000', discounts: [{ kind: 'percent', value: '2', reason: '开盘' }] }));
    expect(body).toEqual({
      unit_id: UNIT,
      payment_method: 'full',
      discounts: [{ kind: 'percent', value: '2', reason: '开盘' }],
      deposit: '50000.00',
    });
  });

  it('leaves the price step only with a fresh quote and a deposit within the price', () => {
    const s = state({ customerIds: [BUYER] });
    expect(canLeave('price', s, UNIT, quoted)).toBe(true);
    expect(canLeave('price', s, UNIT, { data: undefined, fresh: false })).toBe(false);
    expect(canLeave('price', s, UNIT, { ...quoted, fresh: false })).toBe(false);
    expect(canLeave('price', state({ deposit: '5000000.00' }), UNIT, quoted)).toBe(false);
    expect(canLeave('price', state({ deposit: 'abc' }), UNIT, quoted)).toBe(false);
  });

  it('builds the subscription body only when complete', () => {
    expect(subscriptionBody(UNIT, state())).toBeNull();
    expect(subscriptionBody(UNIT, state({ customerIds: [BUYER], note: '  ' }))).toEqual({
      unit_id: UNIT,
      customer_ids: [BUYER],
      payment_method: 'full',
      discounts: [],
      deposit: '50000.00',
    });
  });

  it('keeps one Idempotency-Key per body: a double click or a retry records once', () => {
    let n = 0;
    const next = () => `key-${++n}`;
    const first = idempotencyKeyFor({ a: 1 }, null, next);
    const again = idempotencyKeyFor({ a: 1 }, first, next);
    expect(again.key).toBe(first.key);
    const changed = idempotencyKeyFor({ a: 2 }, again, next);
    expect(changed.key).not.toBe(first.key);
  });
});
