import { api, ApiError, unwrap } from '@/lib/api-client';
import type { RegistrationAccepted, Token, User } from '@/lib/types';

export type AuthState =
  | { mode: 'disabled'; user: null }
  | { mode: 'signed-out'; user: null }
  | { mode: 'signed-in'; user: User };

export const authQueryKey = ['auth', 'me'] as const;

/** Who is signed in; a 404 means the server has no accounts, so sign-in is skipped. */
export async function fetchAuthState(): Promise<AuthState> {
  try {
    const user = await unwrap(api.GET('/api/v1/auth/me'));
    return { mode: 'signed-in', user };
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { mode: 'disabled', user: null };
    if (err instanceof ApiError && err.status === 401) return { mode: 'signed-out', user: null };
    throw err;
  }
}

/** OAuth2 password flow: the email goes in `username`, form-encoded. */
export function login(email: string, password: string): Promise<Token> {
  return unwrap(
    api.POST('/api/v1/auth/login', {
      body: { username: email, password, scope: '' },
      bodySerializer: (body) => new URLSearchParams({ username: body.username, password: body.password }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }),
  );
}

/** The same answer whether or not the address already has an account: signing in next tells. */
export function register(email: string, password: string): Promise<RegistrationAccepted> {
  return unwrap(api.POST('/api/v1/auth/register', { body: { email, password } }));
}

/** Ends every session of the account on the server: this token and any other stop working. */
export async function logout(token: string): Promise<void> {
  // The token is passed explicitly: the app forgets it locally before this request goes out.
  await unwrap(api.POST('/api/v1/auth/logout', { headers: { Authorization: `Bearer ${token}` } }));
}
