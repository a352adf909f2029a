/**
 * The commission plan form's values and the body `POST /projects/{id}/commission-plans` takes from them.
 * Rates stay decimal strings end to end (the API keeps four decimals; a float would not).
 */
import type { Dayjs } from 'dayjs';
import type { Schemas } from '@/api/client';
import { normalizeMoney } from '@/lib/money';
import { shareText } from './shares';

export type CommissionPlanCreate = Schemas['CommissionPlanCreate'];
export type StageCondition = Schemas['StageCondition'];
export type Grade = Schemas['MemberGrade'];
export type UnitKind = 'residence' | 'parking' | 'storage' | 'shop';

export const GRADES: readonly Grade[] = ['trainee', 'junior', 'mid', 'senior'];
export const CONDITIONS: readonly StageCondition[] = ['contracted', 'down_payment_received', 'fully_paid_or_loan', 'handed_over'];
// The kinds FixedAmounts names (commission/consultant_schemas.py); any other is a 422.
export const UNIT_KINDS: readonly UnitKind[] = ['residence', 'parking', 'storage', 'shop'];

export interface PlanStageRow {
  name?: string;
  share?: string;
  condition?: StageCondition;
}

export interface PlanFormValues {
  effective_from?: Dayjs;
  rates: Partial<Record<Grade, string>>;
  fixed_amounts: Partial<Record<UnitKind, string>>;
  supervisor_override?: string;
  stages: PlanStageRow[];
  note?: string;
}

const RATE = /^\d{1,2}(\.\d{1,4})?$/;

/** Whether `text` is a rate in percent the API takes: 0 to 10, at most four decimals. */
export function isRate(text: string | undefined): boolean {
  const trimmed = text?.trim() ?? '';
  return RATE.test(trimmed) && Number(trimmed) <= 10;
}

const blank = (text: string | undefined) => text === undefined || text.trim() === '';

/** The example plan: 0.10 / 0.15 / 0.20 / 0.30 % by grade, half at contract, half when paid. */
export function defaultPlanValues(stageNames: { contracted: string; paid: string }): PlanFormValues {
  return {
    rates: { trainee: '0.10', junior: '0.15', mid: '0.20', senior: '0.30' },
    fixed_amounts: {},
    stages: [
      { name: stageNames.contracted, share: '50', condition: 'contracted' },
      { name: stageNames.paid, share: '50', condition: 'fully_paid_or_loan' },
    ],
  };
}

/** The body from the form's values (already validated). */
export function planBody(values: PlanFormValues): CommissionPlanCreate {
  const rate = (text: string | undefined) => (text ?? '').trim().replace(/\.$/, '');
  const fixed: Record<string, string> = {};
  for (const kind of UNIT_KINDS) {
    const amount = values.fixed_amounts[kind];
    if (!blank(amount)) fixed[kind] = normalizeMoney(amount ?? '');
  }
  return {
    effective_from: values.effective_from?.format('YYYY-MM-DD') ?? '',
    rates: {
      trainee: rate(values.rates.trainee),
      junior: rate(values.rates.junior),
      mid: rate(values.rates.mid),
      senior: rate(values.rates.senior),
    },
    fixed_amounts: fixed,
    supervisor_override: blank(values.supervisor_override) ? null : rate(values.supervisor_override),
    stages: values.stages.map((stage) => ({
      name: (stage.name ?? '').trim(),
      share: shareText(stage.share),
      condition: stage.condition ?? 'contracted',
    })),
    note: blank(values.note) ? null : (values.note ?? '').trim(),
  };
}
