import { Alert, Button, Result, Skeleton } from 'antd';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import type { ProjectRole } from '@/lib/roles';
import { useUnit } from '../api/get-unit';
import { DealWizard } from '../components/deal-wizard';
import { useDealsT } from '../i18n';
import { formatMoney } from '@/lib/money';

/** /deals/new?unit_id=…: the subscription wizard for one unit, reached from the board's unit drawer. */
export function DealWizardPage({
  projectId,
  unitId,
  role,
  onOpenDeal,
  onOpenBoard,
}: {
  projectId: string;
  unitId: string | null;
  role: ProjectRole | null;
  onOpenDeal: (dealId: string) => void;
  onOpenBoard: () => void;
}) {
  const { t } = useDealsT();
  const unit = useUnit(unitId);
  if (!unitId) {
    return (
      <>
        <PageHeader title={t('wizard.title')} />
        <Result
          status="info"
          title={t('wizard.noUnit')}
          extra={
            <Button type="primary" onClick={onOpenBoard}>
              {t('wizard.openBoard')}
            </Button>
          }
        />
      </>
    );
  }
  if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
  if (unit.data === undefined) return <Skeleton active />;
  const u = unit.data;
  const open = u.status === 'available' || u.status === 'reserved' || u.status === 'unreleased';
  return (
    <>
      <PageHeader title={t('wizard.title')} subtitle={t('wizard.subtitle', { code: u.code, price: formatMoney(u.list_price) })} />
      {!open && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('wizard.unitTaken', { code: u.code })}
          action={<Button size="small" onClick={onOpenBoard}>{t('wizard.openBoard')}</Button>}
        />
      )}
      <DealWizard key={u.id} projectId={projectId} unit={u} role={role} onOpenDeal={onOpenDeal} onOpenBoard={onOpenBoard} />
    </>
  );
}
