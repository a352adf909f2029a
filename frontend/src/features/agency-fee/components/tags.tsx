import { Tag } from 'antd';
import type { Schemas } from '@/api/client';
import { useAgencyFeeT } from '../i18n';
import { TAKING_BACK } from '../lib/format';

const RULE_COLORS: Record<Schemas['RuleStatus'], string> = { proposed: 'gold', approved: 'green', rejected: 'red' };
const STATEMENT_COLORS: Record<Schemas['AgencyStatementStatus'], string> = {
  draft: 'default',
  submitted: 'processing',
  confirmed: 'blue',
  invoiced: 'purple',
  paid: 'green',
};
const KIND_COLORS: Record<string, string> = { earned: 'default', clawback: 'red', reversal: 'volcano', adjustment: 'gold' };

export function RuleStatusTag({ status }: { status: Schemas['RuleStatus'] }) {
  const { t } = useAgencyFeeT();
  return (
    <Tag color={RULE_COLORS[status]} data-testid="rule-status" data-status={status}>
      {t(`ruleStatuses.${status}`)}
    </Tag>
  );
}

export function StatementStatusTag({ status }: { status: Schemas['AgencyStatementStatus'] }) {
  const { t } = useAgencyFeeT();
  return (
    <Tag color={STATEMENT_COLORS[status]} data-testid="statement-status" data-status={status}>
      {t(`statuses.${status}`)}
    </Tag>
  );
}

/** A line's kind; one the SPA does not know yet shows as the API names it. */
export function LineKindTag({ kind }: { kind: string }) {
  const { t } = useAgencyFeeT();
  const label = (t as unknown as (key: string) => string)(`kinds.${kind}`);
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} data-testid="line-kind" data-negative={TAKING_BACK.has(kind)}>
      {label === `kinds.${kind}` ? kind : label}
    </Tag>
  );
}
