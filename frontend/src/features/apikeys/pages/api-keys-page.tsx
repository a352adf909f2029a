import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card } from 'antd';
import { useMemo, useState } from 'react';
import { LoadMore } from '@/components/load-more';
import { PageHeader } from '@/components/page-header';
import { QueryError } from '@/components/query-error';
import { useErrorMessage } from '@/lib/error-message';
import { useApiKeys, useRevokeApiKey, type ApiKeyCreated } from '../api/api-keys';
import { ApiKeysTable } from '../components/api-keys-table';
import { CreateApiKeyModal } from '../components/create-api-key-modal';
import { SecretModal } from '../components/secret-modal';
import { useApiKeysT } from '../i18n';

/** A project a key may be limited to (the app hands in the organization's). */
export interface ProjectChoice {
  id: string;
  name: string;
}

/** The organization's API keys (admins): make one (its secret shown once), see their use, revoke. */
export function ApiKeysPage({ projects, projectsLoading }: { projects: readonly ProjectChoice[]; projectsLoading: boolean }) {
  const { t } = useApiKeysT();
  const { message } = App.useApp();
  const describe = useErrorMessage();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const names = useMemo(
    () => new Map(projects.map((project) => [project.id, project.name])),
    [projects],
  );
  const rows = keys.data ?? [];
  return (
    <>
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-create">
            {t('create')}
          </Button>
        }
      />
      {keys.isError && <QueryError error={keys.error} onRetry={() => void keys.refetch()} />}
      <Card styles={{ body: { padding: 0 } }}>
        <ApiKeysTable
          keys={rows}
          loading={keys.isPending}
          projectName={(id) => names.get(id) ?? id}
          onRevoke={async (key) => {
            try {
              await revoke.mutateAsync(key.id);
              void message.success(t('revoke.done'));
            } catch (error) {
              void message.error(describe(error));
            }
          }}
        />
      </Card>
      <LoadMore
        loaded={rows.length}
        hasMore={keys.hasNextPage}
        loading={keys.isFetchingNextPage}
        onLoadMore={() => void keys.fetchNextPage()}
      />
      {creating && (
        <CreateApiKeyModal
          projects={projects}
          projectsLoading={projectsLoading}
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      )}
      {created && <SecretModal created={created} onClose={() => setCreated(null)} />}
    </>
  );
}
