/**
 * The targets grid's arithmetic, as the server does it: sums of rows and the mismatch of the parts
 * against the whole (parts less whole, per metric), counts as integers and money exact in fen.
 * The page recomputes them on every keystroke, so a draft shows its mismatch before it is saved.
 */
import type { Schemas } from '@/api/client';
import { addMoney, isMoney, isZero, subtractMoney } from '@/lib/money';

export type TargetPlan = Schemas['TargetPlan'];

export const COUNT_METRICS = ['units_subscribed', 'units_contracted', 'first_visits', 'new_customers', 'broker_referrals'] as const;
export const MONEY_METRICS = ['amount_subscribed', 'amount_contracted', 'amount_collected'] as const;
/** In the order of the grid's columns. */
export const METRICS = [
  'units_subscribed',
  'amount_subscribed',
  'units_contracted',
  'amount_contracted',
  'amount_collected',
  'first_visits',
  'new_customers',
  'broker_referrals',
] as const;

export type CountMetric = (typeof COUNT_METRICS)[number];
export type MoneyMetric = (typeof MONEY_METRICS)[number];
export type Metric = (typeof METRICS)[number];
export type Figures = Record<CountMetric, number> & Record<MoneyMetric, string>;

export function isMoneyMetric(metric: Metric): metric is MoneyMetric {
  return (MONEY_METRICS as readonly string[]).includes(metric);
}

export function zeroFigures(): Figures {
  return {
    units_subscribed: 0,
    amount_subscribed: '0.00',
    units_contracted: 0,
    amount_contracted: '0.00',
    amount_collected: '0.00',
    first_visits: 0,
    new_customers: 0,
    broker_referrals: 0,
  };
}

/** Only the figures of a row (an API row carries names, ids and actions too). */
export function figuresOf(row: Figures): Figures {
  const out = zeroFigures();
  for (const m of COUNT_METRICS) out[m] = row[m];
  for (const m of MONEY_METRICS) out[m] = row[m];
  return out;
}

/** An amount being typed may be blank or half-written: it counts as nought until it is an amount. */
function money(text: string): string {
  return isMoney(text) ? text : '0';
}

export function sumFigures(rows: readonly Figures[]): Figures {
  const out = zeroFigures();
  for (const row of rows) {
    for (const m of COUNT_METRICS) out[m] += row[m] || 0;
    for (const m of MONEY_METRICS) out[m] = addMoney(out[m], money(row[m]));
  }
  return out;
}

/** The parts' sum less the whole, per metric: positive when the parts promise more than the whole. */
export function mismatch(parts: readonly Figures[], whole: Figures): Figures {
  const sum = sumFigures(parts);
  const out = zeroFigures();
  for (const m of COUNT_METRICS) out[m] = sum[m] - (whole[m] || 0);
  for (const m of MONEY_METRICS) out[m] = subtractMoney(sum[m], money(whole[m]));
  return out;
}

export function hasMismatch(difference: Figures): boolean {
  return COUNT_METRICS.some((m) => difference[m] !== 0) || MONEY_METRICS.some((m) => !isZero(difference[m]));
}

export interface Draft {
  project: Figures;
  teams: (Figures & { supervisor_id: string; name: string | null })[];
  consultants: (Figures & { user_id: string; name: string | null; supervisor_id: string | null })[];
}

/** The editable copy of a plan's rows. */
export function draftOf(plan: TargetPlan): Draft {
  return {
    project: figuresOf(plan.project),
    teams: plan.teams.map((t) => ({ ...figuresOf(t), supervisor_id: t.supervisor_id, name: t.name })),
    consultants: plan.consultants.map((c) => ({ ...figuresOf(c), user_id: c.user_id, name: c.name, supervisor_id: c.supervisor_id })),
  };
}

export interface DraftMismatch {
  teams: Figures;
  consultants: Figures;
  /** Per team (by supervisor): its consultants' sum less the team's row. */
  perTeam: Record<string, Figures>;
}

export function draftMismatch(draft: Draft): DraftMismatch {
  const perTeam: Record<string, Figures> = {};
  for (const team of draft.teams) {
    perTeam[team.supervisor_id] = mismatch(
      draft.consultants.filter((c) => c.supervisor_id === team.supervisor_id),
      team,
    );
  }
  return {
    // A project without supervisors has no team level to disagree with it.
    teams: draft.teams.length > 0 ? mismatch(draft.teams, draft.project) : zeroFigures(),
    consultants: mismatch(draft.consultants, draft.project),
    perTeam,
  };
}

/** The PUT body of a draft: every row, money in the API's form. */
export function updateOf(draft: Draft): Schemas['TargetPlanUpdate'] {
  const clean = (row: Figures): Figures => {
    const out = figuresOf(row);
    for (const m of MONEY_METRICS) out[m] = addMoney(money(row[m]));
    return out;
  };
  return {
    project: clean(draft.project),
    teams: draft.teams.map((t) => ({ ...clean(t), supervisor_id: t.supervisor_id })),
    consultants: draft.consultants.map((c) => ({ ...clean(c), user_id: c.user_id })),
  };
}
