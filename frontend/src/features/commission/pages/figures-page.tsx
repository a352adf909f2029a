import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Flex, List, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { formatMoney, formatWan } from '@/lib/money';
import { useMediaQuery } from '@/lib/use-media-query';
import { exportCommissionFigures, useCommissionFigures, type MonthFigures } from '../api/figures';
import { Chart, type ChartOption } from '../components/chart';
import { PayMoney } from '../components/pay-money';
import { useCommissionT } from '../i18n';
import { shareText, sharePercent, totals, wan } from '../lib/figures';
import { MONTH } from '../lib/month';

type T = ReturnType<typeof useCommissionT>['t'];
const PHONE = '(max-width: 575px)';
const GRID = { left: 8, right: 8, top: 36, bottom: 32, containLabel: true };

function salesOption(months: readonly MonthFigures[], t: T): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: t('figures.wan') },
      { type: 'value', name: t('figures.wan'), splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('figures.contractedAmount'), data: months.map((m) => wan(m.contracted_amount)), barMaxWidth: 32 },
      { type: 'line', name: t('figures.perCapita'), yAxisIndex: 1, data: months.map((m) => wan(m.per_capita_output)), connectNulls: true },
    ],
  };
}

function costOption(months: readonly MonthFigures[], t: T): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: t('figures.wan') },
      { type: 'value', name: '%', splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('figures.commissionCost'), data: months.map((m) => wan(m.commission_cost)), barMaxWidth: 32, itemStyle: { color: '#fa8c16' } },
      { type: 'line', name: t('figures.commissionShare'), yAxisIndex: 1, data: months.map((m) => sharePercent(m.commission_share)), connectNulls: true },
    ],
  };
}

function feeOption(months: readonly MonthFigures[], t: T): ChartOption {
  const bar = (name: string, pick: (m: MonthFigures) => string, color: string) =>
    ({ type: 'bar', name, data: months.map((m) => wan(pick(m))), barMaxWidth: 20, itemStyle: { color } }) as const;
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: { type: 'value', name: t('figures.wan') },
    series: [
      bar(t('figures.feeEarned'), (m) => m.agency_fee_earned, '#1668dc'),
      bar(t('figures.feeInvoiced'), (m) => m.agency_fee_invoiced, '#13c2c2'),
      bar(t('figures.feeReceived'), (m) => m.agency_fee_received, '#52c41a'),
    ],
  };
}

