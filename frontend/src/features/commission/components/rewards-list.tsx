import { Card, Empty, Flex, List, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useMediaQuery } from '@/lib/use-media-query';
import type { RewardPenalty } from '../api/rewards';
import { useCommissionT } from '../i18n';
import { PayMoney } from './pay-money';
import { EntryStatusTag } from './tags';

const PHONE = '(max-width: 575px)';

/** A month's rewards and penalties: a table, or cards on a phone. */
export function RewardsList({ entries, loading }: { entries: readonly RewardPenalty[]; loading: boolean }) {
  const { t } = useCommissionT();
  const phone = useMediaQuery(PHONE);
  const rowProps = (e: RewardPenalty) => ({ 'data-testid': 'reward-row', 'data-status': e.status }) as HTMLAttributes<HTMLElement>;
  if (phone) {
    if (!loading && entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rewards.empty')} />;
    return (
      <List
        loading={loading}
        style={{ padding: 8 }}
        dataSource={[...entries]}
        rowKey="id"
        renderItem={(e) => (
          <Card size="small" style={{ marginBottom: 8 }} {...rowProps(e)}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{e.consultant_name ?? '—'}</Typography.Text>
              <PayMoney value={e.amount} strong />
            </Flex>
            <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 4 }}>
              <Typography.Text type="secondary">{t(`categories.${e.category}`)}</Typography.Text>
              <EntryStatusTag status={e.status} />
            </Flex>
            <Typography.Text>{e.reason}</Typography.Text>
          </Card>
        )}
      />
    );
  }
  return (
    <Table<RewardPenalty>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...entries]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('rewards.empty') }}
      onRow={rowProps}
      columns={[
        { title: t('rewards.consultant'), dataIndex: 'consultant_name', render: (name: string | null) => name ?? '—' },
        { title: t('rewards.category'), dataIndex: 'category', render: (c: RewardPenalty['category']) => t(`categories.${c}`) },
        { title: t('rewards.reason'), dataIndex: 'reason' },
        { title: t('rewards.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => <PayMoney value={v} strong /> },
        { title: t('rewards.status'), dataIndex: 'status', render: (s: RewardPenalty['status']) => <EntryStatusTag status={s} /> },
      ]}
    />
  );
}
