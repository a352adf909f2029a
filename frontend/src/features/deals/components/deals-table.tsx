import { Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DealSummary } from '../api/get-deals';
import { useUnit } from '../api/get-unit';
import { useDealsT } from '../i18n';
import { DealStatusTag } from './deal-status-tag';
import { MoneyText } from './money-text';

function UnitCode({ unitId, dealId }: { unitId: string; dealId: string }) {
  const unit = useUnit(unitId);
  return (
    <Link to={`/deals/${dealId}`} data-testid="deal-link">
      {unit.data?.code ?? '…'}
    </Link>
  );
}

export function DealsTable({ deals, loading, names }: { deals: readonly DealSummary[]; loading: boolean; names: Record<string, string> }) {
  const { t } = useDealsT();
  return (
    <Table<DealSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...deals]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('list.empty') }}
      columns={[
        { title: t('fields.unit'), key: 'unit', fixed: 'left', render: (_: unknown, d: DealSummary) => <UnitCode unitId={d.unit_id} dealId={d.id} /> },
        { title: t('fields.status'), dataIndex: 'status', render: (s: DealSummary['status']) => <DealStatusTag status={s} /> },
        { title: t('fields.finalPrice'), dataIndex: 'final_price', align: 'right', render: (a: string) => <MoneyText value={a} strong /> },
        { title: t('fields.method'), dataIndex: 'payment_method', render: (m: DealSummary['payment_method']) => t(`methods.${m}`) },
        { title: t('fields.subscribedOn'), dataIndex: 'subscribed_on' },
        { title: t('fields.contractNumber'), dataIndex: 'contract_number', render: (n: string | null) => n ?? <Typography.Text type="secondary">—</Typography.Text> },
        { title: t('fields.consultant'), dataIndex: 'consultant_id', render: (id: string | null) => (id ? (names[id] ?? '—') : '—') },
      ]}
    />
  );
}
