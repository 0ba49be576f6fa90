import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getToken, setToken, UNAUTHORIZED_EVENT } from '@/lib/auth-token';
import { authQueryKey, fetchAuthState, login, logout, register, type AuthState } from '../api/auth';
import { AuthContext, type AuthContextValue } from './auth-context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: authQueryKey, queryFn: fetchAuthState, staleTime: Infinity });

  /** Forget the session here (the server already refused the token, or sign-out is under way). */
  const forgetSession = useCallback(() => {
    setToken(null);
    queryClient.setQueryData<AuthState>(authQueryKey, (prev) =>
      prev?.mode === 'disabled' ? prev : { mode: 'signed-out', user: null },
    );
    // Drop everything cached for the previous user. A review link's page belongs to no account
    // (its token is in the address), so it stays: a visitor without a session also gets a 401 here.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'review-link' });
  }, [queryClient]);

  useEffect(() => {
    window.addEventListener(UNAUTHORIZED_EVENT, forgetSession);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, forgetSession);
  }, [forgetSession]);

  /** Sign out at once here, and on the server so the token stops working everywhere (best effort). */
  const signOut = useCallback(() => {
    const token = getToken();
    forgetSession();
    if (token) logout(token).catch(() => undefined); // offline or already expired: nothing more to end
  }, [forgetSession]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const token = await login(email, password);
      setToken(token.access_token);
      const state = await fetchAuthState();
      queryClient.setQueryData(authQueryKey, state);
    },
    [queryClient],
  );

  const signUp = useCallback(
    async (email: string, password: string) => {
      await register(email, password);
      await signIn(email, password);
    },
    [signIn],
  );

  const value = useMemo<AuthContextValue>(
    () => ({
      state: query.data,
      isLoading: query.isPending,
      error: query.error,
      retry: () => void query.refetch(),
      signIn,
      signUp,
      signOut,
    }),
    [query, signIn, signUp, signOut],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
