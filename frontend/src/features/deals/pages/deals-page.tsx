import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Switch, Typography } from 'antd';
import { useState } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import type { ProjectRole } from '@/lib/roles';
import type { DealStatus } from '@/lib/query-keys';
import { useDeals } from '../api/get-deals';
import { useMemberNames } from '../api/get-members';
import { DealsTable } from '../components/deals-table';
import { useDealsT } from '../i18n';

const STATUSES: readonly (DealStatus | 'all')[] = ['all', 'pending_approval', 'subscribed', 'contracted', 'handed_over', 'cancelled'];

/** The project's deals; consultants see their own (the server filters), others may narrow to theirs. */
export function DealsPage({
  projectId,
  projectName,
  role,
  userId,
  onNewDeal,
}: {
  projectId: string;
  projectName: string;
  role: ProjectRole | null;
  userId: string;
  onNewDeal?: () => void;
}) {
  const { t } = useDealsT();
  const [status, setStatus] = useState<DealStatus | 'all'>('all');
  const [mine, setMine] = useState(false);
  const deals = useDeals(projectId, { status: status === 'all' ? null : status });
  const names = useMemberNames(projectId).data ?? {};
  const rows = (deals.data ?? []).filter((deal) => !mine || deal.consultant_id === userId);

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={`${projectName} · ${t('list.subtitle')}`}
        extra={
          onNewDeal && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onNewDeal}>
              {t('wizard.newDeal')}
            </Button>
          )
        }
      />
      <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<DealStatus | 'all'>
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: s === 'all' ? t('list.allStatuses') : t(`statuses.${s}`) }))}
          />
        </div>
        {role !== 'consultant' && (
          <Flex align="center" gap={8}>
            <Switch checked={mine} onChange={setMine} size="small" id="deals-mine" />
            <Typography.Text>
              <label htmlFor="deals-mine">{t('list.mine')}</label>
            </Typography.Text>
          </Flex>
        )}
      </Flex>
      {deals.isError && <QueryError error={deals.error} onRetry={() => void deals.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <DealsTable deals={rows} loading={deals.isPending} names={names} />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={deals.hasNextPage}
        loading={deals.isFetchingNextPage}
        onLoadMore={() => void deals.fetchNextPage()}
      />
    </>
  );
}
