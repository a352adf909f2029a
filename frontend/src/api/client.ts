/**
 * The one way the app reaches the API: an openapi-fetch client typed from `schema.d.ts`, with
 * - a bearer header from the token storage on every call,
 * - a silent refresh on 401: one refresh at a time, shared by every request that failed meanwhile,
 *   after which each of them is retried once with the new access token. The refresh token is an
 *   HttpOnly cookie the browser sends to /auth/web/refresh by itself: no script ever holds it,

 * - `ApiError` for problem+json answers (see `unwrap`).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { tokenStore } from '@/lib/auth-tokens';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];
export type AccessToken = Schemas['AccessToken'];

/** What the app keeps of a login: the short-lived access token (the refresh token is a cookie). */
export interface StoredTokens {
  access_token: string;
}

/** Where the token lives; `read` must return the latest (another tab may have refreshed it). */
export interface TokenStorage {
  read(): StoredTokens | null;
  write(pair: StoredTokens): void;
  clear(): void;
}

/** Runs `task` exclusively across tabs (Web Locks) so two tabs never spend the same refresh cookie. */
export type RefreshLock = <T>(task: () => Promise<T>) => Promise<T>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | null;
  readonly fieldErrors: FieldError[];
  readonly headers: Headers;
  /** The problem's other members (e.g. `owner` of a 409 customer_owned_by_other). */
  readonly extras: Readonly<Record<string, unknown>>;

  constructor(status: number, problem: Partial<Problem> | null, headers: Headers = new Headers()) {
    const title = problem?.title ?? `HTTP ${status}`;
    super(problem?.detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? `http_${status}`;
    this.title = title;
    this.detail = problem?.detail ?? null;
    this.fieldErrors = problem?.errors ?? [];
    this.headers = headers;
    this.extras = problem ?? {};
  }

  /** Seconds to wait from a 429's Retry-After, if any. */
  get retryAfter(): number | null {
    const value = Number(this.headers.get('Retry-After'));
    return Number.isFinite(value) && value > 0 ? value : null;
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    const problem = isProblem(body) ? body : null;
    return new ApiError(response.status, problem, response.headers);
  }
}

function isProblem(body: unknown): body is Partial<Problem> {
  return typeof body === 'object' && body !== null && ('code' in body || 'title' in body);
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

interface Answer<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The body of a successful call; any other status becomes an `ApiError`. */
export async function unwrap<D>(call: Promise<Answer<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.fromResponse(response, error);
  return data as D;
}

/** Like `unwrap`, with the ETag of a single resource (send it back as `If-Match` when changing it). */
export async function unwrapWithEtag<D>(call: Promise<Answer<D>>): Promise<{ data: D; etag: string | null }> {
  const answer = await call;
  const data = await unwrap(Promise.resolve(answer));
  return { data, etag: answer.response.headers.get('ETag') };
}

const AUTH_PATHS = new Set(['/api/v1/auth/web/token', '/api/v1/auth/web/refresh']);
const REFRESH_PATH = '/api/v1/auth/web/refresh';

export interface ApiClientOptions {
  /** Origin of the API, e.g. `https://anchang.example` (the paths carry `/api/v1`). */
  baseUrl: string;
  tokens: TokenStorage;
  fetch?: typeof globalThis.fetch;
  lock?: RefreshLock;
}

function bearerOf(request: Request): string | null {
  const header = request.headers.get('Authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

export function createApiClient({ baseUrl, tokens, fetch, lock }: ApiClientOptions) {
  const send: typeof globalThis.fetch = fetch ?? ((input, init) => globalThis.fetch(input, init));
  const exclusive: RefreshLock = lock ?? ((task) => task());
  let refreshing: Promise<string | null> | null = null;
  const retryable = new Map<string, Request>();

  /** A fresh access token, or null when the login is over (tokens cleared) or the refresh failed. */
  async function refresh(staleAccess: string): Promise<string | null> {
    const current = tokens.read();
    if (current === null) return null;
    // Someone (another request, another tab) already refreshed since this request went out.
    if (current.access_token !== staleAccess) return current.access_token;
    let response: Response;
    try {
      // No body: the refresh token is the HttpOnly cookie, sent along by the browser (same origin).
      response = await send(new Request(`${baseUrl}${REFRESH_PATH}`, { method: 'POST', credentials: 'same-origin' }));
    } catch {
      return null; // offline: keep the login, the original 401 stands
    }
    if (response.status === 401 || response.status === 400 || response.status === 422) {
      tokens.clear(); // the refresh cookie is missing, spent, expired or revoked: log in again
      return null;
    }
    if (!response.ok) return null;
    const fresh = (await response.json()) as AccessToken;
    tokens.write({ access_token: fresh.access_token });
    return fresh.access_token;
  }

  function sharedRefresh(staleAccess: string): Promise<string | null> {
    refreshing ??= exclusive(() => refresh(staleAccess)).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  const auth: Middleware = {
    onRequest({ request, schemaPath, id }) {
      if (AUTH_PATHS.has(schemaPath)) return undefined;
      const access = tokens.read()?.access_token;
      if (access) request.headers.set('Authorization', `Bearer ${access}`);
      retryable.set(id, request.clone());
      return request;
    },
    async onResponse({ response, schemaPath, id, options }) {
      const original = retryable.get(id);
      retryable.delete(id);
      if (response.status !== 401 || original === undefined || AUTH_PATHS.has(schemaPath)) return undefined;
      const sent = bearerOf(original);
      if (sent === null) return undefined; // was not logged in: nothing to refresh
      const access = await sharedRefresh(sent);
      if (access === null) return undefined;
      const retry = new Request(original);
      retry.headers.set('Authorization', `Bearer ${access}`);
      return options.fetch(retry); // once: the retry's answer is final
    },
    onError({ id }) {
      retryable.delete(id);
      return undefined;
    },
  };

  const client = createClient<paths>({ baseUrl, fetch: send });
  client.use(auth);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** Cross-tab exclusion through the Web Locks API where the browser has it. */
export const webLock: RefreshLock = <T,>(task: () => Promise<T>): Promise<T> =>
  typeof navigator !== 'undefined' && 'locks' in navigator && navigator.locks
    ? (navigator.locks.request('anchang-token-refresh', task) as Promise<T>)
    : task();

/** The app's client: `api.GET('/api/v1/projects', …)`, used only by the features' query modules. */
export const api = createApiClient({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  tokens: tokenStore,
  lock: webLock,
});
