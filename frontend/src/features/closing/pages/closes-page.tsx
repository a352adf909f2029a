import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Empty, Flex, List, Skeleton, Table, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { formatMoney } from '@/lib/money';
import { hasRole, SITE_MANAGEMENT, type ProjectRole } from '@/lib/roles';
import { useMediaQuery } from '@/lib/use-media-query';
import { useBuildClose, useCloses, type CloseSummary } from '../api/closes';
import { CloseStatusTag } from '../components/status-tag';
import { closeOf, dayIn } from '../lib/close';
import { useClosingT } from '../i18n';

function Differences({ count }: { count: number }) {
  return <Badge count={count} showZero color={count === 0 ? 'green' : 'red'} data-testid="close-differences" />;
}

/** The project's daily closes (日清日结), newest day first, and the button that builds today's. */
export function ClosesPage({
  projectId,
  projectName,
  role,
  timezone,
}: {
  projectId: string;
  projectName: string;
  role: ProjectRole | null;
  timezone: string;
}) {
  const { t } = useClosingT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 575px)');
  const closes = useCloses(projectId);
  const build = useBuildClose(projectId);
  const today = dayIn(timezone);
  const items = closes.data?.items ?? [];
  const todays = closeOf(items, today);
  const open = (close: Pick<CloseSummary, 'id'>) => navigate(`/closing/${close.id}`);

  const onBuild = async () => {
    try {
      const close = await build.mutateAsync(undefined);
      void message.success(t('list.built', { date: close.date }));
      open(close);
    } catch (error) {
      void message.error(describe(error));
    }
  };

  const signed = (c: CloseSummary) => [c.finance_signed_at, c.developer_signed_at].filter(Boolean).length;
  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={t('list.subtitle', { project: projectName })}
        extra={
          todays ? (
            <Button icon={<CalendarOutlined />} onClick={() => open(todays)} data-testid="close-open-today">
              {t('list.open')}
            </Button>
          ) : hasRole(role, SITE_MANAGEMENT) && closes.data ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={build.isPending}
              onClick={() => void onBuild()}
              data-testid="close-build"
            >
              {t('list.build')}
            </Button>
          ) : undefined
        }
      />
      {closes.isError && <QueryError error={closes.error} onRetry={() => void closes.refetch()} />}
      {closes.isPending && <Skeleton active />}
      {closes.data &&
        (items.length === 0 ? (
          <Empty description={t('list.empty')} />
        ) : phone ? (
          <List
            dataSource={items}
            data-testid="close-list"
            renderItem={(c) => (
              <Card size="small" style={{ marginBottom: 8 }} onClick={() => open(c)} data-testid="close-row" hoverable>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>{c.date}</Typography.Text>
                  <CloseStatusTag status={c.status} />
                </Flex>
                <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
                  <span>
                    {t('list.receipts')} {formatMoney(c.receipts_total)}
                  </span>
                  <span>
                    {t('list.differences')} <Differences count={c.differences_count} />
                  </span>
                </Flex>
              </Card>
            )}
          />
        ) : (
          <Table<CloseSummary>
            rowKey="id"
            dataSource={items}
            pagination={false}
            data-testid="close-list"
            onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' }, 'data-testid': 'close-row' }) as never}
            columns={[
              { title: t('list.date'), dataIndex: 'date' },
              { title: t('list.status'), dataIndex: 'status', render: (_, c) => <CloseStatusTag status={c.status} /> },
              {
                title: t('list.differences'),
                dataIndex: 'differences_count',
                render: (_, c) => <Differences count={c.differences_count} />,
              },
              {
                title: t('list.receipts'),
                dataIndex: 'receipts_total',
                align: 'right',
                render: (_, c) => formatMoney(c.receipts_total),
              },
              { title: t('list.signatures'), key: 'signed', render: (_, c) => `${signed(c)} / 2` },
            ]}
          />
        ))}
    </>
  );
}
