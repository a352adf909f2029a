import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { LoginForm } from './login-form';

function answer(status: number, body: object, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

async function logIn() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('邮箱'), 'c1@a.demo');
  await user.type(screen.getByLabelText('密码'), 'wrong-password');
  await user.click(screen.getByRole('button', { name: /登\s*录/ }));
}

describe('the login form', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says the e-mail or password is wrong on 401 invalid_credentials', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, { status: 401, title: 'x', code: 'invalid_credentials' })));
    const onSuccess = vi.fn();
    renderWithProviders(
      <MemoryRouter>
        <LoginForm onSuccess={onSuccess} />
      </MemoryRouter>,
    );

    await logIn();

    expect(await screen.findByRole('alert')).toHaveTextContent('邮箱或密码不正确');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('says when to try again on 429, from Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        answer(429, { status: 429, title: 'x', code: 'login_throttled' }, { 'Retry-After': '120' }),
      ),
    );
    renderWithProviders(
      <MemoryRouter>
        <LoginForm onSuccess={() => undefined} />
      </MemoryRouter>,
    );

    await logIn();

    expect(await screen.findByRole('alert')).toHaveTextContent('请在 120 秒后再试');
  });

  it('sends the OAuth2 password form and keeps only the access token', async () => {
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const request = input as Request;
      if (request.url.endsWith('/auth/web/token')) {
        return new Response(
          JSON.stringify({ access_token: 'a1', token_type: 'bearer', expires_in: 900 }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        );
      }
      return new Response(JSON.stringify({ user: {}, organization: {}, memberships: [] }), { status: 200 });
    });
    vi.stubGlobal('fetch', fetch);
    const onSuccess = vi.fn();
    renderWithProviders(
      <MemoryRouter>
        <LoginForm onSuccess={onSuccess} />
      </MemoryRouter>,
    );

    await logIn();

    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    const login = fetch.mock.calls[0]?.[0] as Request;
    expect(login.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(await login.text()).get('username')).toBe('c1@a.demo');
    // Only the access token: the refresh token is an HttpOnly cookie no script can read.
    expect(JSON.parse(window.localStorage.getItem('anchang.auth') ?? 'null')).toEqual({ access_token: 'a1' });
  });
});
