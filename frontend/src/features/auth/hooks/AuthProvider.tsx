import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { setToken, UNAUTHORIZED_EVENT } from '@/lib/auth-token';
import { authQueryKey, fetchAuthState, login, register, type AuthState } from '../api/auth';
import { AuthContext, type AuthContextValue } from './auth-context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: authQueryKey, queryFn: fetchAuthState, staleTime: Infinity });

  const signOut = useCallback(() => {
    setToken(null);
    queryClient.setQueryData<AuthState>(authQueryKey, (prev) =>
      prev?.mode === 'disabled' ? prev : { mode: 'signed-out', user: null },
    );
    // Drop everything cached for the previous user.
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  }, [queryClient]);

  useEffect(() => {
    const onUnauthorized = () => signOut();
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [signOut]);

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
