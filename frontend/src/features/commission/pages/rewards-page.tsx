import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useConsultants, useProposeRewardPenalty, useRewardsPenalties } from '../api/rewards';
import { MonthPicker } from '../components/month-picker';
import { RewardFormModal } from '../components/reward-form-modal';
import { RewardsList } from '../components/rewards-list';
import { useCommissionT } from '../i18n';
import { thisMonth } from '../lib/month';

/** Rewards and penalties (奖罚) of a month; supervisors and up propose one, a site manager approves it in the inbox. */
export function RewardsPage({ projectId, projectName, canPropose }: { projectId: string; projectName: string; canPropose: boolean }) {
  const { t } = useCommissionT();
  const { message } = App.useApp();
  const [month, setMonth] = useState(thisMonth);
  const [proposing, setProposing] = useState(false);
  const entries = useRewardsPenalties(projectId, month);
  const consultants = useConsultants(projectId);
  const propose = useProposeRewardPenalty(projectId);

  return (
    <>
      <PageHeader
        title={t('rewards.title')}
        subtitle={`${projectName} · ${t('rewards.subtitle')}`}
        extra={
          canPropose ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose-reward">
              {t('rewards.propose')}
            </Button>
          ) : undefined
        }
      />
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('month.label')}</Typography.Text>
        <MonthPicker value={month} onChange={setMonth} />
      </Flex>
      {entries.isError && <QueryError error={entries.error} onRetry={() => void entries.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <RewardsList entries={entries.data ?? []} loading={entries.isPending} />
      </Card>
      {proposing && (
        <RewardFormModal
          consultants={consultants.data ?? []}
          consultantsLoading={consultants.isPending}
          month={month}
          onSubmit={async (body) => {
            const entry = await propose.mutateAsync(body);
            void message.success(t('rewards.proposed'));
            return entry;
          }}
          onClose={() => setProposing(false)}
        />
      )}
    </>
  );
}
