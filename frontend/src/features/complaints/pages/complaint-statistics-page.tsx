import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { exportComplaintStatistics, useComplaintStatistics, type ComplaintStatistics } from '../api/statistics';
import { Chart, type ChartOption } from '../components/chart';
import { useComplaintsT } from '../i18n';

const DAY = 'YYYY-MM-DD';
type T = ReturnType<typeof useComplaintsT>['t'];
type Loose = (key: string) => string;

function word(t: T, prefix: string, key: string): string {
  const text = (t as unknown as Loose)(`${prefix}.${key}`);
  return text === `${prefix}.${key}` ? key : text;
}

function percent(share: string | null): string {
  return share === null ? '—' : `${(Number(share) * 100).toFixed(1)}%`;
}

function hours(value: string | null): string {
  return value === null ? '—' : Number(value).toFixed(1);
}

function barOption(counts: ComplaintStatistics['by_category'], label: (key: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: counts.map((c) => label(c.key)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: counts.map((c) => c.count), barMaxWidth: 40, itemStyle: { color: '#1668dc' } }],
  };
}

function pieOption(counts: ComplaintStatistics['by_severity'], label: (key: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        data: counts.map((c) => ({ name: label(c.key), value: c.count })),
      },
    ],
  };
}

function monthOption(months: ComplaintStatistics['by_month'], t: T): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: t('stats.filed'), data: months.map((m) => m.filed) },
      { type: 'line', name: t('stats.resolved'), data: months.map((m) => m.resolved) },
    ],
  };
}

function Figures({ stats }: { stats: ComplaintStatistics }) {
  const { t } = useComplaintsT();
  const items = [
    { key: 'total', title: t('stats.total'), value: String(stats.total), testId: 'stats-total' },
    { key: 'ack', title: t('stats.ackOnTime'), value: percent(stats.acknowledged_on_time_share) },
    { key: 'resolved', title: t('stats.resolvedOnTime'), value: percent(stats.resolved_on_time_share) },
    { key: 'median', title: t('stats.medianHours'), value: hours(stats.median_hours_to_resolve) },
    { key: 'p90', title: t('stats.p90Hours'), value: hours(stats.p90_hours_to_resolve) },
    { key: 'reopen', title: t('stats.reopenRate'), value: percent(stats.reopen_rate) },
    {
      key: 'satisfaction',
      title: t('stats.avgSatisfaction'),
      value: stats.average_satisfaction === null ? '—' : Number(stats.average_satisfaction).toFixed(2),
      suffix: t('stats.rated', { count: stats.rated }),
    },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col key={item.key} xs={12} sm={8} lg={6} xl={3} flex="auto">
          <Card size="small">
            <Statistic title={item.title} value={item.value} valueStyle={{ fontSize: 20 }} />
            <span data-testid={item.testId} hidden>
              {item.value}
            </span>
            {item.suffix && <Typography.Text type="secondary">{item.suffix}</Typography.Text>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Charts({ stats }: { stats: ComplaintStatistics }) {
  const { t } = useComplaintsT();
  const options = useMemo(
    () => ({
      category: barOption(stats.by_category, (key) => word(t, 'categories', key)),
      severity: pieOption(stats.by_severity, (key) => word(t, 'severities', key)),
      status: pieOption(stats.by_status, (key) => word(t, 'statuses', key)),
      channel: barOption(stats.by_channel, (key) => word(t, 'channels', key)),
      month: monthOption(stats.by_month, t),
    }),
    [stats, t],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('stats.byCategory')}>
          <Chart option={options.category} testId="chart-category" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('stats.byMonth')}>
          <Chart option={options.month} testId="chart-month" />
        </Card>
      </Col>
      <Col xs={24} md={12} lg={8}>
        <Card size="small" title={t('stats.bySeverity')}>
          <Chart option={options.severity} testId="chart-severity" />
        </Card>
      </Col>
      <Col xs={24} md={12} lg={8}>
        <Card size="small" title={t('stats.byStatus')}>
          <Chart option={options.status} testId="chart-status" />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('stats.byChannel')}>
          <Chart option={options.channel} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('stats.byStaff')}>
          <Table
            size="small"
            rowKey="user_id"
            pagination={false}
            dataSource={stats.by_staff}
            columns={[
              { title: t('stats.name'), dataIndex: 'name', render: (name: string | null) => name ?? '—' },
              { title: t('stats.count'), dataIndex: 'count', align: 'right' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** Complaint statistics of a period: the key figures, charts, and the same as a workbook. */
export function ComplaintStatisticsPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useComplaintsT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  // Six months to today by default, so the monthly line has a shape.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(5, 'month').startOf('month'), dayjs()]);
  const [exporting, setExporting] = useState(false);
  const from = range[0].format(DAY);
  const to = range[1].format(DAY);
  const stats = useComplaintStatistics(projectId, from, to);

  const onExport = async () => {
    setExporting(true);
    try {
      await exportComplaintStatistics(projectId, from, to);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('stats.title')}
        subtitle={projectName}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="stats-export">
            {t('stats.export')}
          </Button>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('stats.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]]);
          }}
        />
      </Flex>
      {stats.isError && <QueryError error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.isPending && <Skeleton active />}
      {stats.data && (
        <>
          <Figures stats={stats.data} />
          {stats.data.total === 0 ? (
            <Empty description={t('stats.empty')} />
          ) : (
            <Charts stats={stats.data} />
          )}
        </>
      )}
    </>
  );
}
