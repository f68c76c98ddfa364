import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setSessionEndedHandler } from './api.ts';
import { navigate, useHashPath } from './hooks.ts';
import { screensFor } from './routes.tsx';
import { ROLE_LABELS, SessionContext, type SessionReply, type SessionUser } from './session.ts';
import { SignIn } from './screens/SignIn.tsx';
import { Failed, Loading } from './components/Status.tsx';

type Boot = { state: 'checking' } | { state: 'signed-out'; ended?: boolean } | { state: 'signed-in'; user: SessionUser } | { state: 'failed'; error: unknown };

export function App(): ReactNode {
  const [boot, setBoot] = useState<Boot>({ state: 'checking' });
  const check = (): void => {
    setBoot({ state: 'checking' });
    api.get<SessionReply>('/api/session').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setBoot({ state: 'signed-in', user: s.user });
      },
      (e: unknown) => setBoot(e instanceof ApiError && e.status === 401 ? { state: 'signed-out' } : { state: 'failed', error: e }),
    );
  };
  useEffect(check, []);
  // A request refused for want of a session (idle timeout, absolute lifetime) brings back the sign-in.
  useEffect(() => {
    setSessionEndedHandler(() => {
      setCsrfToken(null);
      setBoot({ state: 'signed-out', ended: true });
    });
    return () => setSessionEndedHandler(null);
  }, []);

  if (boot.state === 'checking') return <main id="main" className="boot"><Loading what="your session" /></main>;
  if (boot.state === 'failed') return <main id="main" className="boot"><Failed error={boot.error} what="your session" retry={check} /></main>;
  if (boot.state === 'signed-out') {
    return (
      <SignIn
        notice={boot.ended ? 'Your session ended. Sign in again to go on.' : null}
        onSignedIn={(s) => {
          setCsrfToken(s.csrfToken);
          const first = screensFor(s.user.role)[0];
          if (first) navigate(first.path);
          setBoot({ state: 'signed-in', user: s.user });
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={boot.user}>
      <Shell
        user={boot.user}
        onSignOut={() => {
          api.delete('/api/session').finally(() => {
            setCsrfToken(null);
            navigate('/');
            setBoot({ state: 'signed-out' });
          });
        }}
      />
    </SessionContext.Provider>
  );
}

function Shell({ user, onSignOut }: { user: SessionUser; onSignOut: () => void }): ReactNode {
  const path = useHashPath();
  const screens = screensFor(user.role);
  const current = screens.find((s) => s.path === path) ?? screens[0]!;
  const heading = useRef<HTMLHeadingElement>(null);
  // On a screen change, move focus to its heading so keyboard and screen-reader users start there.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [current.path]);
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); heading.current?.focus(); }}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand" aria-label="Vindex">
          <span className="brand-mark" aria-hidden="true">V</span>
          <span className="brand-name">Vindex</span>
        </div>
        <nav aria-label="Main" className="mainnav">
          <ul>
            {screens.map((s) => (
              <li key={s.path}>
                <a href={`#${s.path}`} aria-current={s.path === current.path ? 'page' : undefined}>
                  {s.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          <span className="whoami-name">{user.name}</span>
          <span className="badge">{ROLE_LABELS[user.role]}</span>
          <button type="button" className="btn btn-ghost btn-small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content">
        <h1 ref={heading} tabIndex={-1} className="screen-title">
          {current.label}
        </h1>
        {current.render()}
      </main>
      <footer className="footer">
        <p>Vindex shows codes, counts, dates and countries only — never media or descriptions.</p>
      </footer>
    </>
  );
}
