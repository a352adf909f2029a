import { PagedListPage } from '@/components/paged-list-page';
import { useDevelopers } from '../api/get-developers';
import { CreateDeveloperModal, EditDeveloperModal } from '../components/developer-form-modal';
import { DevelopersTable } from '../components/developers-table';
import { useDevelopersT } from '../i18n';

export function DevelopersPage() {
  const { t } = useDevelopersT();
  return (
    <PagedListPage
      title={t('title')}
      subtitle={t('subtitle')}
      createLabel={t('create')}
      query={useDevelopers()}
      table={(rows, loading, onEdit) => <DevelopersTable developers={rows} loading={loading} onEdit={onEdit} />}
      createModal={(onClose) => <CreateDeveloperModal onClose={onClose} />}
      editModal={(id, onClose) => <EditDeveloperModal developerId={id} onClose={onClose} />}
    />
  );
}
