import { describe, expect, it } from 'vitest';
import { PROJECT_ROLES } from '@/lib/roles';
import { NAV_ITEMS, navKeyForPath, visibleNavItems } from './navigation';

const keys = (role: Parameters<typeof visibleNavItems>[0]) => visibleNavItems(role).map((item) => item.key);

describe('the menu follows the role in the selected project', () => {
  it('shows admins the Admin section', () => {
    expect(keys('admin')).toEqual(['home', 'members', 'users', 'projects', 'developers']);
  });

  it('shows project managers the members but not the Admin section', () => {
    expect(keys('project_manager')).toEqual(['home', 'members']);
  });

  it.each(['site_manager', 'supervisor', 'consultant', 'finance', 'developer_rep'] as const)(
    'shows a %s only Home',
    (role) => {
      expect(keys(role)).toEqual(['home']);
    },
  );

  it('shows someone with no role in any project only Home', () => {
    expect(keys(null)).toEqual(['home']);
  });

  it('names only roles the API knows', () => {
    for (const item of NAV_ITEMS) {
      for (const role of item.roles ?? []) expect(PROJECT_ROLES).toContain(role);
    }
  });

  it('finds the entry of a nested path', () => {
    expect(navKeyForPath('/')).toBe('home');
    expect(navKeyForPath('/admin/projects/123')).toBe('projects');
    expect(navKeyForPath('/admin/users')).toBe('users');
    expect(navKeyForPath('/nowhere')).toBeUndefined();
  });
});
