import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getToken, setToken } from '@/lib/auth-token';
import { json, mockApi, problem } from '@/test/api-mock';
import { renderApp } from '@/test/render';

const emptyList = { method: 'GET', path: '/api/v1/campaigns', reply: json(200, { items: [], total: 0, limit: 20, offset: 0 }) };

describe('sign-in', () => {
  it('skips sign-in when the server has no accounts', async () => {
    mockApi([emptyList]);
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Your campaigns' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('sends signed-out users to sign-in, then back where they were going', async () => {
    let signedIn = false;
    const api = mockApi([
      emptyList,
      {
        method: 'GET',
        path: '/api/v1/auth/me',
        reply: () => (signedIn ? json(200, { id: 1, email: 'ann@example.com', role: 'user' }) : problem(401, 'unauthorized', 'Not authenticated')),
      },
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        reply: (req) => {
          const form = new URLSearchParams(String(req.body));
          if (form.get('password') !== 'right-password') return problem(401, 'invalid_credentials', 'Incorrect email or password.');
          signedIn = true;
          return json(200, { access_token: 'tok-1', token_type: 'bearer' });
        },
      },
    ]);
    const user = userEvent.setup();
    const visited: string[] = [];
    renderApp('/', visited);

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Email'), 'ann@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect email or password.');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'right-password');
    visited.length = 0;
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Your campaigns' })).toBeInTheDocument();
    // Straight there, once: a second navigation (under load, by way of sign-in) threw the first page drawn away.
    await waitFor(() => expect(visited).toEqual(['/']));
    expect(getToken()).toBe('tok-1');
    expect(screen.getByText('ann@example.com')).toBeInTheDocument();
    const listCall = api.callsTo('GET', '/api/v1/campaigns').at(-1);
    expect(listCall?.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('signs out, ending the session on the server too, and drops the token', async () => {
    setToken('tok-1');
    let signedIn = true;
    const api = mockApi([
      emptyList,
      {
        method: 'GET',
        path: '/api/v1/auth/me',
        reply: () => (signedIn ? json(200, { id: 1, email: 'ann@example.com' }) : problem(401, 'unauthorized', 'Not authenticated')),
      },
      {
        method: 'POST',
        path: '/api/v1/auth/logout',
        reply: () => {
          signedIn = false;
          return { status: 204 };
        },
      },
    ]);
    const user = userEvent.setup();
    renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(getToken()).toBeNull();
    // The server revokes the token, so a copy of it (another tab, a leaked header) stops working.
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/logout')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/v1/auth/logout')[0]?.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('signs out here even when the server cannot be reached', async () => {
    setToken('tok-1');
    mockApi([
      emptyList,
      { method: 'GET', path: '/api/v1/auth/me', reply: () => (getToken() ? json(200, { id: 1, email: 'ann@example.com' }) : problem(401, 'unauthorized', 'Not authenticated')) },
      { method: 'POST', path: '/api/v1/auth/logout', reply: 'network-error' },
    ]);
    const user = userEvent.setup();
    renderApp('/');
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(getToken()).toBeNull();
  });

  it("shows the server's reason when a password is too easy to guess", async () => {
    const reason =
      "This password is one of the 10,000 most common passwords, so it is tried first. Use a few unrelated words or a password manager's random password, at least 10 characters.";
    const api = mockApi([
      emptyList,
      { method: 'GET', path: '/api/v1/auth/me', reply: problem(401, 'unauthorized', 'Not authenticated') },
      { method: 'POST', path: '/api/v1/auth/register', reply: problem(422, 'weak_password', reason) },
    ]);
    const user = userEvent.setup();
    renderApp('/sign-up');
    await screen.findByRole('heading', { name: 'Create your account' });
    expect(screen.getByText(/not a common password/)).toBeInTheDocument(); // said before anyone types
    await user.type(screen.getByLabelText('Email'), 'bo@example.com');
    await user.type(screen.getByLabelText(/^Password/), '1234567890');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(reason);
    expect(api.callsTo('POST', '/api/v1/auth/login')).toHaveLength(0);
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeInTheDocument();
  });

  it('creates an account, then signs in with it', async () => {
    let registered = false;
    const api = mockApi([
      emptyList,
      { method: 'GET', path: '/api/v1/auth/me', reply: () => (registered && getToken() ? json(200, { id: 2, email: 'bo@example.com' }) : problem(401, 'unauthorized', 'Not authenticated')) },
      {
        method: 'POST',
        path: '/api/v1/auth/register',
        reply: () => {
          registered = true;
          return json(202, { email: 'bo@example.com', detail: 'Sign in with this email and password to continue.' });
        },
      },
      { method: 'POST', path: '/api/v1/auth/login', reply: json(200, { access_token: 'tok-2', token_type: 'bearer' }) },
    ]);
    const user = userEvent.setup();
    renderApp('/sign-up');
    await screen.findByRole('heading', { name: 'Create your account' });
    await user.type(screen.getByLabelText('Email'), 'bo@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Use at least 10 characters.')).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/register')).toHaveLength(0);

    await user.type(screen.getByLabelText(/^Password/), '-but-longer');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('heading', { name: 'Your campaigns' })).toBeInTheDocument();
    expect(api.callsTo('POST', '/api/v1/auth/register')[0]?.body).toEqual({ email: 'bo@example.com', password: 'short-but-longer' });
  });

  it('returns to sign-in when the session expires mid-way', async () => {
    setToken('expired');
    let meCalls = 0;
    const api = mockApi([
      // The token is still good for the session check, then expires.
      { method: 'GET', path: '/api/v1/auth/me', reply: () => (meCalls++ === 0 ? json(200, { id: 1, email: 'ann@example.com' }) : problem(401, 'unauthorized', 'Not authenticated')) },
      { method: 'GET', path: '/api/v1/campaigns', reply: () => problem(401, 'token_expired', 'Your session has expired. Sign in again.') },
    ]);
    renderApp('/');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(api.callsTo('GET', '/api/v1/campaigns')).toHaveLength(1);
    expect(getToken()).toBeNull();
    expect(document.title).toBe('Sign in · HiBid Email');
  });

  it('offers a retry when the session check cannot reach the server', async () => {
    let down = true;
    mockApi([emptyList, { method: 'GET', path: '/api/v1/auth/me', reply: () => (down ? 'network-error' : problem(404, 'not_found', 'Not Found')) }]);
    const user = userEvent.setup();
    renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent(/could not reach the server/i);
    down = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Your campaigns' })).toBeInTheDocument());
  });
});
