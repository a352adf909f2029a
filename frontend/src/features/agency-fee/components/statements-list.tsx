import { Card, Empty, Flex, List, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useMediaQuery } from '@/lib/use-media-query';
import type { AgencyFeeStatement } from '../api/statements';
import { useAgencyFeeT } from '../i18n';
import { formatPeriod } from '../lib/format';
import { statementPath } from '../lib/paths';
import { FeeMoney } from './fee-money';
import { StatementStatusTag } from './tags';

const PHONE = '(max-width: 575px)';

function Title({ statement }: { statement: AgencyFeeStatement }) {
  const { t } = useAgencyFeeT();
  return (
    <Link to={statementPath(statement.id)} style={{ fontWeight: 500 }} data-testid="statement-link">
      {t('statements.numberOf', { number: statement.number })}
    </Link>
  );
}

/** The statements as a table, or as cards on a phone (seven columns do not fit 390 px). */
export function StatementsList({ statements, loading }: { statements: readonly AgencyFeeStatement[]; loading: boolean }) {
  const { t } = useAgencyFeeT();
  const phone = useMediaQuery(PHONE);
  if (phone) {
    if (!loading && statements.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('statements.empty')} />;
    return (
      <List
        loading={loading}
        style={{ padding: 8 }}
        dataSource={[...statements]}
        rowKey="id"
        renderItem={(s) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid="statement-row" data-status={s.status}>
            <Flex justify="space-between" align="center" gap={8}>
              <Title statement={s} />
              <StatementStatusTag status={s.status} />
            </Flex>
            <Typography.Text type="secondary">{formatPeriod(s.period_start, s.period_end)}</Typography.Text>
            <Flex justify="space-between" wrap gap={4} style={{ marginTop: 6 }}>
              <span>
                {t('statements.total')} <FeeMoney value={s.total} strong />
              </span>
              <Typography.Text type="secondary">{t('statements.lineCount', { count: s.line_count })}</Typography.Text>
            </Flex>
            <Flex justify="space-between" wrap gap={4}>
              <span>
                {t('statements.received')} <FeeMoney value={s.received} />
              </span>
              <span>
                {t('statements.outstanding')} <FeeMoney value={s.outstanding} />
              </span>
            </Flex>
          </Card>
        )}
      />
    );
  }
  return (
    <Table<AgencyFeeStatement>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...statements]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('statements.empty') }}
      onRow={(s) => ({ 'data-testid': 'statement-row', 'data-status': s.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('statements.number'), key: 'number', render: (_: unknown, s) => <Title statement={s} /> },
        { title: t('statements.period'), key: 'period', render: (_: unknown, s) => formatPeriod(s.period_start, s.period_end) },
        { title: t('statements.status'), dataIndex: 'status', render: (_: unknown, s) => <StatementStatusTag status={s.status} /> },
        {
          title: t('statements.lines'),
          key: 'lines',
          align: 'right',
          render: (_: unknown, s) => (
            <Flex vertical align="end">
              <span>{s.line_count}</span>
              {s.disputed_lines > 0 && <Typography.Text type="warning">{t('statements.disputed', { count: s.disputed_lines })}</Typography.Text>}
            </Flex>
          ),
        },
        { title: t('statements.total'), key: 'total', align: 'right', render: (_: unknown, s) => <FeeMoney value={s.total} strong /> },
        { title: t('statements.received'), key: 'received', align: 'right', render: (_: unknown, s) => <FeeMoney value={s.received} /> },
        {
          title: t('statements.outstanding'),
          key: 'outstanding',
          align: 'right',
          render: (_: unknown, s) => <FeeMoney value={s.outstanding} />,
        },
      ]}
    />
  );
}
