import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton } from 'antd';
import { Link } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCommissionLines, useCommissionStatement } from '../api/statements';
import { StatementActions } from '../components/statement-actions';
import { StatementLines } from '../components/statement-lines';
import { StatementSummary } from '../components/statement-summary';
import { useCommissionT } from '../i18n';

/**
 * One statement with its lines and the actions the server allows the caller on it now. Another
 * consultant's statement answers 404, shown as "not found" (never as "forbidden": it does not say it exists).
 */
export function StatementPage({
  statementId,
  backHref,
  dealHref,
}: {
  statementId: string;
  /** The list of statements, when the caller's menu has it. */
  backHref: string | null;
  dealHref: (dealId: string) => string | null;
}) {
  const { t } = useCommissionT();
  const statement = useCommissionStatement(statementId);
  const found = statement.isSuccess;
  const lines = useCommissionLines(found ? statementId : null);
  const back = backHref && (
    <Link to={backHref} style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('statement.back')}
    </Link>
  );

  if (statement.isPending) return <Skeleton active />;
  if (statement.isError) {
    if (isApiError(statement.error) && statement.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('statement.notFoundTitle')}
          subTitle={t('statement.notFoundText')}
          data-testid="statement-not-found"
          extra={
            <Link to={backHref ?? '/'}>
              <Button type="primary">{backHref ? t('statement.back') : t('statement.backHome')}</Button>
            </Link>
          }
        />
      );
    }
    return (
      <>
        {back}
        <QueryError error={statement.error} onRetry={() => void statement.refetch()} />
      </>
    );
  }
  const s = statement.data;
  return (
    <>
      {back}
      <PageHeader title={t('statement.title', { name: s.consultant_name ?? '—', month: s.month })} />
      <StatementSummary statement={s} actions={<StatementActions statement={s} />} />
      <Card size="small" title={t('statement.lines')} styles={{ body: { padding: 12 } }}>
        {lines.isError && <QueryError error={lines.error} onRetry={() => void lines.refetch()} />}
        <StatementLines lines={lines.data} loading={lines.isPending} dealHref={dealHref} />
      </Card>
    </>
  );
}
