import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Skeleton } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useCommissionPlans, useProposePlan, type CommissionPlanCreate } from '../api/plans';
import { PlanCard } from '../components/plan-card';
import { PlanFormModal } from '../components/plan-form-modal';
import { useCommissionT } from '../i18n';

/** The project's commission plan versions, newest first; project managers propose the next one here. */
export function PlansPage({ projectId, projectName, canPropose }: { projectId: string; projectName: string; canPropose: boolean }) {
  const { t } = useCommissionT();
  const { message } = App.useApp();
  const plans = useCommissionPlans(projectId);
  const propose = useProposePlan(projectId);
  const [proposing, setProposing] = useState(false);

  const submit = async (body: CommissionPlanCreate) => {
    await propose.mutateAsync(body);
    setProposing(false);
    void message.success(t('planForm.proposed'));
  };

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={`${projectName} · ${t('plans.subtitle')}`}
        extra={
          canPropose && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose-plan">
              {t('plans.propose')}
            </Button>
          )
        }
      />
      {plans.isError && <QueryError error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.isPending && <Skeleton active />}
      {plans.data?.length === 0 && <Empty description={t('plans.empty')} />}
      <Flex vertical gap={12}>
        {plans.data?.map((plan) => <PlanCard key={plan.id} plan={plan} />)}
      </Flex>
      {proposing && <PlanFormModal onSubmit={submit} onCancel={() => setProposing(false)} />}
    </>
  );
}
