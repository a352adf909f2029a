import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { MembersPanel } from './members-panel';

const PROJECT = '11111111-1111-4111-8111-111111111111';

function member(id: string, role: string, name: string, grade: string | null) {
  return {
    id,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 2,
    project_id: PROJECT,
    user_id: `${id}-user`,
    role,
    grade,
    supervisor_id: null as string | null,
    user: { id: `${id}-user`, email: `${name}@a.demo`, full_name: name },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("a consultant's grade on the members page", () => {
  it('is set by a manager for consultants only, sent with the row version', async () => {
    const patched: { body: unknown; ifMatch: string | null }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input as Request;
        if (request.method === 'PATCH') {
          patched.push({ body: await request.json(), ifMatch: request.headers.get('If-Match') });
          return new Response(JSON.stringify(member('m1', 'consultant', '陈一', 'senior')), { status: 200, headers: { 'Content-Type': 'application/json' } });
        }
        const items = [member('m1', 'consultant', '陈一', 'mid'), member('m2', 'supervisor', '张伟', null)];
        return new Response(JSON.stringify({ items, next_cursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    renderWithProviders(<MembersPanel projectId={PROJECT} canManage userOptions={[]} />);
    const grade = await screen.findByRole('combobox', { name: '职级 陈一' });
    expect(screen.queryByRole('combobox', { name: '职级 张伟' })).not.toBeInTheDocument();
    await userEvent.click(grade);
    await userEvent.click(await screen.findByTitle('高级'));
    await waitFor(() => expect(patched).toEqual([{ body: { grade: 'senior' }, ifMatch: '"v2"' }]));
  });
});

describe("a consultant's team on the members page", () => {
  it('is one of the project supervisors, chosen by a manager', async () => {
    const patched: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const request = input as Request;
        if (request.method === 'PATCH') {
          patched.push(await request.json());
          return new Response(JSON.stringify({ ...member('m1', 'consultant', '陈一', null), supervisor_id: 'm2-user' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
        }
        const items = [member('m1', 'consultant', '陈一', null), member('m2', 'supervisor', '张伟', null)];
        return new Response(JSON.stringify({ items, next_cursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    renderWithProviders(<MembersPanel projectId={PROJECT} canManage userOptions={[]} />);
    const team = await screen.findByRole('combobox', { name: '所属主管 陈一' });
    expect(screen.queryByRole('combobox', { name: '所属主管 张伟' })).not.toBeInTheDocument();
    await userEvent.click(team);
    await userEvent.click(await screen.findByTitle('张伟'));
    await waitFor(() => expect(patched).toEqual([{ supervisor_id: 'm2-user' }]));
  });
});
