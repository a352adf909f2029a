import { Alert, App, Button, Card, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '@/components/query-error';
import { formatPercent } from '@/lib/money';
import { useDealCredits, useProposeCredits, type DealCreditsChange } from '../api/credits';
import { useConsultants } from '../api/rewards';
import { useCommissionT } from '../i18n';
import type { CreditRow } from '../lib/credits-body';
import { CreditsFormModal } from './credits-form-modal';

type CreditView = { consultant_id: string; consultant_name: string | null; share: string };

function Credits({ items, testId }: { items: readonly CreditView[]; testId: string }) {
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={[...items]}
      rowKey="consultant_id"
      renderItem={(credit) => (
        <List.Item extra={<Typography.Text strong>{formatPercent(credit.share)}</Typography.Text>} data-testid="credit-item">
          {credit.consultant_name ?? '—'}
        </List.Item>
      )}
    />
  );
}

/** The form with the project's consultants to pick from, loaded only once it opens. */
function ProposeCredits({
  projectId,
  initial,
  onSubmit,
  onCancel,
}: {
  projectId: string;
  initial: readonly CreditRow[];
  onSubmit: (body: DealCreditsChange) => Promise<unknown>;
  onCancel: () => void;
}) {
  const consultants = useConsultants(projectId);
  return (
    <CreditsFormModal
      initial={initial}
      consultants={consultants.data ?? []}
      consultantsLoading={consultants.isPending}
      onSubmit={onSubmit}
      onCancel={onCancel}
    />
  );
}

/**
 * A deal's credits (业绩分配) for its page: who shares its commission and how much, any change waiting
 * for approval, and for the sales line a form to propose one (a site manager approves it).
 */
export function DealCreditsCard({ dealId, projectId, canPropose }: { dealId: string; projectId: string; canPropose: boolean }) {
  const { t } = useCommissionT();
  const { message } = App.useApp();
  const credits = useDealCredits(dealId);
  const propose = useProposeCredits(dealId);
  const [open, setOpen] = useState(false);
  const data = credits.data;
  const waiting = data?.pending != null && data.pending.length > 0;

  const submit = async (body: DealCreditsChange) => {
    await propose.mutateAsync(body);
    setOpen(false);
    void message.success(t('credits.proposed'));
  };

  let body;
  if (credits.isPending) body = <Skeleton active paragraph={{ rows: 2 }} />;
  else if (credits.isError) body = <QueryError error={credits.error} onRetry={() => void credits.refetch()} />;
  else if (credits.data.credits.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('credits.none')} />;
  else {
    body = (
      <>
        <Credits items={credits.data.credits} testId="credits-active" />
        {credits.data.default && (
          <Typography.Text type="secondary" data-testid="credits-default">
            {t('credits.default')}
          </Typography.Text>
        )}
      </>
    );
  }

  return (
    <Card
      size="small"
      title={t('credits.title')}
      data-testid="deal-credits"
      extra={
        canPropose &&
        data && (
          <Button size="small" onClick={() => setOpen(true)} disabled={waiting} data-testid="propose-credits">
            {t('credits.propose')}
          </Button>
        )
      }
    >
      {body}
      {waiting && data?.pending && (
        <Alert
          type="info"
          style={{ marginTop: 8 }}
          data-testid="credits-pending"
          message={
            <>
              {t('credits.pending')} <Tag color="processing">{t('planStatuses.proposed')}</Tag>
            </>
          }
          description={
            <>
              <Credits items={data.pending} testId="credits-pending-list" />
              <Typography.Text type="secondary">{t('credits.pendingHint')}</Typography.Text>
            </>
          }
        />
      )}
      {open && data && (
        <ProposeCredits
          projectId={projectId}
          initial={data.credits.map((c) => ({ consultant_id: c.consultant_id, share: c.share.replace(/\.00$/, '') }))}
          onSubmit={submit}
          onCancel={() => setOpen(false)}
        />
      )}
    </Card>
  );
}
