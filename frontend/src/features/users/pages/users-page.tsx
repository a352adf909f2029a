import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useUsers } from '../api/get-users';
import { CreateUserModal, EditUserModal } from '../components/user-form-modal';
import { UsersTable } from '../components/users-table';
import { useUsersT } from '../i18n';

export function UsersPage() {
  const { t } = useUsersT();
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const rows = users.data ?? [];

  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('create')}
          </Button>
        }
      />
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <UsersTable users={rows} loading={users.isPending} onEdit={(user) => setEditing(user.id)} />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={users.hasNextPage}
        loading={users.isFetchingNextPage}
        onLoadMore={() => void users.fetchNextPage()}
      />
      {creating && <CreateUserModal onClose={() => setCreating(false)} />}
      {editing !== null && <EditUserModal userId={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
