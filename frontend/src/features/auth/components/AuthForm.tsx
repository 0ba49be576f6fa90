import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Button } from '@/components/Button';
import { ErrorMessage } from '@/components/ErrorMessage';
import { TextField } from '@/components/Field';
import { Spinner } from '@/components/Spinner';
import { usePageTitle } from '@/lib/use-page-title';
import { useAuth } from '../hooks/auth-context';

interface AuthFormProps {
  kind: 'sign-in' | 'sign-up';
}

const MIN_PASSWORD = 10;

/** Sign-in and sign-up share one accessible form; after success the user returns to where they were going. */
export function AuthForm({ kind }: AuthFormProps) {
  const { state, isLoading, signIn, signUp } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(kind === 'sign-up' ? 'Create your account' : 'Sign in');

  if (isLoading) return <Spinner label="Checking your session…" />;
  // No accounts on this server (or already signed in): nothing to do here.
  if (state?.mode === 'disabled' || state?.mode === 'signed-in') return <Navigate to={next} replace />;

  const isSignUp = kind === 'sign-up';

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (isSignUp && password.length < MIN_PASSWORD) {
      setPasswordError(`Use at least ${MIN_PASSWORD} characters.`);
      return;
    }
    setPasswordError(null);
    setBusy(true);
    try {
      // Signed in: the new state re-renders this form into the <Navigate to={next}> above. Navigating here
      // as well went to `next` twice, the first time before the app had seen the new state (the query
      // cache tells its readers a tick later), so under load that page sent the user back to sign-in for
      // a moment ('/' → '/sign-in' → '/') and the first page drawn was thrown away.
      await (isSignUp ? signUp(email, password) : signIn(email, password));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="auth-card" aria-labelledby="auth-title">
      <h1 id="auth-title" tabIndex={-1}>
        {isSignUp ? 'Create your account' : 'Sign in'}
      </h1>
      <form onSubmit={onSubmit} noValidate={false}>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete={isSignUp ? 'new-password' : 'current-password'}
          required
          minLength={isSignUp ? MIN_PASSWORD : undefined}
          hint={isSignUp ? `At least ${MIN_PASSWORD} characters, not a common password: a few unrelated words work well.` : undefined}
          error={passwordError}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={error} />
        <Button type="submit" busy={busy}>
          {isSignUp ? 'Create account' : 'Sign in'}
        </Button>
      </form>
      <p className="auth-switch">
        {isSignUp ? (
          <>
            Already have an account? <Link to={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link to={`/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        )}
      </p>
    </section>
  );
}

/** Only same-site paths are allowed as a post-sign-in destination. */
function safeNext(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//')) return next;
  return '/';
}
