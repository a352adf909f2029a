import { DownloadOutlined, FilterOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, DatePicker, Empty, Flex, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import type { ProjectRole } from '@/lib/roles';
import { useMediaQuery } from '@/lib/use-media-query';
import { useBoardEvents, type LiveState } from '../api/board-events';
import { exportBoard } from '../api/export-board';
import { useBoard, type BoardCell, type UnitStatus } from '../api/get-board';
import { useLiveReservations } from '../api/get-reservations';
import { BoardFilterBar } from '../components/board-filters';
import { BoardGrid } from '../components/board-grid';
import { BoardLegend } from '../components/board-legend';
import { UnitDrawer } from '../components/unit-drawer';
import { hasFilters, layoutsOf, matchesFilters, NO_FILTERS, type BoardFilters } from '../lib/board-layout';
import { STATUS_ORDER } from '../lib/status';
import { useInventoryT } from '../i18n';

const LIVE_BADGE: Record<LiveState, 'success' | 'processing' | 'warning'> = {
  live: 'success',
  connecting: 'processing',
  offline: 'warning',
};

export function BoardPage({
  projectId,
  projectName,
  role,
  userId,
}: {
  projectId: string;
  projectName: string;
  role: ProjectRole | null;
  userId: string;
}) {
  const { t } = useInventoryT();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  // `?at=` opens the board as it stood then (a daily close's "查看当时销控" links here so).
  const [search] = useSearchParams();
  const [at, setAt] = useState<Dayjs | null>(() => {
    const asked = search.get('at');
    return asked !== null && dayjs(asked).isValid() ? dayjs(asked) : null;
  });
  const atParam = at === null ? null : at.format('YYYY-MM-DDTHH:mm:ssZ');
  const board = useBoard(projectId, atParam);
  const live = useBoardEvents(projectId);
  const reservations = useLiveReservations(projectId, role !== null);
  const mine = useMemo(
    () => new Set((reservations.data ?? []).filter((r) => r.consultant_id === userId).map((r) => r.unit_id)),
    [reservations.data, userId],
  );
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [filters, setFilters] = useState<BoardFilters>(NO_FILTERS);
  const [openUnitId, setOpenUnitId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const phone = useMediaQuery('(max-width: 575px)');
  const [showFilters, setShowFilters] = useState(false);

  const buildings = useMemo(() => board.data?.buildings ?? [], [board.data]);
  const building = buildings.find((b) => b.id === buildingId) ?? buildings[0];
  const layouts = useMemo(() => layoutsOf(buildings), [buildings]);
  const openCell = useMemo(() => {
    if (openUnitId === null || building === undefined) return null;
    for (const floor of building.floors) for (const cell of floor.cells) if (cell?.id === openUnitId) return cell as BoardCell;
    return null;
  }, [building, openUnitId]);
  const dimmed = useMemo(() => {
    if (!building || !hasFilters(filters)) return 0;
    let count = 0;
    for (const floor of building.floors) for (const cell of floor.cells) if (cell && !matchesFilters(cell, filters)) count += 1;
    return count;
  }, [building, filters]);
  const statuses = useMemo(
    () => STATUS_ORDER.filter((status) => (board.data?.totals ?? []).some((total) => total.status === status)),
    [board.data],
  );

  const toggleStatus = (status: UnitStatus) =>
    setFilters((current) => ({
      ...current,
      statuses: current.statuses.includes(status)
        ? current.statuses.filter((s) => s !== status)
        : [...current.statuses, status],
    }));

  const onExport = async () => {
    setExporting(true);
    try {
      await exportBoard(projectId, building?.id, atParam);
    } catch (error) {
      void message.error(`${t('board.exportFailed')}: ${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('board.title')}
        subtitle={`${projectName} · ${t('board.subtitle')}`}
        extra={
          <Space wrap>
            {at === null && (
              <Tooltip title={board.data ? t('board.updatedAt', { time: formatDateTime(board.data.generated_at) }) : undefined}>
                <Badge status={LIVE_BADGE[live]} text={t(`board.${live}`)} data-testid="board-live" data-state={live} />
              </Tooltip>
            )}
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={at}
              onChange={(value) => setAt(value)}
              placeholder={t('board.at')}
              aria-label={t('board.atHint')}
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              style={{ width: 180 }}
            />
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} disabled={!building || at !== null}>
              {t('board.export')}
            </Button>
          </Space>
        }
      />
      {at !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="board-at-banner"
          message={t('board.atBanner', { time: at.format('YYYY-MM-DD HH:mm') })}
          action={
            <Button size="small" type="primary" onClick={() => setAt(null)}>
              {t('board.backToLive')}
            </Button>
          }
        />
      )}
      {board.isError && <QueryError error={board.error} onRetry={() => void board.refetch()} />}
      {board.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : buildings.length === 0 || building === undefined ? (
        <Card>
          <Empty description={t('board.empty')} />
        </Card>
      ) : (
        <Card styles={{ body: { padding: '4px 16px 16px' } }}>
          <Tabs
            activeKey={building.id}
            onChange={(key) => {
              setBuildingId(key);
              setOpenUnitId(null);
            }}
            items={buildings.map((b) => ({
              key: b.id,
              label: (
                <span>
                  {b.name}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('board.units', { count: b.totals.reduce((sum, total) => sum + total.count, 0) })}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
          <Flex vertical gap={12}>
            <BoardLegend totals={building.totals} active={filters.statuses} onToggle={toggleStatus} />
            {phone && (
              <Button
                icon={<FilterOutlined />}
                type={hasFilters(filters) ? 'primary' : 'default'}
                ghost={hasFilters(filters)}
                onClick={() => setShowFilters((shown) => !shown)}
                style={{ alignSelf: 'flex-start' }}
                aria-expanded={showFilters}
              >
                {t('filters.toggle')}
              </Button>
            )}
            {(!phone || showFilters) && (
              <BoardFilterBar value={filters} onChange={setFilters} layouts={layouts} statuses={statuses} />
            )}
            {dimmed > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('board.dimmed', { count: dimmed })}
              </Typography.Text>
            )}
            <BoardGrid
              building={building}
              filters={filters}
              mine={at === null ? mine : undefined}
              onOpen={(cell) => setOpenUnitId(cell.id)}
            />
          </Flex>
        </Card>
      )}
      <UnitDrawer
        projectId={projectId}
        cell={openCell}
        buildingName={building?.name ?? ''}
        role={role}
        userId={userId}
        readOnly={at !== null}
        onClose={() => setOpenUnitId(null)}
      />
    </>
  );
}
