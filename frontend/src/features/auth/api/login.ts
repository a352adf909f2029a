import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type TokenPair } from '@/api/client';
import { tokenStore } from '@/lib/auth-tokens';
import { getMeQueryOptions } from './get-me';

export interface LoginInput {
  email: string;
  password: string;
}

/** OAuth2 password form: the e-mail goes in `username`. */
export function login({ email, password }: LoginInput): Promise<TokenPair> {
  return unwrap(
    api.POST('/api/v1/auth/token', {
      body: { username: email, password, scope: '' },
      bodySerializer: (body) => new URLSearchParams({ username: body.username, password: body.password }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (pair) => {
      queryClient.clear(); // nothing of a previous login may show
      tokenStore.write({ access_token: pair.access_token, refresh_token: pair.refresh_token });
      await queryClient.prefetchQuery(getMeQueryOptions());
    },
  });
}
