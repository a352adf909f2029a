import { Flex } from 'antd';
import type { MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Brand } from '@/components/brand';
import { LanguageSwitch } from '@/components/language-switch';
import { AppLayout } from '@/components/layout/app-layout';
import { UserMenu } from '@/features/auth/components/user-menu';
import { ProjectSwitcher } from '@/features/projects/components/project-switcher';
import { useCommonT } from '@/i18n';
import { useCurrentProject } from './use-current-project';
import { NAV_ITEMS, NAV_SECTIONS, navKeyForPath, visibleNavItems } from './navigation';

export function AppShell() {
  const { t } = useCommonT();
  const navigate = useNavigate();
  const location = useLocation();
  const { projects, project, role, selectProject, projectsLoading } = useCurrentProject();
  const visible = visibleNavItems(role);

  const items: NonNullable<MenuProps['items']> = [];
  for (const item of visible.filter((entry) => entry.section === undefined)) {
    items.push({ key: item.key, icon: <item.icon />, label: t(item.label) });
  }
  for (const section of NAV_SECTIONS) {
    const children = visible.filter((entry) => entry.section === section.key);
    if (children.length === 0) continue;
    items.push({
      key: section.key,
      icon: <section.icon />,
      label: t(section.label),
      children: children.map((item) => ({ key: item.key, icon: <item.icon />, label: t(item.label) })),
    });
  }

  return (
    <AppLayout
      brand={<Brand name={t('app.name')} />}
      compactBrand={<Brand name={t('app.name')} iconOnly />}
      menuLabel={t('header.menu')}
      menuItems={items}
      selectedKey={navKeyForPath(location.pathname)}
      onNavigate={(key) => {
        const target = NAV_ITEMS.find((item) => item.key === key);
        if (target) navigate(target.path);
      }}
      headerStart={(narrow) => (
        <ProjectSwitcher
          projects={projects}
          value={project?.id ?? null}
          onChange={selectProject}
          loading={projectsLoading}
          compact={narrow}
        />
      )}
      headerEnd={(narrow) => (
        <Flex align="center" gap={narrow ? 4 : 12}>
          <LanguageSwitch compact={narrow} />
          <UserMenu compact={narrow} />
        </Flex>
      )}
    >
      <Outlet />
    </AppLayout>
  );
}
