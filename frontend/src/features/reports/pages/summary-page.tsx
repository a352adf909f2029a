import { CheckOutlined, DownloadOutlined, LeftOutlined, RightOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { useMediaQuery } from '@/lib/use-media-query';
import { downloadSummary, useSummary, useSummaryStep, type SectionKey, type Summary } from '../api/summaries';
import { SummaryFigures, SummaryPeople } from '../components/summary-figures';
import { dayIn } from '../lib/figures';
import { lastEnded, shiftPeriod, type PeriodKind, type SummaryPeriod } from '../lib/summary-periods';
import { SECTION_TITLES_EN, useSummaryT } from '../i18n/summary';

type Texts = Partial<Record<SectionKey, string>>;

/** What each section shows: the saved text, or the server's draft until something is saved. */
function initialTexts(summary: Summary): Texts {
  return Object.fromEntries(summary.sections.map((s) => [s.key, s.text ?? s.draft]));
}

/** The sections whose text differs from what is stored (a draft never saved counts as changed once edited). */
function changed(summary: Summary, texts: Texts): Texts {
  return Object.fromEntries(
    summary.sections.filter((s) => texts[s.key] !== undefined && texts[s.key] !== (s.text ?? s.draft)).map((s) => [s.key, texts[s.key]]),
  );
}

/** Summaries of a week, month or quarter (周报 / 月报 / 季报): the figures against target and the previous
 * period, the sections drafted by the server for the supervisor to complete, save, submit and approve,
 * and the workbook and PDF. Opens on the last month that has ended. */
export function SummaryPage({ projectId, projectName, timezone }: { projectId: string; projectName: string; timezone: string }) {
  const { t } = useSummaryT();
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const narrow = useMediaQuery('(max-width: 767px)');
  const today = dayIn(timezone);
  const [period, setPeriod] = useState<SummaryPeriod>(() => lastEnded('month', today));
  const summary = useSummary(projectId, period.key);
  const step = useSummaryStep(projectId, period.key);
  // Edits belong to the version they were made on: a save (a new version) or another period drops them.
  const [edits, setEdits] = useState<{ at: string; texts: Texts }>({ at: '', texts: {} });
  const [busy, setBusy] = useState<string | null>(null);
  const data = summary.data;
  const at = data ? `${data.period}:${data.version}` : '';
  const texts: Texts = data ? { ...initialTexts(data), ...(edits.at === at ? edits.texts : {}) } : {};
  const setTexts = (next: Texts) => setEdits({ at, texts: next });

  const next = shiftPeriod(period, 1);
  const dirty = data ? changed(data, texts) : {};
  const isDirty = Object.keys(dirty).length > 0;
  const editable = data?.allowed_actions.includes('edit') ?? false;

  const run = async (key: string, work: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await work();
      void message.success(done);
    } catch (error) {
      void message.error(describe(error));
    } finally {
      setBusy(null);
    }
  };

  const save = async (current: Summary): Promise<Summary> =>
    isDirty ? step.mutateAsync({ step: 'save', version: current.version, sections: dirty }) : current;

  const onSave = () => data && void run('save', () => save(data), t('saved'));
  const onSubmit = () =>
    data &&
    void run(
      'submit',
      async () => {
        const saved = await save(data);
        await step.mutateAsync({ step: 'submit', version: saved.version });
      },
      t('submitted'),
    );
  const onApprove = () => data && void run('approve', () => step.mutateAsync({ step: 'approve', version: data.version }), t('approved'));
  const onDownload = (format: 'xlsx' | 'pdf') => void run(format, () => downloadSummary(projectId, period.key, format), format.toUpperCase());

  const english = i18n.language.startsWith('en');
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle', { project: projectName, start: period.start, end: period.end })}
        extra={
          <>
            {data?.allowed_actions.includes('edit') && (
              <Button icon={<SaveOutlined />} disabled={!isDirty} loading={busy === 'save'} onClick={onSave} data-testid="summary-save">
                {t('save')}
              </Button>
            )}
            {data?.allowed_actions.includes('submit') && (
              <Popconfirm title={t('submitTitle')} description={t('submitHint')} onConfirm={onSubmit}>
                <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="summary-submit">
                  {t('submit')}
                </Button>
              </Popconfirm>
            )}
            {data?.allowed_actions.includes('approve') && (
              <Popconfirm title={t('approveTitle')} onConfirm={onApprove}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} data-testid="summary-approve">
                  {t('approve')}
                </Button>
              </Popconfirm>
            )}
            <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => onDownload('xlsx')} data-testid="summary-xlsx">
              {t('exportXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={busy === 'pdf'} onClick={() => onDownload('pdf')} data-testid="summary-pdf">
              {t('exportPdf')}
            </Button>
          </>
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Segmented
          value={period.kind}
          onChange={(kind) => setPeriod(lastEnded(kind as PeriodKind, today))}
          options={(['week', 'month', 'quarter'] as const).map((kind) => ({ label: t(`kinds.${kind}`), value: kind }))}
          data-testid="summary-kind"
        />
        <Button icon={<LeftOutlined />} aria-label={t('previousPeriod')} onClick={() => setPeriod(shiftPeriod(period, -1))} />
        <Typography.Text strong data-testid="summary-period">
          {period.key}
        </Typography.Text>
        <Button icon={<RightOutlined />} aria-label={t('nextPeriod')} disabled={next.start > today} onClick={() => setPeriod(next)} />
        {data && (
          <Tag color={data.status === 'approved' ? 'green' : data.status === 'submitted' ? 'blue' : 'default'} data-testid="summary-status">
            {t(`status.${data.status}`)}
          </Tag>
        )}
        {data && <Typography.Text type="secondary">{t('through', { date: data.figures.through })}</Typography.Text>}
        {isDirty && <Typography.Text type="warning">{t('unsaved')}</Typography.Text>}
      </Flex>
      {summary.isError && <QueryError error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.isPending && <Skeleton active />}
      {data && (
        <Flex vertical gap={16}>
          {!data.live && <Alert type="info" showIcon message={t('snapshot')} />}
          <Card title={t('figures')} size="small">
            <SummaryFigures summary={data} narrow={narrow} />
          </Card>
          {data.figures.teams.length + data.figures.consultants.length > 0 && (
            <Card title={t('people')} size="small">
              <SummaryPeople summary={data} narrow={narrow} />
            </Card>
          )}
          <Card title={t('sections')} size="small">
            <Flex vertical gap={16}>
              {data.sections.map((section) => (
                <div key={section.key} data-testid={`section-${section.key}`}>
                  <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
                    <Typography.Text strong>{english ? SECTION_TITLES_EN[section.key] : section.title}</Typography.Text>
                    {editable && texts[section.key] !== section.draft && (
                      <Button size="small" type="link" onClick={() => setTexts({ ...texts, [section.key]: section.draft })}>
                        {t('useDraft')}
                      </Button>
                    )}
                  </Flex>
                  <Input.TextArea
                    aria-label={section.title}
                    value={texts[section.key] ?? ''}
                    readOnly={!editable}
                    autoSize={{ minRows: 2, maxRows: 12 }}
                    maxLength={20000}
                    onChange={(event) => setTexts({ ...texts, [section.key]: event.target.value })}
                  />
                  {section.text === null && editable && <Typography.Text type="secondary">{t('draftHint')}</Typography.Text>}
                </div>
              ))}
            </Flex>
          </Card>
        </Flex>
      )}
    </>
  );
}
