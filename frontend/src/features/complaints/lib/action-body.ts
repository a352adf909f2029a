import { normalizeMoney } from '@/lib/money';
import type { ComplaintActionRequest } from '../api/complaint-mutations';
import { isMoneyRemedy } from './deadline';

/** The actions that take a form (rating_link does not: it answers with the link). */
export type FormAction = ComplaintActionRequest['type'];

/** What an action's form holds. */
export interface ActionValues {
  comment?: string;
  resolution?: string;
  remedy?: ComplaintActionRequest['remedy'];
  remedy_amount?: string;
  satisfaction?: number;
  satisfaction_comment?: string;
}

/** The body the API takes for `type`: only the fields that action accepts (it refuses the others). */
export function actionBody(type: FormAction, values: ActionValues): ComplaintActionRequest {
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  switch (type) {
    case 'resolve':
      return {
        type,
        resolution: text(values.resolution),
        remedy: values.remedy ?? null,
        remedy_amount: isMoneyRemedy(values.remedy) && values.remedy_amount ? normalizeMoney(values.remedy_amount) : null,
        comment: text(values.comment),
      };
    case 'close':
      return {
        type,
        satisfaction: values.satisfaction ? values.satisfaction : null,
        satisfaction_comment: text(values.satisfaction_comment),
        comment: text(values.comment),
      };
    default:
      return { type, comment: text(values.comment) };
  }
}

