import type { ApiKey } from './api/api-keys';

export type KeyState = 'active' | 'revoked' | 'expired';

/** Whether a key still works: revoked wins over expired. */
export function keyState(key: Pick<ApiKey, 'revoked_at' | 'expires_at'>, now: Date = new Date()): KeyState {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && new Date(key.expires_at) <= now) return 'expired';
  return 'active';
}
