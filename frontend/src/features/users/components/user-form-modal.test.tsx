import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { CreateUserModal } from './user-form-modal';

function problem(status: number, body: object): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Problem', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

async function fillAndSave() {
  const user = userEvent.setup();
  const dialog = await screen.findByRole('dialog');
  await user.type(within(dialog).getByLabelText('姓名'), '王小明');
  await user.type(within(dialog).getByLabelText('邮箱'), 'wang@a.demo');
  await user.type(within(dialog).getByLabelText('密码'), 'secret-password');
  await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
  return dialog;
}

describe('the create-user form', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts a 422 field error on its field, not in a toast', async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL) =>
      problem(422, {
        code: 'validation_error',
        detail: 'phone: bad',
        errors: [{ field: 'full_name', message: 'String should have at most 100 characters' }],
      }),
    );
    vi.stubGlobal('fetch', fetch);
    const onClose = vi.fn();
    renderWithProviders(<CreateUserModal onClose={onClose} />);

    const dialog = await fillAndSave();

    expect(await within(dialog).findByText('String should have at most 100 characters')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
    const request = fetch.mock.calls[0]?.[0] as unknown as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/users');
  });

  it('puts a taken e-mail (409 email_taken) on the e-mail field', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(409, { code: 'email_taken', detail: 'wang@a.demo is already a user' })),
    );
    renderWithProviders(<CreateUserModal onClose={() => undefined} />);

    const dialog = await fillAndSave();

    expect(await within(dialog).findByText('wang@a.demo is already a user')).toBeInTheDocument();
  });

  it('shows what no field explains above the form', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(403, { code: 'forbidden', detail: 'Only admins' })));
    renderWithProviders(<CreateUserModal onClose={() => undefined} />);

    const dialog = await fillAndSave();

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('你没有权限执行此操作');
  });
});
