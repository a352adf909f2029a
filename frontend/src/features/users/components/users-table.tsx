import { Button, Table, Tag } from 'antd';
import { useCommonT } from '@/i18n';
import { formatDateTime } from '@/lib/format';
import type { User } from '../api/get-users';
import { useUsersT } from '../i18n';

export function UsersTable({
  users,
  loading,
  onEdit,
}: {
  users: readonly User[];
  loading: boolean;
  onEdit?: (user: User) => void;
}) {
  const { t } = useUsersT();
  const common = useCommonT().t;
  return (
    <Table<User>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...users]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('fields.fullName'), dataIndex: 'full_name' },
        { title: t('fields.email'), dataIndex: 'email' },
        { title: t('fields.phone'), dataIndex: 'phone', render: (phone: string | null) => phone ?? '—' },
        {
          title: t('fields.isAdmin'),
          dataIndex: 'is_admin',
          render: (admin: boolean) => (admin ? <Tag color="blue">{common('status.yes')}</Tag> : common('status.no')),
        },
        {
          title: t('fields.isActive'),
          dataIndex: 'is_active',
          render: (active: boolean) =>
            active ? <Tag color="green">{common('status.active')}</Tag> : <Tag>{common('status.inactive')}</Tag>,
        },
        { title: common('table.createdAt'), dataIndex: 'created_at', render: formatDateTime },
        ...(onEdit
          ? [
              {
                title: common('table.actions'),
                key: 'actions',
                fixed: 'right' as const,
                render: (_: unknown, user: User) => (
                  <Button type="link" size="small" onClick={() => onEdit(user)}>
                    {common('actions.edit')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
