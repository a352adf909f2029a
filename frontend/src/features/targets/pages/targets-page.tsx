import { ColumnWidthOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Skeleton, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { exportTargets, usePlanStep, useTargetPlan, type PlanStep, type TargetPlan } from '../api/targets';
import { TargetsGrid } from '../components/targets-grid';
import { useTargetsT } from '../i18n';
import { draftMismatch, draftOf, hasMismatch, updateOf, type Draft } from '../lib/grid';

import { MONTH, nextMonth } from '../lib/month';

const STATUS_COLOR = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'warning' } as const;

/**
 * A month's targets: the editable grid of a draft (project, teams, consultants) with its mismatches
 * live, equal split, and the plan's way to approval; a consultant's read-only "my targets".
 */
export function TargetsPage({ projectId, projectName, mine }: { projectId: string; projectName: string; mine: boolean }) {
  const { t } = useTargetsT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const [month, setMonth] = useState(() => (mine ? dayjs().format(MONTH) : nextMonth()));
  const plan = useTargetPlan(projectId, month);
  const step = usePlanStep(projectId, month);
  // Edits belong to the answer they were made on: a fresh answer (another month, a save, a decision)
  // shows as it is, and the edits of the old one are dropped.
  const [edits, setEdits] = useState<{ source: TargetPlan; draft: Draft } | null>(null);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();

  const draft = useMemo(
    () => (plan.data === undefined ? null : edits?.source === plan.data ? edits.draft : draftOf(plan.data)),
    [edits, plan.data],
  );
  const setDraft = (next: Draft) => plan.data && setEdits({ source: plan.data, draft: next });
  const mismatch = useMemo(() => (draft && plan.data?.mismatch ? draftMismatch(draft) : null), [draft, plan.data?.mismatch]);
  const dirty = useMemo(
    () => draft !== null && plan.data !== undefined && JSON.stringify(updateOf(draft)) !== JSON.stringify(updateOf(draftOf(plan.data))),
    [draft, plan.data],
  );

  const run = async (action: PlanStep, done: string) => {
    try {
      await step.mutateAsync(action);
      void message.success(done);
      return true;
    } catch (error) {
      void message.error(describe(error));
      return false;
    }
  };
  /** Saves unsaved edits first, so a split or a submission acts on what the grid shows. */
  const saved = async (current: TargetPlan): Promise<number | null> => {
    if (!dirty || draft === null) return current.version;
    try {
      return (await step.mutateAsync({ step: 'save', body: updateOf(draft), version: current.version })).version;
    } catch (error) {
      void message.error(describe(error));
      return null;
    }
  };

  const data = plan.data;
  const actions = data?.allowed_actions ?? [];
  const can = (action: (typeof actions)[number]) => actions.includes(action);
  const editable = can('edit');

  const buttons = data && (
    <Flex wrap gap={8}>
      {can('edit') && (
        <Button icon={<SaveOutlined />} type={dirty ? 'primary' : 'default'} disabled={!dirty} loading={step.isPending} onClick={() => draft && void run({ step: 'save', body: updateOf(draft), version: data.version }, t('actions.saved'))}>
          {t('actions.save')}
        </Button>
      )}
      {can('split') && (
        <Tooltip title={t('actions.splitHint')}>
          <Button
            icon={<ColumnWidthOutlined />}
            loading={step.isPending}
            data-testid="split-targets"
            onClick={async () => {
              const version = await saved(data);
              if (version !== null) await run({ step: 'split', version }, t('actions.splitDone'));
            }}
          >
            {t('actions.split')}
          </Button>
        </Tooltip>
      )}
      {can('submit') && (
        <Popconfirm
          title={t('actions.confirmSubmit')}
          onConfirm={async () => {
            const version = await saved(data);
            if (version !== null) await run({ step: 'submit', version }, t('actions.submitted'));
          }}
        >
          <Button type="primary" data-testid="submit-targets" loading={step.isPending}>
            {t('actions.submit')}
          </Button>
        </Popconfirm>
      )}
      {can('approve') && (
        <Popconfirm title={t('actions.confirmApprove')} onConfirm={() => run({ step: 'approve' }, t('actions.approved'))}>
          <Button type="primary" data-testid="approve-targets" loading={step.isPending}>
            {t('actions.approve')}
          </Button>
        </Popconfirm>
      )}
      {can('return') && (
        <Button danger onClick={() => setReturning(true)} data-testid="return-targets">
          {t('actions.return')}
        </Button>
      )}
      <Button icon={<DownloadOutlined />} onClick={() => exportTargets(projectId, month).catch((error: unknown) => void message.error(describe(error)))}>
        {t('actions.export')}
      </Button>
    </Flex>
  );

  return (
    <>
      <PageHeader title={mine ? t('mine') : t('title')} subtitle={`${projectName} · ${mine ? t('mineSubtitle') : t('subtitle')}`} />
      <Flex wrap gap={8} align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <Typography.Text>{t('month')}</Typography.Text>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            format={MONTH}
            aria-label={t('month')}
            data-testid="targets-month"
            onChange={(date) => date && setMonth(date.format(MONTH))}
            style={{ width: 130 }}
          />
          {data && (
            <Tag color={STATUS_COLOR[data.status]} data-testid="plan-status">
              {t(`statuses.${data.status}`)}
            </Tag>
          )}
          {data?.submitted_late && <Tag color="orange">{t('late')}</Tag>}
          {dirty && <Tag color="gold">{t('actions.unsavedChanges')}</Tag>}
        </Flex>
        {buttons}
      </Flex>
      {plan.isError && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
      {data?.return_comment && data.status === 'returned' && <Alert type="warning" showIcon message={t('returned', { comment: data.return_comment })} style={{ marginBottom: 12 }} />}
      {data && !data.stored && !mine && (
        <Alert type="info" showIcon message={t('unsaved', { n: data.consultants[0]?.broker_referrals ?? 4 })} style={{ marginBottom: 12 }} />
      )}
      {mismatch && (
        <Alert
          type={hasMismatch(mismatch.teams) || hasMismatch(mismatch.consultants) ? 'error' : 'success'}
          showIcon
          data-testid="mismatch-summary"
          message={hasMismatch(mismatch.teams) || hasMismatch(mismatch.consultants) ? t('mismatch.some') : t('mismatch.none')}
          style={{ marginBottom: 12 }}
        />
      )}
      {draft === null ? (
        <Skeleton active />
      ) : mine && draft.consultants.length === 0 ? (
        <Alert type="info" message={t('empty')} />
      ) : (
        <TargetsGrid draft={draft} mismatch={mismatch} editable={editable} onChange={setDraft} />
      )}
      <Modal
        open={returning}
        title={t('actions.returnTitle')}
        okText={t('actions.return')}
        okButtonProps={{ danger: true, loading: step.isPending }}
        onCancel={() => setReturning(false)}
        onOk={() => void form.validateFields().then(async ({ comment }) => (await run({ step: 'return', comment }, t('actions.returnDone'))) && setReturning(false))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="comment" label={t('actions.returnComment')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
