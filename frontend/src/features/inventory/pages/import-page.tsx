import { CheckCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { useErrorMessage } from '@/lib/error-message';
import { useImportUnits, type ImportResult } from '../api/import-units';
import { useInventoryT } from '../i18n';

type ImportProblem = ImportResult['errors'][number];

export function ImportPage({ projectId, projectName, onOpenBoard }: { projectId: string; projectName: string; onOpenBoard: () => void }) {
  const { t } = useInventoryT();
  const errorMessage = useErrorMessage();
  const run = useImportUnits();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);

  const reset = () => {
    setFile(null);
    setReport(null);
    setDone(null);
    run.reset();
  };
  const check = (chosen: File) =>
    run.mutate({ projectId, file: chosen, dryRun: true }, { onSuccess: (result) => setReport(result) });
  const confirm = () =>
    file &&
    run.mutate(
      { projectId, file, dryRun: false },
      { onSuccess: (result) => (result.errors.length > 0 ? setReport(result) : setDone(result)) },
    );
  const counts = (r: ImportResult) => ({ created: r.created, updated: r.updated, buildings: r.buildings_created });

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={`${projectName} · ${t('import.subtitle')}`} />
      <Card>
        {done ? (
          <Result
            status="success"
            title={t('import.done', counts(done))}
            extra={
              <Space>
                <Button type="primary" onClick={onOpenBoard}>{t('import.toBoard')}</Button>
                <Button onClick={reset}>{t('import.reset')}</Button>
              </Space>
            }
          />
        ) : (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={run.isPending}
              beforeUpload={(chosen) => {
                setFile(chosen);
                setReport(null);
                check(chosen);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
              <p className="ant-upload-hint" style={{ padding: '0 16px' }}>{t('import.hint')}</p>
            </Upload.Dragger>
            {run.isError && <Alert type="error" showIcon message={errorMessage(run.error)} />}
            {report && report.errors.length === 0 && (
              <Alert
                type="success"
                showIcon
                icon={<CheckCircleOutlined />}
                message={t('import.reportOk', counts(report))}
                data-testid="import-report"
              />
            )}
            {report && report.errors.length > 0 && (
              <>
                <Alert type="error" showIcon message={t('import.reportBad', { count: report.errors.length })} data-testid="import-report" />
                <Table<ImportProblem>
                  size="small"
                  rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
                  dataSource={report.errors}
                  pagination={report.errors.length > 50 ? { pageSize: 50 } : false}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t('import.row'), dataIndex: 'row', width: 80 },
                    { title: t('import.field'), dataIndex: 'field', width: 140, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                    { title: t('import.message'), dataIndex: 'message' },
                  ]}
                />
              </>
            )}
            {file && (
              <Flex gap={8} wrap>
                <Button
                  type="primary"
                  disabled={!report || report.errors.length > 0}
                  loading={run.isPending && run.variables?.dryRun === false}
                  onClick={confirm}
                >
                  {t('import.confirm')}
                </Button>
                <Button loading={run.isPending && run.variables?.dryRun === true} onClick={() => check(file)}>
                  {t('import.check')}
                </Button>
                <Button onClick={reset}>{t('import.reset')}</Button>
              </Flex>
            )}
          </Space>
        )}
      </Card>
    </>
  );
}
