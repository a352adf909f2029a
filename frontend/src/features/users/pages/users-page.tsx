import { PagedListPage } from '@/components/paged-list-page';
import { useUsers } from '../api/get-users';
import { CreateUserModal, EditUserModal } from '../components/user-form-modal';
import { UsersTable } from '../components/users-table';
import { useUsersT } from '../i18n';

export function UsersPage() {
  const { t } = useUsersT();
  return (
    <PagedListPage
      title={t('title')}
      subtitle={t('subtitle')}
      createLabel={t('create')}
      query={useUsers()}
      table={(rows, loading, onEdit) => <UsersTable users={rows} loading={loading} onEdit={onEdit} />}
      createModal={(onClose) => <CreateUserModal onClose={onClose} />}
      editModal={(id, onClose) => <EditUserModal userId={id} onClose={onClose} />}
    />
  );
}
