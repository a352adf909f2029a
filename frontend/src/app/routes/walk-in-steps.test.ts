import { describe, expect, it } from 'vitest';
import { initialWalkIn, stepIndex, walkInReducer, type WalkInState } from './walk-in-steps';

const receiver = { id: 'u1', fullName: '置业顾问 陈晓', turn: 3 };
const customer = { id: 'c1', name: '王先生', channel: 'walk_in' as const };

describe('the walk-in steps', () => {
  it('go receiver → customer → visit → done, each with its answer', () => {
    let state: WalkInState = initialWalkIn;
    state = walkInReducer(state, { type: 'assigned', receiver });
    expect(state).toMatchObject({ step: 'customer', receiver });
    state = walkInReducer(state, { type: 'customer-chosen', customer });
    expect(state).toMatchObject({ step: 'visit', customer });
    state = walkInReducer(state, { type: 'visit-logged', visitId: 'v1' });
    expect(state).toEqual({ step: 'done', receiver, customer, visitId: 'v1' });
    expect(stepIndex(state.step)).toBe(3);
  });

  it('ends at once for a returning customer whose visit the rotation already logged', () => {
    const state = walkInReducer(initialWalkIn, { type: 'returning', receiver, customer, visitId: 'v7' });
    expect(state).toEqual({ step: 'done', receiver, customer, visitId: 'v7' });
    expect(walkInReducer(state, { type: 'returning', receiver, customer, visitId: 'v8' })).toBe(state);
  });

  it('never skips a step: no customer before a receiver, no visit before a customer', () => {
    expect(walkInReducer(initialWalkIn, { type: 'customer-chosen', customer })).toBe(initialWalkIn);
    const assigned = walkInReducer(initialWalkIn, { type: 'assigned', receiver });
    expect(walkInReducer(assigned, { type: 'visit-logged', visitId: 'v1' })).toBe(assigned);
  });

  it('keeps the turn once given: a second assignment does not replace the receiver', () => {
    const assigned = walkInReducer(initialWalkIn, { type: 'assigned', receiver });
    const again = walkInReducer(assigned, { type: 'assigned', receiver: { ...receiver, id: 'u2' } });
    expect(again.receiver?.id).toBe('u1');
  });

  it('lets the customer be changed before the visit, keeping the receiver; restart begins again', () => {
    const chosen = walkInReducer(walkInReducer(initialWalkIn, { type: 'assigned', receiver }), {
      type: 'customer-chosen',
      customer,
    });
    const changed = walkInReducer(chosen, { type: 'change-customer' });
    expect(changed).toMatchObject({ step: 'customer', receiver, customer: null });
    expect(walkInReducer(chosen, { type: 'restart' })).toEqual(initialWalkIn);
  });
});
