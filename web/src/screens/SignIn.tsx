import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, messageOf } from '../api.ts';
import type { SessionReply } from '../session.ts';

/** Title of a sign-in failure: lock-out and rate limit are told apart from a wrong password. */
function failureTitle(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429 || /RATE/.test(e.code)) return 'Too many attempts';
    if (/LOCK/.test(e.code)) return 'Account locked';
    if (/DISABLED/.test(e.code)) return 'Account disabled';
    if (e.status === 401) return 'Sign-in failed';
  }
  return 'Could not sign in';
}

export function SignIn({ onSignedIn, notice }: { onSignedIn: (s: SessionReply) => void; notice: string | null }): ReactNode {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.post<SessionReply>('/api/session', { username: username.trim(), password }));
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" className="signin">
      <div className="signin-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">V</span>
          <span className="brand-name">Vindex</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">Global indicator on unidentified victims — coded case metadata only.</p>
        {notice !== null ? <p className="note" role="status">{notice}</p> : null}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="username">User name</label>
            <input id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error !== null ? (
            <div className="status status-error" role="alert">
              <strong>{failureTitle(error)}.</strong> {messageOf(error)}
            </div>
          ) : null}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy || username === '' || password === ''}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
