import { CheckOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Empty, Flex, Popconfirm, Segmented, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { useMediaQuery } from '@/lib/use-media-query';
import { exportDailyReport, useConfirmDay, useDailyReport } from '../api/daily-report';
import { DailyCards } from '../components/daily-cards';
import { DailyTable } from '../components/daily-table';
import { confirmable, dayBefore, dayIn } from '../lib/figures';
import { useReportsT } from '../i18n';

const DAY = 'YYYY-MM-DD';

/** The daily report (日报) of the project's day: by consultant, with the month and year to date, the
 * supervisor's confirmations (每日确认当日业绩) and the workbook. Today by default, yesterday one click away. */
export function DailyReportPage({
  projectId,
  projectName,
  timezone,
}: {
  projectId: string;
  projectName: string;
  timezone: string;
}) {
  const { t } = useReportsT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const narrow = useMediaQuery('(max-width: 767px)');
  const today = dayIn(timezone);
  const yesterday = dayBefore(today);
  const [date, setDate] = useState(today);
  const [exporting, setExporting] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const report = useDailyReport(projectId, date);
  const confirm = useConfirmDay(projectId, date);

  const onConfirm = async (ids: string[], key: string) => {
    setConfirming(key);
    try {
      const done = await confirm.mutateAsync(ids);
      void message.success(t('daily.done', { count: done.confirmed.length }));
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setConfirming(null);
    }
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await exportDailyReport(projectId, date);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  const open = report.data ? confirmable(report.data.consultants) : [];
  const quick = date === today ? 'today' : date === yesterday ? 'yesterday' : null;
  return (
    <>
      <PageHeader
        title={t('daily.title')}
        subtitle={t('daily.subtitle', { project: projectName, date, zone: timezone })}
        extra={
          <>
            {open.length > 0 && (
              <Popconfirm
                title={t('daily.confirmAllTitle', { count: open.length })}
                description={t('daily.confirmAllHint')}
                onConfirm={() => void onConfirm(open, 'all')}
              >
                <Button type="primary" icon={<CheckOutlined />} loading={confirming === 'all'} data-testid="confirm-all">
                  {t('daily.confirmAll')}
                </Button>
              </Popconfirm>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="daily-export">
              {t('daily.export')}
            </Button>
          </>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Segmented
          value={quick ?? ''}
          onChange={(value) => setDate(value === 'yesterday' ? yesterday : today)}
          options={[
            { label: t('daily.yesterday'), value: 'yesterday' },
            { label: t('daily.today'), value: 'today' },
          ]}
          data-testid="daily-quick"
        />
        <DatePicker
          aria-label={t('daily.date')}
          value={dayjs(date, DAY)}
          allowClear={false}
          disabledDate={(d) => d.format(DAY) > today}
          onChange={(value) => {
            if (value) setDate(value.format(DAY));
          }}
        />
      </Flex>
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.isPending && <Skeleton active />}
      {report.data && report.data.totals === null && (
        <Alert type="info" showIcon message={t('daily.ownOnly')} style={{ marginBottom: 12 }} />
      )}
      {report.data &&
        (report.data.consultants.length === 0 ? (
          <Empty description={t('daily.empty')} />
        ) : narrow ? (
          <DailyCards report={report.data} confirming={confirming} onConfirm={(id) => void onConfirm([id], id)} />
        ) : (
          <DailyTable report={report.data} confirming={confirming} onConfirm={(id) => void onConfirm([id], id)} />
        ))}
    </>
  );
}
