import { Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCommissionLines, useCommissionStatements } from '../api/statements';
import { MonthPicker } from '../components/month-picker';
import { StatementLines } from '../components/statement-lines';
import { StatementSummary } from '../components/statement-summary';
import { useCommissionT } from '../i18n';
import { lastMonth } from '../lib/month';

/**
 * The caller's own statement of a month (last month by default): the total, its status and the lines by
 * kind. A consultant's list holds only their own; a supervisor's holds everyone's, so theirs is picked by id.
 */
export function MyCommissionPage({
  projectId,
  projectName,
  myUserId,
  dealHref,
}: {
  projectId: string;
  projectName: string;
  myUserId: string;
  dealHref: (dealId: string) => string | null;
}) {
  const { t } = useCommissionT();
  const [month, setMonth] = useState(lastMonth);
  const statements = useCommissionStatements(projectId, month);
  const mine = statements.data?.find((s) => s.consultant_id === myUserId) ?? null;
  const lines = useCommissionLines(mine?.id ?? null);

  return (
    <>
      <PageHeader title={t('mine.title')} subtitle={`${projectName} · ${t('mine.subtitle')}`} />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('month.label')}</Typography.Text>
        <MonthPicker value={month} onChange={setMonth} />
      </Flex>
      {statements.isError && <QueryError error={statements.error} onRetry={() => void statements.refetch()} />}
      {statements.isPending && <Skeleton active />}
      {statements.isSuccess && mine === null && (
        <Empty description={t('mine.none', { month })} data-testid="my-commission-none">
          <Typography.Text type="secondary">{t('mine.noneHint')}</Typography.Text>
        </Empty>
      )}
      {mine !== null && (
        <>
          <StatementSummary statement={mine} />
          {lines.isError && <QueryError error={lines.error} onRetry={() => void lines.refetch()} />}
          <StatementLines lines={lines.data} loading={lines.isPending} dealHref={dealHref} />
        </>
      )}
    </>
  );
}
