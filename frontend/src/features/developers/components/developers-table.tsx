import { Button, Table } from 'antd';
import { useCommonT } from '@/i18n';
import { formatDateTime } from '@/lib/format';
import type { Developer } from '../api/get-developers';
import { useDevelopersT } from '../i18n';

export function DevelopersTable({
  developers,
  loading,
  onEdit,
}: {
  developers: readonly Developer[];
  loading: boolean;
  onEdit: (developer: Developer) => void;
}) {
  const { t } = useDevelopersT();
  const common = useCommonT().t;
  const orDash = (value: string | null) => value ?? '—';
  return (
    <Table<Developer>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...developers]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('fields.name'), dataIndex: 'name' },
        { title: t('fields.contactName'), dataIndex: 'contact_name', render: orDash },
        { title: t('fields.contactPhone'), dataIndex: 'contact_phone', render: orDash },
        { title: common('table.createdAt'), dataIndex: 'created_at', render: formatDateTime },
        {
          title: common('table.actions'),
          key: 'actions',
          fixed: 'right',
          render: (_, developer) => (
            <Button type="link" size="small" onClick={() => onEdit(developer)}>
              {common('actions.edit')}
            </Button>
          ),
        },
      ]}
    />
  );
}
