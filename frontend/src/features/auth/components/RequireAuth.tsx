import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorMessage } from '@/components/ErrorMessage';
import { Spinner } from '@/components/Spinner';
import { useAuth } from '../hooks/auth-context';

/** Renders children when signed in or when the server has no accounts; otherwise goes to sign-in. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, isLoading, error, retry } = useAuth();
  const location = useLocation();
  if (isLoading) return <Spinner label="Checking your session…" />;
  if (error || !state) return <ErrorMessage error={error} onRetry={retry} title="We could not check your session." />;
  if (state.mode === 'signed-out') {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
