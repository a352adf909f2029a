import { ApiKeysPage } from '@/features/apikeys/pages/api-keys-page';
import { useProjects } from '@/features/projects/api/get-projects';

/** The API keys page, with the organization's projects a key may be limited to. */
export function ApiKeysRoute() {
  const projects = useProjects({ limit: 200 });
  return <ApiKeysPage projects={projects.data ?? []} projectsLoading={projects.isPending} />;
}
