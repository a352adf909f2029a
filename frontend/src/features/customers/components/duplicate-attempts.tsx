import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/format';
import { useDuplicateAttempts, type DuplicateAttempt } from '../api/get-duplicate-attempts';
import { useCustomersT } from '../i18n';
import { customerPath } from './options';

/** 撞单: who tried to register whose customer, newest first; the customer's page settles it (reassign). */
export function DuplicateAttempts({ projectId }: { projectId: string }) {
  const { t } = useCustomersT();
  const attempts = useDuplicateAttempts(projectId);
  const rows = attempts.data ?? [];
  return (
    <>
      {attempts.isError && <QueryError error={attempts.error} onRetry={() => void attempts.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <Table<DuplicateAttempt>
          rowKey="id"
          size="middle"
          loading={attempts.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('duplicates.empty') }}
          columns={[
            { title: t('duplicates.at'), dataIndex: 'created_at', render: formatDateTime },
            {
              title: t('duplicates.customer'),
              dataIndex: 'attempted_name',
              render: (name: string, attempt) => <Link to={customerPath(attempt.customer_id)}>{name}</Link>,
            },
            {
              title: t('duplicates.attemptedBy'),
              key: 'by',
              render: (_: unknown, attempt) => <Typography.Text type="danger">{attempt.attempted_by.full_name}</Typography.Text>,
            },
            { title: t('duplicates.owner'), key: 'owner', render: (_: unknown, attempt) => attempt.owner.full_name },
            {
              title: t('fields.channel'),
              dataIndex: 'channel',
              responsive: ['sm'],
              render: (channel: DuplicateAttempt['channel']) => t(`channel.${channel}`),
            },
          ]}
        />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={attempts.hasNextPage}
        loading={attempts.isFetchingNextPage}
        onLoadMore={() => void attempts.fetchNextPage()}
      />
    </>
  );
}
