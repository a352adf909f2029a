import { Select } from 'antd';
import { useProjectsT } from '../i18n';
import type { Project } from '../api/get-projects';

/** The project the app works in; the choice is kept by whoever renders this. */
export function ProjectSwitcher({
  projects,
  value,
  onChange,
  loading,
  compact = false,
}: {
  projects: readonly Project[];
  value: string | null;
  onChange: (projectId: string) => void;
  loading?: boolean;
  compact?: boolean;
}) {
  const { t } = useProjectsT();
  return (
    <Select
      aria-label={t('switcher')}
      value={value ?? undefined}
      onChange={onChange}
      loading={loading}
      showSearch={projects.length > 8}
      optionFilterProp="label"
      popupMatchSelectWidth={false}
      style={{ width: compact ? '100%' : 260, minWidth: 0, maxWidth: compact ? 180 : 320 }}
      options={projects.map((project) => ({
        value: project.id,
        label: compact ? project.name : `${project.name} · ${project.code}`,
      }))}
    />
  );
}
