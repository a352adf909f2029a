import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { can } from '@/lib/allowed-actions';
import { useErrorMessage } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { exportStatement, useAgencyFeeStatement, useStatementLines, type AgencyFeeStatement } from '../api/statements';
import { FeeMoney } from '../components/fee-money';
import { StatementActions } from '../components/statement-actions';
import { StatementLines } from '../components/statement-lines';
import { StatementPayments } from '../components/statement-payments';
import { StatementStatusTag } from '../components/tags';
import { useAgencyFeeT } from '../i18n';
import { formatPeriod, formatRate } from '../lib/format';
import { STATEMENTS_PATH } from '../lib/paths';

function Figures({ statement }: { statement: AgencyFeeStatement }) {
  const { t } = useAgencyFeeT();
  const items = [
    { key: 'total', title: t('statements.total'), value: statement.total, strong: true },
    { key: 'received', title: t('statements.received'), value: statement.received },
    { key: 'outstanding', title: t('statements.outstanding'), value: statement.outstanding },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col key={item.key} xs={item.strong ? 24 : 12} sm={8}>
          <Card size="small">
            <Statistic
              title={item.title}
              valueRender={() => <FeeMoney value={item.value} strong={item.strong} size={20} testId={`statement-${item.key}`} />}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Facts({ statement }: { statement: AgencyFeeStatement }) {
  const { t } = useAgencyFeeT();
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('statements.period')}>{formatPeriod(statement.period_start, statement.period_end)}</Descriptions.Item>
      <Descriptions.Item label={t('statements.lines')}>
        <span data-testid="statement-line-count">{statement.line_count}</span>
      </Descriptions.Item>
      {statement.achievement_percent !== null && (
        <Descriptions.Item label={t('statement.achievement')}>{formatRate(statement.achievement_percent)}</Descriptions.Item>
      )}
      {statement.invoice_number !== null && (
        <Descriptions.Item label={t('statement.invoiceNumber')}>{statement.invoice_number}</Descriptions.Item>
      )}
      {statement.submitted_at !== null && (
        <Descriptions.Item label={t('statement.submittedAt')}>{formatDateTime(statement.submitted_at)}</Descriptions.Item>
      )}
      {statement.confirmed_at !== null && (
        <Descriptions.Item label={t('statement.confirmedAt')}>{formatDateTime(statement.confirmed_at)}</Descriptions.Item>
      )}
      {statement.invoiced_at !== null && (
        <Descriptions.Item label={t('statement.invoicedAt')}>{formatDateTime(statement.invoiced_at)}</Descriptions.Item>
      )}
      {statement.paid_at !== null && <Descriptions.Item label={t('statement.paidAt')}>{formatDateTime(statement.paid_at)}</Descriptions.Item>}
    </Descriptions>
  );
}

/** One statement: its figures, the actions its state and the caller's role allow, and its lines, paged. */
export function StatementPage({ statementId }: { statementId: string }) {
  const { t } = useAgencyFeeT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const statement = useAgencyFeeStatement(statementId);
  const lines = useStatementLines(statementId);
  const [selected, setSelected] = useState<string[]>([]);
  const [exporting, setExporting] = useState(false);
  const rows = lines.data ?? [];
  const selectable = can(statement.data, 'dispute');

  const onExport = async () => {
    setExporting(true);
    try {
      await exportStatement(statementId);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  if (statement.isError) return <QueryError error={statement.error} onRetry={() => void statement.refetch()} />;
  if (statement.data === undefined) return <Skeleton active />;
  const s = statement.data;
  return (
    <>
      <Link to={STATEMENTS_PATH}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('statement.back')}
        </Button>
      </Link>
      <PageHeader
        title={
          <Flex wrap gap={8} align="center">
            <span data-testid="statement-title">{t('statement.title', { number: s.number })}</span>
            <StatementStatusTag status={s.status} />
          </Flex>
        }
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="statement-export">
            {t('statement.export')}
          </Button>
        }
      />
      {s.return_comment !== null && s.status === 'draft' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('statement.returned', { comment: s.return_comment })} />
      )}
      {s.disputed_lines > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('statement.disputedCount', { count: s.disputed_lines })} />
      )}
      <Figures statement={s} />
      <Facts statement={s} />
      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        <StatementActions statement={s} lineIds={selected} onDisputed={() => setSelected([])} />
        {selectable && <Typography.Text type="secondary">{t('statement.selectToDispute')}</Typography.Text>}
      </Flex>
      <StatementPayments statement={s} />
      {lines.isError && <QueryError error={lines.error} onRetry={() => void lines.refetch()} />}
      <Card size="small" title={t('statement.lines')} styles={{ body: { padding: 0 } }}>
        <StatementLines lines={rows} loading={lines.isPending} selectable={selectable} selected={selected} onSelect={setSelected} />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={lines.hasNextPage}
        loading={lines.isFetchingNextPage}
        onLoadMore={() => void lines.fetchNextPage()}
      />
    </>
  );
}