function Totals({ months }: { months: readonly MonthFigures[] }) {
  const { t } = useCommissionT();
  const sum = totals(months);
  const items = [
    { key: 'amount', title: t('figures.contractedAmount'), value: formatWan(sum.contracted_amount) },
    { key: 'units', title: t('figures.contractedUnits'), value: String(sum.contracted_units) },
    { key: 'cost', title: t('figures.commissionCost'), value: formatMoney(sum.commission_cost) },
    { key: 'share', title: t('figures.commissionShare'), value: shareText(sum.commission_share) },
    { key: 'earned', title: t('figures.feeEarned'), value: formatWan(sum.agency_fee_earned) },
    { key: 'received', title: t('figures.feeReceived'), value: formatWan(sum.agency_fee_received) },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col key={item.key} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={item.title} value={item.value} valueStyle={{ fontSize: 18 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** The months as a table (cards on a phone: ten columns do not fit 390 px). */
function MonthsTable({ months }: { months: readonly MonthFigures[] }) {
  const { t } = useCommissionT();
  const phone = useMediaQuery(PHONE);
  const rows = [...months].reverse(); // the latest month first, as people look for it
  if (phone) {
    return (
      <List
        dataSource={rows}
        rowKey="month"
        renderItem={(m) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid="figures-row" title={m.month}>
            {(
              [
                [t('figures.contractedAmount'), <PayMoney key="a" value={m.contracted_amount} />],
                [t('figures.contractedUnits'), m.contracted_units],
                [t('figures.perCapita'), <PayMoney key="p" value={m.per_capita_output} />],
                [t('figures.commissionCost'), <PayMoney key="c" value={m.commission_cost} />],
                [t('figures.commissionShare'), shareText(m.commission_share)],
                [t('figures.feeEarned'), <PayMoney key="e" value={m.agency_fee_earned} />],
                [t('figures.feeInvoiced'), <PayMoney key="i" value={m.agency_fee_invoiced} />],
                [t('figures.feeReceived'), <PayMoney key="r" value={m.agency_fee_received} />],
              ] as const
            ).map(([label, value]) => (
              <Flex key={label} justify="space-between" gap={8}>
                <Typography.Text type="secondary">{label}</Typography.Text>
                <span>{value}</span>
              </Flex>
            ))}
          </Card>
        )}
      />
    );
  }
  const money = (v: string | null) => <PayMoney value={v} />;
  return (
    <Table<MonthFigures>
      rowKey="month"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'figures-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('figures.month'), dataIndex: 'month', fixed: 'left' },
        { title: t('figures.contractedUnits'), dataIndex: 'contracted_units', align: 'right' },
        { title: t('figures.contractedAmount'), dataIndex: 'contracted_amount', align: 'right', render: money },
        { title: t('figures.roster'), dataIndex: 'consultants_on_roster', align: 'right' },
        { title: t('figures.perCapita'), dataIndex: 'per_capita_output', align: 'right', render: money },
        { title: t('figures.commissionCost'), dataIndex: 'commission_cost', align: 'right', render: money },
        { title: t('figures.commissionShare'), dataIndex: 'commission_share', align: 'right', render: shareText },
        { title: t('figures.feeEarned'), dataIndex: 'agency_fee_earned', align: 'right', render: money },
        { title: t('figures.feeInvoiced'), dataIndex: 'agency_fee_invoiced', align: 'right', render: money },
        { title: t('figures.feeReceived'), dataIndex: 'agency_fee_received', align: 'right', render: money },
      ]}
    />
  );
}

/** The commission figures by month (人均单产, commission cost and share, agency fee), charts, a table and the workbook. */
export function FiguresPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useCommissionT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  // The last twelve months to this one, as the API's default.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(11, 'month').startOf('month'), dayjs().startOf('month')]);
  const [exporting, setExporting] = useState(false);
  const from = range[0].format(MONTH);
  const to = range[1].format(MONTH);
  const figures = useCommissionFigures(projectId, from, to);
  const months = figures.data?.months;
  const options = useMemo(
    () => (months ? { sales: salesOption(months, t), cost: costOption(months, t), fee: feeOption(months, t) } : null),
    [months, t],
  );

  const onExport = async () => {
    setExporting(true);
    try {
      await exportCommissionFigures(projectId, from, to);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('figures.title')}
        subtitle={projectName}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="figures-export">
            {t('figures.export')}
          </Button>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('figures.range')}</Typography.Text>
        <DatePicker.RangePicker
          picker="month"
          value={range}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]]);
          }}
        />
      </Flex>
      {figures.isError && <QueryError error={figures.error} onRetry={() => void figures.refetch()} />}
      {figures.isPending && <Skeleton active />}
      {months && options && (
        <>
          <Totals months={months} />
          {months.length === 0 ? (
            <Empty description={t('figures.empty')} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('figures.salesChart')}>
                  <Chart option={options.sales} testId="chart-sales" />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('figures.costChart')}>
                  <Chart option={options.cost} testId="chart-cost" />
                </Card>
              </Col>
              <Col xs={24}>
                <Card size="small" title={t('figures.feeChart')}>
                  <Chart option={options.fee} testId="chart-fee" />
                </Card>
              </Col>
              <Col xs={24}>
                <Card size="small" title={t('figures.table')} styles={{ body: { padding: 0 } }}>
                  <MonthsTable months={months} />
                </Card>
              </Col>
            </Row>
          )}
        </>
      )}
    </>
  );
}
