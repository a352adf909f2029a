import { CalculatorOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCommissionStatements, useComputeMonth } from '../api/statements';
import { MonthPicker } from '../components/month-picker';
import { StatementsList } from '../components/statements-list';
import { useCommissionT } from '../i18n';
import { useCommissionError } from '../lib/errors';
import { lastMonth } from '../lib/month';

/** Every consultant's statement of a month, and (for supervisors and up) computing the month's drafts. */
export function StatementsPage({ projectId, projectName, canCompute }: { projectId: string; projectName: string; canCompute: boolean }) {
  const { t } = useCommissionT();
  const { message } = App.useApp();
  const describe = useCommissionError();
  const [month, setMonth] = useState(lastMonth);
  const statements = useCommissionStatements(projectId, month);
  const compute = useComputeMonth(projectId);

  const onCompute = async () => {
    try {
      const computed = await compute.mutateAsync(month);
      void message.success(t('statements.computed', { count: computed.statements.length }));
    } catch (error) {
      void message.error(describe(error));
    }
  };

  return (
    <>
      <PageHeader
        title={t('statements.title')}
        subtitle={`${projectName} · ${t('statements.subtitle')}`}
        extra={
          canCompute ? (
            <Tooltip title={t('statements.computeHint')}>
              <Button
                type="primary"
                icon={<CalculatorOutlined />}
                loading={compute.isPending}
                onClick={() => void onCompute()}
                data-testid="compute-month"
              >
                {t('statements.compute', { month })}
              </Button>
            </Tooltip>
          ) : undefined
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('month.label')}</Typography.Text>
        <MonthPicker value={month} onChange={setMonth} />
      </Flex>
      {statements.isError && <QueryError error={statements.error} onRetry={() => void statements.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <StatementsList statements={statements.data ?? []} loading={statements.isPending} />
      </Card>
    </>
  );
}
