import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import type { ComplaintFilters } from '@/lib/query-keys';
import { useComplaints } from '../api/get-complaints';
import { ComplaintsList } from '../components/complaints-list';
import { FileComplaintModal } from '../components/file-complaint-modal';
import { useComplaintsT } from '../i18n';
import { CATEGORIES, complaintPath, LEVELS, SEVERITIES, STATUSES } from '../lib/deadline';

/** The project's complaints the caller may see, filtered, each with the countdown to its deadline. */
export function ComplaintsPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useComplaintsT();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ComplaintFilters>({});
  const [filing, setFiling] = useState(false);
  const complaints = useComplaints(projectId, filters);
  const rows = complaints.data ?? [];
  const set = (patch: Partial<ComplaintFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const selectStyle = { minWidth: 128 };

  return (
    <>
      <PageHeader
        title={t('list.title')}
        subtitle={`${projectName} · ${t('list.subtitle')}`}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="file-complaint">
            {t('list.file')}
          </Button>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={selectStyle}
          placeholder={t('list.allStatuses')}
          value={filters.status ?? undefined}
          onChange={(status) => set({ status: status ?? null })}
          options={STATUSES.map((value) => ({ value, label: t(`statuses.${value}`) }))}
          data-testid="filter-status"
        />
        <Select
          allowClear
          style={selectStyle}
          placeholder={t('list.allSeverities')}
          value={filters.severity ?? undefined}
          onChange={(severity) => set({ severity: severity ?? null })}
          options={SEVERITIES.map((value) => ({ value, label: t(`severities.${value}`) }))}
        />
        <Select
          allowClear
          style={selectStyle}
          placeholder={t('list.allCategories')}
          value={filters.category ?? undefined}
          onChange={(category) => set({ category: category ?? null })}
          options={CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }))}
        />
        <Select
          allowClear
          style={selectStyle}
          placeholder={t('list.allLevels')}
          value={filters.level ?? undefined}
          onChange={(level) => set({ level: level ?? null })}
          options={LEVELS.map((value) => ({ value, label: t(`levels.${String(value) as '1'}`) }))}
        />
        <Flex align="center" gap={8}>
          <Switch
            size="small"
            id="complaints-overdue"
            checked={filters.overdue ?? false}
            onChange={(overdue) => set({ overdue })}
          />
          <Typography.Text>
            <label htmlFor="complaints-overdue">{t('list.overdueOnly')}</label>
          </Typography.Text>
        </Flex>
      </Flex>
      {complaints.isError && <QueryError error={complaints.error} onRetry={() => void complaints.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <ComplaintsList complaints={rows} loading={complaints.isPending} />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={complaints.hasNextPage}
        loading={complaints.isFetchingNextPage}
        onLoadMore={() => void complaints.fetchNextPage()}
      />
      {filing && (
        <FileComplaintModal
          projectId={projectId}
          onClose={() => setFiling(false)}
          onFiled={(complaint) => navigate(complaintPath(complaint.id))}
        />
      )}
    </>
  );
}
