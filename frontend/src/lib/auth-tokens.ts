/**
 * The login's access token, kept in localStorage so every tab shares one login (the refresh token
 * is an HttpOnly cookie; tabs take turns refreshing through a Web Lock, see `api/client.ts`).
 * Components follow it with `useAuthTokens()`; logging out in one tab logs out the others.
 */
import { useSyncExternalStore } from 'react';
import type { StoredTokens, TokenStorage } from '@/api/client';

const KEY = 'anchang.auth';

type Listener = () => void;

export interface TokenStore extends TokenStorage {
  subscribe(listener: Listener): () => void;
}

function parse(raw: string | null): StoredTokens | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredTokens>;
    return typeof value.access_token === 'string' ? { access_token: value.access_token } : null;
  } catch {
    return null;
  }
}

export function createTokenStore(storage: Storage = window.localStorage): TokenStore {
  const listeners = new Set<Listener>();
  let cachedRaw: string | null = null;
  let cached: StoredTokens | null = null;
  const notify = () => listeners.forEach((listener) => listener());

  window.addEventListener('storage', (event) => {
    if (event.key === KEY || event.key === null) notify();
  });

  return {
    read() {
      // Always from storage (another tab may have refreshed), with a stable object for React.
      const raw = storage.getItem(KEY);
      if (raw !== cachedRaw) {
        cachedRaw = raw;
        cached = parse(raw);
      }
      return cached;
    },
    write(pair) {
      storage.setItem(KEY, JSON.stringify(pair));
      notify();
    },
    clear() {
      if (storage.getItem(KEY) === null) return;
      storage.removeItem(KEY);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const tokenStore = createTokenStore();

/** True while a login is held; re-renders when it starts or ends (in this tab or another). */
export function useIsLoggedIn(): boolean {
  return useSyncExternalStore(tokenStore.subscribe, () => tokenStore.read() !== null);
}
