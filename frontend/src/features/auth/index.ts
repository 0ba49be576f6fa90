export { AuthProvider } from './hooks/AuthProvider';
export { useAuth } from './hooks/auth-context';
export { RequireAuth } from './components/RequireAuth';
export { AuthForm } from './components/AuthForm';
