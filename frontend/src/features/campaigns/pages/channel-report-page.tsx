import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Skeleton, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { formatMoney } from '@/lib/money';
import { exportChannelReport, useChannelReport, type SourceFigures } from '../api/campaigns';
import { BarChartView } from '../components/chart';
import { FigureTiles } from '../components/figures';
import { useCampaignsT } from '../i18n';
import { campaignPath, costPerDealOption, formatRatio } from '../lib/campaigns';

const DAY = 'YYYY-MM-DD';
type Row = SourceFigures & { key: string; label: React.ReactNode; total?: boolean };

function FiguresTable({ rows, firstTitle, testId }: { rows: Row[]; firstTitle: string; testId: string }) {
  const { t } = useCampaignsT();
  const money = (v: string | null) => formatMoney(v);
  return (
    <Table<Row>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1100 }}
      data-testid={testId}
      rowClassName={(row) => (row.total ? 'ant-table-row-selected' : '')}
      columns={[
        { title: firstTitle, dataIndex: 'label', fixed: 'left', width: 140 },
        { title: t('effect.firstVisits'), dataIndex: 'first_visits', align: 'right' },
        { title: t('effect.repeatVisits'), dataIndex: 'repeat_visits', align: 'right' },
        { title: t('effect.newCustomers'), dataIndex: 'new_customers', align: 'right' },
        { title: t('effect.subscriptions'), dataIndex: 'subscriptions', align: 'right' },
        { title: t('effect.subscribedAmount'), dataIndex: 'subscribed_amount', align: 'right', render: money },
        { title: t('effect.contracts'), dataIndex: 'contracts', align: 'right' },
        { title: t('effect.contractedAmount'), dataIndex: 'contracted_amount', align: 'right', render: money },
        { title: t('effect.cost'), dataIndex: 'cost', align: 'right', render: money },
        { title: t('effect.costPerVisit'), dataIndex: 'cost_per_visit', align: 'right', render: money },
        { title: t('effect.costPerDeal'), dataIndex: 'cost_per_deal', align: 'right', render: money },
        { title: t('effect.returnOnSpend'), dataIndex: 'return_on_spend', align: 'right', render: formatRatio },
      ]}
    />
  );
}

/** The channel and campaign report of a period: key figures, cost per deal by campaign, both tables, xlsx. */
export function ChannelReportPage({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t } = useCampaignsT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const [exporting, setExporting] = useState(false);
  const from = range[0].format(DAY);
  const to = range[1].format(DAY);
  const report = useChannelReport(projectId, from, to);
  const option = useMemo(() => (report.data ? costPerDealOption(report.data) : null), [report.data]);

  const onExport = async () => {
    setExporting(true);
    try {
      await exportChannelReport(projectId, from, to);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  const data = report.data;
  const channelRows: Row[] = data
    ? [
        ...data.channels.map((c) => ({ ...c, key: c.channel, label: t(`channels.${c.channel}`) })),
        { ...data.total, cost: null, key: 'total', label: t('report.total'), total: true },
      ]
    : [];
  const campaignRows: Row[] = data
    ? [
        ...data.campaigns.map((c) => ({
          ...c,
          key: c.campaign_id,
          label: <Link to={campaignPath(c.campaign_id)}>{c.name}</Link>,
        })),
        { ...data.unattributed, key: 'none', label: t('report.unattributed') },
        { ...data.total, key: 'total', label: t('report.total'), total: true },
      ]
    : [];

  return (
    <>
      <PageHeader
        title={t('report.title')}
        subtitle={projectName}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="report-export">
            {t('report.export')}
          </Button>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('report.range')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]]);
          }}
        />
      </Flex>
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && <Skeleton active />}
      {data && option && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <FigureTiles figures={data.total} />
          <Card size="small" title={t('report.chart')}>
            {data.campaigns.some((c) => c.cost_per_deal !== null) ? (
              <BarChartView option={option} testId="chart-cost-per-deal" />
            ) : (
              <Empty description={t('report.noDeals')} />
            )}
          </Card>
          <Card size="small" title={t('report.byCampaign')}>
            <FiguresTable rows={campaignRows} firstTitle={t('report.campaign')} testId="report-campaigns" />
          </Card>
          <Card size="small" title={t('report.byChannel')}>
            <FiguresTable rows={channelRows} firstTitle={t('report.channel')} testId="report-channels" />
          </Card>
        </Space>
      )}
    </>
  );
}
