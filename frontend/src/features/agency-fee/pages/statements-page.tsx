import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Skeleton } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useAgencyFeeStatements, useGenerateStatement, type StatementCreate } from '../api/statements';
import { GenerateStatementModal } from '../components/generate-statement-modal';
import { StatementsList } from '../components/statements-list';
import { useAgencyFeeT } from '../i18n';
import { statementPath } from '../lib/paths';

// ECharts is big: the list shows first, the chart's chunk follows.
const StatementsChart = lazy(async () => ({ default: (await import('../components/statements-chart')).StatementsChart }));

/** The project's statements, newest first, with a chart of fee and received; preparers generate one here. */
export function StatementsPage({ projectId, projectName, canGenerate }: { projectId: string; projectName: string; canGenerate: boolean }) {
  const { t } = useAgencyFeeT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const statements = useAgencyFeeStatements(projectId);
  const generate = useGenerateStatement(projectId);
  const [generating, setGenerating] = useState(false);
  const rows = statements.data ?? [];

  const submit = async (body: StatementCreate) => {
    const { statement, made } = await generate.mutateAsync(body);
    setGenerating(false);
    void message.success(made ? t('generate.made', { number: statement.number }) : t('generate.recomputed'));
    navigate(statementPath(statement.id));
  };

  return (
    <>
      <PageHeader
        title={t('statements.title')}
        subtitle={`${projectName} · ${t('statements.subtitle')}`}
        extra={
          canGenerate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="generate-statement">
              {t('statements.generate')}
            </Button>
          )
        }
      />
      {statements.isError && <QueryError error={statements.error} onRetry={() => void statements.refetch()} />}
      {rows.length > 0 && (
        <Card size="small" title={t('statements.chart')} style={{ marginBottom: 16 }}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} />}>
            <StatementsChart statements={rows} />
          </Suspense>
        </Card>
      )}
      <Card styles={{ body: { padding: 0 } }}>
        <StatementsList statements={rows} loading={statements.isPending} />
      </Card>
      {generating && <GenerateStatementModal onSubmit={submit} onCancel={() => setGenerating(false)} />}
    </>
  );
}
