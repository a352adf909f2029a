import { Alert, Card, Descriptions, Flex, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';
import type { CommissionStatement } from '../api/statements';
import { useCommissionT } from '../i18n';
import { isLocked } from '../lib/statement-actions';
import { PayMoney } from './pay-money';
import { useGradeText } from '../lib/grade';
import { StatementStatusTag } from './tags';

/** A statement's head: the total large, its status, who and which month, when it moved; `actions` under it. */
export function StatementSummary({ statement, actions }: { statement: CommissionStatement; actions?: ReactNode }) {
  const { t } = useCommissionT();
  const gradeText = useGradeText();
  const s = statement;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="statement-summary" data-status={s.status}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space direction="vertical" size={0}>
          <Typography.Text type="secondary">{t('mine.total', { month: s.month })}</Typography.Text>
          <PayMoney value={s.total} strong size={28} testId="statement-total" />
        </Space>
        <Space direction="vertical" size={4} align="end">
          <StatementStatusTag status={s.status} />
          <Typography.Text type="secondary">{t('mine.lineCount', { count: s.line_count })}</Typography.Text>
        </Space>
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        colon={false}
        style={{ marginTop: 12 }}
        items={[
          { key: 'who', label: t('statement.consultant'), children: s.consultant_name ?? '—' },
          { key: 'grade', label: t('statement.grade'), children: gradeText(s.grade) },
          { key: 'computed', label: t('statement.computedAt'), children: formatDateTime(s.computed_at) },
          ...(s.submitted_at ? [{ key: 'submitted', label: t('statement.submittedAt'), children: formatDateTime(s.submitted_at) }] : []),
          ...(s.approved_at ? [{ key: 'approved', label: t('statement.approvedAt'), children: formatDateTime(s.approved_at) }] : []),
          ...(s.paid_at ? [{ key: 'paid', label: t('statement.paidAt'), children: formatDateTime(s.paid_at) }] : []),
        ]}
      />
      {s.status === 'draft' && <Alert type="info" showIcon message={t('mine.draftHint')} style={{ marginTop: 8 }} />}
      {isLocked(s.status) && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('mine.lockedHint')}</Typography.Paragraph>}
      {actions !== undefined && <div style={{ marginTop: 12 }}>{actions}</div>}
    </Card>
  );
}
