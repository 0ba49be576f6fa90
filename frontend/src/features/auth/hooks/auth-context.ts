import { createContext, useContext } from 'react';
import type { AuthState } from '../api/auth';

export interface AuthContextValue {
  state: AuthState | undefined;
  isLoading: boolean;
  error: unknown;
  retry: () => void;
  signIn: (email: string, password: string) => Promise<void>;
  signUp: (email: string, password: string) => Promise<void>;
  signOut: () => void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}
