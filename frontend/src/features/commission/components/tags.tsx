import { Tag } from 'antd';
import type { Schemas } from '@/api/client';
import type { EntryStatus } from '../api/rewards';
import type { StatementStatus } from '../api/statements';
import { useCommissionT } from '../i18n';

const STATEMENT_COLORS: Record<StatementStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  paid: 'purple',
};

export function StatementStatusTag({ status }: { status: StatementStatus }) {
  const { t } = useCommissionT();
  return (
    <Tag color={STATEMENT_COLORS[status]} data-testid="statement-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`statuses.${status}`)}
    </Tag>
  );
}

const ENTRY_COLORS: Record<EntryStatus, string> = { proposed: 'processing', approved: 'success', rejected: 'error' };

export function EntryStatusTag({ status }: { status: EntryStatus }) {
  const { t } = useCommissionT();
  return (
    <Tag color={ENTRY_COLORS[status]} data-testid="entry-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`entryStatuses.${status}`)}
    </Tag>
  );
}

const PLAN_COLORS: Record<Schemas['RuleStatus'], string> = { proposed: 'processing', approved: 'success', rejected: 'error' };

export function PlanStatusTag({ status }: { status: Schemas['RuleStatus'] }) {
  const { t } = useCommissionT();
  return (
    <Tag color={PLAN_COLORS[status]} data-testid="plan-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`planStatuses.${status}`)}
    </Tag>
  );
}
