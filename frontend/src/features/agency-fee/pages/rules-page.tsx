import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Skeleton } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useAgencyFeeRules, useProposeRule, type AgencyFeeRuleCreate } from '../api/rules';
import { RuleCard } from '../components/rule-card';
import { RuleFormModal } from '../components/rule-form-modal';
import { useAgencyFeeT } from '../i18n';

/** The project's agency-fee rule versions, newest first; project managers propose the next one here. */
export function RulesPage({ projectId, projectName, canPropose }: { projectId: string; projectName: string; canPropose: boolean }) {
  const { t } = useAgencyFeeT();
  const { message } = App.useApp();
  const rules = useAgencyFeeRules(projectId);
  const propose = useProposeRule(projectId);
  const [proposing, setProposing] = useState(false);

  const submit = async (body: AgencyFeeRuleCreate) => {
    await propose.mutateAsync(body);
    setProposing(false);
    void message.success(t('form.proposed'));
  };

  return (
    <>
      <PageHeader
        title={t('rules.title')}
        subtitle={`${projectName} · ${t('rules.subtitle')}`}
        extra={
          canPropose && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)} data-testid="propose-rule">
              {t('rules.propose')}
            </Button>
          )
        }
      />
      {rules.isError && <QueryError error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.isPending && <Skeleton active />}
      {rules.data?.length === 0 && <Empty description={t('rules.empty')} />}
      <Flex vertical gap={12}>
        {rules.data?.map((rule) => <RuleCard key={rule.id} rule={rule} />)}
      </Flex>
      {proposing && <RuleFormModal onSubmit={submit} onCancel={() => setProposing(false)} />}
    </>
  );
}
