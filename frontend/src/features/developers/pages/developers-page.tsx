import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useDevelopers } from '../api/get-developers';
import { CreateDeveloperModal, EditDeveloperModal } from '../components/developer-form-modal';
import { DevelopersTable } from '../components/developers-table';
import { useDevelopersT } from '../i18n';

export function DevelopersPage() {
  const { t } = useDevelopersT();
  const developers = useDevelopers();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const rows = developers.data ?? [];

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
      {developers.isError && <QueryError error={developers.error} onRetry={() => void developers.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <DevelopersTable developers={rows} loading={developers.isPending} onEdit={(d) => setEditing(d.id)} />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={developers.hasNextPage}
        loading={developers.isFetchingNextPage}
        onLoadMore={() => void developers.fetchNextPage()}
      />
      {creating && <CreateDeveloperModal onClose={() => setCreating(false)} />}
      {editing !== null && <EditDeveloperModal developerId={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
