import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type AccessToken } from '@/api/client';
import { tokenStore } from '@/lib/auth-tokens';
import { getMeQueryOptions } from './get-me';

export interface LoginInput {
  email: string;
  password: string;
}

/** OAuth2 password form: the e-mail goes in `username`. The refresh token comes back as an HttpOnly cookie. */
export function login({ email, password }: LoginInput): Promise<AccessToken> {
  return unwrap(
    api.POST('/api/v1/auth/web/token', {
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
    onSuccess: async (token) => {
      queryClient.clear(); // nothing of a previous login may show
      tokenStore.write({ access_token: token.access_token });
      await queryClient.prefetchQuery(getMeQueryOptions());
    },
  });
}
