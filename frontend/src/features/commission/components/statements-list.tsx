import { Card, Empty, Flex, List, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { addMoney } from '@/lib/money';
import { useMediaQuery } from '@/lib/use-media-query';
import type { CommissionStatement } from '../api/statements';
import { useCommissionT } from '../i18n';
import { statementPath } from '../lib/paths';
import { PayMoney } from './pay-money';
import { useGradeText } from '../lib/grade';
import { StatementStatusTag } from './tags';

const PHONE = '(max-width: 575px)';

function Name({ statement }: { statement: CommissionStatement }) {
  return (
    <Link to={statementPath(statement.id)} style={{ fontWeight: 500 }} data-testid="statement-link">
      {statement.consultant_name ?? '—'}
    </Link>
  );
}

/** A month's statements, one row per consultant (cards on a phone), with the month's total under them. */
export function StatementsList({ statements, loading }: { statements: readonly CommissionStatement[]; loading: boolean }) {
  const { t } = useCommissionT();
  const gradeText = useGradeText();
  const phone = useMediaQuery(PHONE);
  const total = addMoney('0', ...statements.map((s) => s.total));
  const footer = statements.length > 0 && (
    <Flex justify="space-between" style={{ padding: '8px 12px' }}>
      <Typography.Text type="secondary">{t('statements.sum', { count: statements.length })}</Typography.Text>
      <PayMoney value={total} strong testId="statements-total" />
    </Flex>
  );
  if (phone) {
    if (!loading && statements.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statements.empty')} />;
    return (
      <>
        <List
          loading={loading}
          style={{ padding: 8 }}
          dataSource={[...statements]}
          rowKey="id"
          renderItem={(s) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="statement-row" data-status={s.status}>
              <Flex justify="space-between" align="center" gap={8}>
                <Name statement={s} />
                <StatementStatusTag status={s.status} />
              </Flex>
              <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 4 }}>
                <Typography.Text type="secondary">
                  {gradeText(s.grade)} · {t('mine.lineCount', { count: s.line_count })}
                </Typography.Text>
                <PayMoney value={s.total} strong />
              </Flex>
            </Card>
          )}
        />
        {footer}
      </>
    );
  }
  return (
    <Table<CommissionStatement>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...statements]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('statements.empty') }}
      onRow={(s) => ({ 'data-testid': 'statement-row', 'data-status': s.status }) as HTMLAttributes<HTMLElement>}
      footer={statements.length > 0 ? () => footer : undefined}
      columns={[
        { title: t('statements.consultant'), key: 'name', render: (_: unknown, s) => <Name statement={s} /> },
        { title: t('statements.grade'), key: 'grade', render: (_: unknown, s) => gradeText(s.grade) },
        { title: t('statements.lines'), dataIndex: 'line_count', align: 'right' },
        { title: t('statements.total'), key: 'total', align: 'right', render: (_: unknown, s) => <PayMoney value={s.total} strong /> },
        { title: t('statements.status'), key: 'status', render: (_: unknown, s) => <StatementStatusTag status={s.status} /> },
      ]}
    />
  );
}
