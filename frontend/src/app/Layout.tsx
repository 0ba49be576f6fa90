import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '@/features/auth';

/** App shell: skip link, header, and focus moved to the new page's heading on navigation. */
export function Layout() {
  const { state, signOut } = useAuth();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Wait a frame so the new page has rendered its heading.
    const handle = requestAnimationFrame(() => {
      const main = mainRef.current;
      // Someone already at work in the new page (a field they clicked into and typed in, within that
      // frame) keeps their place: moving focus then sent their keystrokes to the heading.
      const active = document.activeElement;
      if (main && active instanceof HTMLElement && active !== main && main.contains(active)) return;
      const heading = main?.querySelector<HTMLElement>('h1');
      (heading ?? main)?.focus();
    });
    return () => cancelAnimationFrame(handle);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          HiBid Email
        </Link>
        {state?.mode !== 'signed-out' && (
          <nav aria-label="Main">
            <ul>
              <li>
                <NavLink to="/" end>
                  Campaigns
                </NavLink>
              </li>
              <li>
                <NavLink to="/campaigns/new">New campaign</NavLink>
              </li>
            </ul>
          </nav>
        )}
        {state?.mode === 'signed-in' && (
          <div className="account">
            <span className="muted account-email">{state.user.email}</span>
            <button type="button" className="btn btn-link" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
