import { Card, Empty, Segmented, Skeleton, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import type { ApprovalListParams } from '@/lib/query-keys';
import type { Approval } from '../api/get-approvals';
import { useApprovals } from '../api/get-approvals';
import { ApprovalCard } from '../components/approval-card';
import { DecisionModal } from '../components/decision-modal';
import { useApprovalsT } from '../i18n';

type Tab = 'pending' | 'approved' | 'rejected' | 'all';

/** The inbox: every kind of request rendered from its own fields (price lists today, discounts next). */
export function ApprovalsPage({
  projectId,
  projectName,
  subjectLink,
}: {
  projectId: string | null;
  projectName?: string;
  /** Where a request's subject can be opened, if anywhere (given by the page, e.g. a deal's detail). */
  subjectLink?: (approval: Approval) => ReactNode;
}) {
  const { t } = useApprovalsT();
  const [tab, setTab] = useState<Tab>('pending');
  const params: ApprovalListParams = { status: tab === 'all' ? null : tab, projectId };
  const approvals = useApprovals(params);
  const [deciding, setDeciding] = useState<{ approval: Approval; approve: boolean } | null>(null);
  const rows = approvals.data ?? [];

  return (
    <>
      <PageHeader title={t('title')} subtitle={projectName ? `${projectName} · ${t('subtitle')}` : t('subtitle')} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Segmented<Tab>
          value={tab}
          onChange={setTab}
          options={(['pending', 'approved', 'rejected', 'all'] as const).map((key) => ({ value: key, label: t(`tabs.${key}`) }))}
        />
        {approvals.isError && <QueryError error={approvals.error} onRetry={() => void approvals.refetch()} />}
        {approvals.isPending ? (
          <Skeleton active />
        ) : rows.length === 0 ? (
          <Card>
            <Empty description={t('empty')} />
          </Card>
        ) : (
          rows.map((approval) => (
            <ApprovalCard
              key={approval.id}
              approval={approval}
              subjectLink={subjectLink?.(approval)}
              onDecide={(a, approve) => setDeciding({ approval: a, approve })}
            />
          ))
        )}
        <LoadMore
          loaded={rows.length}
          hasMore={approvals.hasNextPage}
          loading={approvals.isFetchingNextPage}
          onLoadMore={() => void approvals.fetchNextPage()}
        />
      </Space>
      {deciding && (
        <DecisionModal
          approval={deciding.approval}
          approve={deciding.approve}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
