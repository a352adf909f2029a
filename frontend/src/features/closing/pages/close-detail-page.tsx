import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined, TableOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { formatDateTime } from '@/lib/format';
import { useMediaQuery } from '@/lib/use-media-query';
import { exportClose, useClose, useCloseAction, type CloseAction } from '../api/closes';
import { BoardSnapshot, DifferencesSection, ReceiptsSection, SignaturesSection } from '../components/close-sections';
import { CloseStatusTag } from '../components/status-tag';
import { boardLink } from '../lib/close';
import { useClosingT } from '../i18n';

/** One day's close: the differences first, the board snapshot, the receipts, the signatures, and what the
 * caller may do with it (its `allowed_actions`). */
export function CloseDetailPage({ projectId, closeId }: { projectId: string; closeId: string }) {
  const { t } = useClosingT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const phone = useMediaQuery('(max-width: 575px)');
  const close = useClose(projectId, closeId);
  const act = useCloseAction(projectId, closeId);
  const [exporting, setExporting] = useState(false);

  const run = async (action: CloseAction) => {
    try {
      await act.mutateAsync(action);
      void message.success(t('detail.done'));
    } catch (error) {
      void message.error(describe(error));
    }
  };
  const onExport = async () => {
    setExporting(true);
    try {
      await exportClose(projectId, closeId);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setExporting(false);
    }
  };

  if (close.isError) return <QueryError error={close.error} onRetry={() => void close.refetch()} />;
  if (close.isPending) return <Skeleton active />;
  const c = close.data;
  const allowed = new Set(c.allowed_actions);
  const busy = act.isPending ? act.variables : null;
  return (
    <>
      <Link to="/closing">
        <ArrowLeftOutlined /> {t('detail.back')}
      </Link>
      <PageHeader
        title={
          <Space>
            {t('detail.title', { date: c.date })}
            <CloseStatusTag status={c.status} testId="close-detail-status" />
          </Space>
        }
        subtitle={t('detail.cutoff', { at: formatDateTime(c.cutoff_at) })}
        extra={
          <>
            {allowed.has('refresh') && (
              <Button icon={<ReloadOutlined />} loading={busy === 'refresh'} onClick={() => void run('refresh')} data-testid="close-refresh">
                {t('actions.refresh')}
              </Button>
            )}
            {allowed.has('close') && (
              <Popconfirm title={t('actions.closeConfirm')} onConfirm={() => void run('close')}>
                <Button type="primary" loading={busy === 'close'} data-testid="close-close">
                  {t('actions.close')}
                </Button>
              </Popconfirm>
            )}
            {allowed.has('countersign') && (
              <Popconfirm title={t('actions.countersignConfirm')} onConfirm={() => void run('countersign')}>
                <Button type="primary" loading={busy === 'countersign'} data-testid="close-countersign">
                  {t('actions.countersign')}
                </Button>
              </Popconfirm>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="close-export">
              {t('detail.export')}
            </Button>
            <Link to={boardLink(c)} data-testid="close-board-link">
              <Button icon={<TableOutlined />}>{t('detail.boardLink')}</Button>
            </Link>
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t('detail.differences')}>
          <DifferencesSection close={c} />
        </Card>
        <Card size="small" title={t('detail.board')}>
          <BoardSnapshot close={c} phone={phone} />
        </Card>
        <Card size="small" title={t('detail.receipts')}>
          <ReceiptsSection close={c} phone={phone} />
        </Card>
        <Card size="small" title={t('detail.signatures')}>
          <SignaturesSection close={c} phone={phone} />
        </Card>
      </Flex>
    </>
  );
}
