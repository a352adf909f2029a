import { describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, unwrap, type StoredTokens, type TokenStorage } from './client';

const BASE = 'http://anchang.test';

function memoryTokens(initial: StoredTokens | null): TokenStorage & { current: StoredTokens | null } {
  const store = {
    current: initial,
    read: () => store.current,
    write: (pair: StoredTokens) => {
      store.current = pair;
    },
    clear: () => {
      store.current = null;
    },
  };
  return store;
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

const expired = () =>
  json(401, { type: 't', title: 'Token expired', status: 401, code: 'token_expired' }, 'application/problem+json');

const me = { user: { id: 'u1' }, organization: { id: 'o1' }, memberships: [] };

/** A fake API: /auth/web/refresh answers with `refresh`, every other path accepts only `valid` tokens. */
function fakeServer({ valid, refresh }: { valid: string; refresh: () => Response | Promise<Response> }) {
  const calls: { path: string; auth: string | null }[] = [];
  const refreshes: { credentials: RequestCredentials; body: string }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    calls.push({ path, auth: request.headers.get('Authorization') });
    if (path === '/api/v1/auth/web/refresh') {
      refreshes.push({ credentials: request.credentials, body: await request.text() });
      return refresh();
    }
    return request.headers.get('Authorization') === `Bearer ${valid}` ? json(200, me) : expired();
  });
  return { fetch, calls, refreshes };
}

describe('the API client', () => {
  it('refreshes on a 401 and retries the request once with the new access token', async () => {
    const tokens = memoryTokens({ access_token: 'old' });
    const server = fakeServer({
      valid: 'new',
      refresh: () => json(200, { access_token: 'new', token_type: 'bearer', expires_in: 900 }),
    });
    const client = createApiClient({ baseUrl: BASE, tokens, fetch: server.fetch });

    const data = await unwrap(client.GET('/api/v1/me'));

    expect(data).toEqual(me);
    expect(server.calls).toEqual([
      { path: '/api/v1/me', auth: 'Bearer old' },
      { path: '/api/v1/auth/web/refresh', auth: null },
      { path: '/api/v1/me', auth: 'Bearer new' },
    ]);
    expect(tokens.current).toEqual({ access_token: 'new' });
    // The refresh token is the browser's HttpOnly cookie: no body, same-origin credentials.
    expect(server.refreshes).toEqual([{ credentials: 'same-origin', body: '' }]);
  });

  it('shares one refresh between concurrent requests (the refresh token is spent only once)', async () => {
    const tokens = memoryTokens({ access_token: 'old' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = fakeServer({
      valid: 'new',
      refresh: async () => {
        await gate;
        return json(200, { access_token: 'new', token_type: 'bearer', expires_in: 900 });
      },
    });
    const client = createApiClient({ baseUrl: BASE, tokens, fetch: server.fetch });

    const all = Promise.all([
      unwrap(client.GET('/api/v1/me')),
      unwrap(client.GET('/api/v1/users')),
      unwrap(client.GET('/api/v1/projects')),
    ]);
    await vi.waitFor(() => expect(server.calls.filter((c) => c.path === '/api/v1/auth/web/refresh')).toHaveLength(1));
    release();
    await all;

    expect(server.calls.filter((c) => c.path === '/api/v1/auth/web/refresh')).toHaveLength(1);
    expect(server.calls.filter((c) => c.auth === 'Bearer new')).toHaveLength(3);
  });

  it('gives up after one retry, and ends the login when the refresh token is refused', async () => {
    const tokens = memoryTokens({ access_token: 'old' });
    const server = fakeServer({
      valid: 'never',
      refresh: () =>
        json(401, { title: 'reused', status: 401, code: 'refresh_token_reused' }, 'application/problem+json'),
    });
    const client = createApiClient({ baseUrl: BASE, tokens, fetch: server.fetch });

    const error = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(server.calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/auth/web/refresh']);
    expect(tokens.current).toBeNull();
  });

  it('does not retry a second time when the retried request is refused too', async () => {
    const tokens = memoryTokens({ access_token: 'old' });
    const server = fakeServer({
      valid: 'never',
      refresh: () => json(200, { access_token: 'new', token_type: 'bearer', expires_in: 900 }),
    });
    const client = createApiClient({ baseUrl: BASE, tokens, fetch: server.fetch });

    const error = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e);

    expect((error as ApiError).code).toBe('token_expired');
    expect(server.calls.map((c) => c.path)).toEqual(['/api/v1/me', '/api/v1/auth/web/refresh', '/api/v1/me']);
  });

  it('turns problem+json into an ApiError with its code, field errors and Retry-After', async () => {
    const tokens = memoryTokens(null);
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            type: 'https://anchang.dev/problems/login_throttled',
            title: 'Too many failed logins',
            status: 429,
            detail: 'try again in 30 s',
            code: 'login_throttled',
            errors: [{ field: 'username', message: 'x' }],
          }),
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } },
        ),
    );
    const client = createApiClient({ baseUrl: BASE, tokens, fetch });

    const error = (await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e)) as ApiError;

    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('login_throttled');
    expect(error.retryAfter).toBe(30);
    expect(error.fieldErrors).toEqual([{ field: 'username', message: 'x' }]);
    expect(fetch).toHaveBeenCalledTimes(1); // no token, no refresh
  });
});
