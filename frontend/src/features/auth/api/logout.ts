import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { tokenStore } from '@/lib/auth-tokens';

/** Ends the login on the server (its refresh tokens die), then forgets it here whatever the answer. */
export async function logout(): Promise<void> {
  const refreshToken = tokenStore.read()?.refresh_token;
  try {
    await api.POST('/api/v1/auth/logout', { body: refreshToken ? { refresh_token: refreshToken } : {} });
  } catch {
    // offline: the tokens are dropped below anyway
  }
  tokenStore.clear();
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => queryClient.clear(),
  });
}
