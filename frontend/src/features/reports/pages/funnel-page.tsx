import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { exportFunnel, useFunnel, type FunnelBy, type FunnelGroup } from '../api/funnel';
import { FunnelChartView } from '../components/funnel-chart';
import { useReportsT } from '../i18n';
import { formatShare, funnelData, isChannel, STAGES } from '../lib/funnel';

const DAY = 'YYYY-MM-DD';
type Row = FunnelGroup & { rowKey: string; label: string; total?: boolean };

/** The conversion funnel (转化漏斗) of a period: the chart of the whole cohort, the table by group, xlsx. */
export function FunnelPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useReportsT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(89, 'day'), dayjs()]);
  const [by, setBy] = useState<FunnelBy>('channel');
  const [exporting, setExporting] = useState(false);
  const from = range[0].format(DAY);
  const to = range[1].format(DAY);
  const report = useFunnel(projectId, from, to, by);
  const data = report.data;
  const chart = useMemo(() => (data ? funnelData(data.total, (s) => t(`funnel.stages.${s}`)) : []), [data, t]);

  const onExport = async () => {
    setExporting(true);
    try {
      await exportFunnel(projectId, from, to, by);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  const groupLabel = (group: FunnelGroup): string => {
    if (by === 'channel') return isChannel(group.key) ? t(`funnel.channels.${group.key}`) : (group.key ?? '');
    if (by === 'consultant') return group.key === null ? t('funnel.pool') : (group.name ?? group.key);
    return group.key ?? '';
  };
  const rows: Row[] = data
    ? [
        ...data.groups.map((g) => ({ ...g, rowKey: g.key ?? 'none', label: groupLabel(g) })),
        { ...data.total, rowKey: 'total', label: t('funnel.total'), total: true },
      ]
    : [];

  return (
    <>
      <PageHeader
        title={t('funnel.title')}
        subtitle={projectName}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="funnel-export">
            {t('funnel.export')}
          </Button>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('funnel.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]]);
          }}
        />
        <Segmented<FunnelBy>
          value={by}
          onChange={setBy}
          options={(['channel', 'consultant', 'month'] as const).map((value) => ({ value, label: t(`funnel.by.${value}`) }))}
          data-testid="funnel-by"
        />
      </Flex>
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && <Skeleton active />}
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {data.scope === 'own' && <Typography.Text type="secondary">{t('funnel.ownOnly')}</Typography.Text>}
          <Card size="small" title={t('funnel.chart')}>
            {(data.total.stages[0]?.count ?? 0) > 0 ? <FunnelChartView data={chart} /> : <Empty description={t('funnel.empty')} />}
          </Card>
          <Card size="small" title={t(`funnel.by.${by}`)}>
            <Table<Row>
              size="small"
              rowKey="rowKey"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 900 }}
              data-testid="funnel-table"
              rowClassName={(row) => (row.total ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t(`funnel.by.${by}`), dataIndex: 'label', fixed: 'left', width: 120 },
                ...STAGES.map((stage, n) => ({
                  title: t(`funnel.stages.${stage}`),
                  key: stage,
                  align: 'right' as const,
                  render: (_: unknown, row: Row) => {
                    const s = row.stages[n];
                    if (s === undefined) return null;
                    return (
                      <span>
                        {s.count}
                        {n > 0 && (
                          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                            {formatShare(s.of_previous)} · {formatShare(s.of_first)}
                          </Typography.Text>
                        )}
                      </span>
                    );
                  },
                })),
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('funnel.shares')}
            </Typography.Text>
          </Card>
        </Space>
      )}
    </>
  );
}
