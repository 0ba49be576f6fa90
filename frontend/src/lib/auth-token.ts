const KEY = 'hibid.token';

/** The bearer token lives in localStorage so a reload keeps the user signed in. */
export function getToken(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(KEY, token);
    else window.localStorage.removeItem(KEY);
  } catch {
    // Private mode without storage: the session simply won't survive a reload.
  }
}

/** Fired when the server answers 401 so the app can send the user to sign-in. */
export const UNAUTHORIZED_EVENT = 'hibid:unauthorized';
