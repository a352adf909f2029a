/**
 * The walk-in flow's steps as a pure reducer: who receives the visitor → which customer → the
 * visit. A step is reached only when the one before it has its answer.
 */
export interface Receiver {
  id: string;
  fullName: string;
  /** The rotation's turn number today, when the rotation assigned them. */
  turn: number | null;
}

export interface ChosenCustomer {
  id: string;
  name: string;
  channel: 'walk_in' | 'advertising' | 'online' | 'customer_referral' | 'broker';
}

export type WalkInStep = 'receiver' | 'customer' | 'visit' | 'done';

export interface WalkInState {
  step: WalkInStep;
  receiver: Receiver | null;
  customer: ChosenCustomer | null;
  visitId: string | null;
}

export type WalkInAction =
  | { type: 'assigned'; receiver: Receiver }
  /** A returning customer's phone at the door: the rotation gave them to their owner and logged the visit. */
  | { type: 'returning'; receiver: Receiver; customer: ChosenCustomer; visitId: string }
  | { type: 'customer-chosen'; customer: ChosenCustomer }
  | { type: 'visit-logged'; visitId: string }
  | { type: 'change-customer' }
  | { type: 'restart' };

export const WALK_IN_STEPS: readonly WalkInStep[] = ['receiver', 'customer', 'visit', 'done'];

export const initialWalkIn: WalkInState = { step: 'receiver', receiver: null, customer: null, visitId: null };

export function walkInReducer(state: WalkInState, action: WalkInAction): WalkInState {
  switch (action.type) {
    case 'assigned':
      // A turn once given stays given: a second assignment is ignored until the flow restarts.
      return state.step === 'receiver' ? { ...state, step: 'customer', receiver: action.receiver } : state;
    case 'returning':
      return state.step === 'receiver'
        ? { step: 'done', receiver: action.receiver, customer: action.customer, visitId: action.visitId }
        : state;
    case 'customer-chosen':
      return state.step === 'customer' && state.receiver !== null
        ? { ...state, step: 'visit', customer: action.customer }
        : state;
    case 'visit-logged':
      return state.step === 'visit' && state.customer !== null
        ? { ...state, step: 'done', visitId: action.visitId }
        : state;
    case 'change-customer':
      return state.step === 'visit' ? { ...state, step: 'customer', customer: null } : state;
    case 'restart':
      return initialWalkIn;
  }
}

export function stepIndex(step: WalkInStep): number {
  return WALK_IN_STEPS.indexOf(step);
}
