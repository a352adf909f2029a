import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '@/api/client';
import { tokenStore } from '@/lib/auth-tokens';

/**
 * Ends the login on the server: its refresh tokens stop working and the cookie is removed.
 * Offline, the server forgets it by expiry.
 */
export async function logout(): Promise<void> {
  try {
    await api.POST('/api/v1/auth/web/logout');
  } catch {
    // offline: forgotten here all the same
  }
}

/** Logs out and lands on a plain login page (not one that returns to where the last user was). */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      navigate('/login', { replace: true });
      tokenStore.clear();
      queryClient.clear();
    },
  });
}
