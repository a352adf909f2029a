import { describe, expect, it } from 'vitest';
import { PROJECT_ROLES } from '@/lib/roles';
import { NAV_ITEMS, navKeyForPath, visibleNavItems } from './navigation';

const keys = (role: Parameters<typeof visibleNavItems>[0]) => visibleNavItems(role).map((item) => item.key);

describe('the menu follows the role in the selected project', () => {
  it('shows admins the Admin section', () => {
    expect(keys('admin')).toEqual([
      'home',
      'board',
      'priceLists',
      'unitImport',
      'approvals',
      'members',
      'users',
      'projects',
      'developers',
    ]);
  });

  it('shows project managers the members but not the Admin section', () => {
    expect(keys('project_manager')).toEqual(['home', 'board', 'priceLists', 'unitImport', 'approvals', 'members']);
  });

  it('shows site managers prices, imports and approvals', () => {
    expect(keys('site_manager')).toEqual(['home', 'board', 'priceLists', 'unitImport', 'approvals']);
  });

  it.each(['supervisor', 'developer_rep'] as const)('shows a %s the board and the approvals', (role) => {
    expect(keys(role)).toEqual(['home', 'board', 'approvals']);
  });

  it.each(['consultant', 'finance'] as const)('shows a %s the board', (role) => {
    expect(keys(role)).toEqual(['home', 'board']);
  });

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
    expect(navKeyForPath('/units/import')).toBe('unitImport');
    expect(navKeyForPath('/nowhere')).toBeUndefined();
  });
});
