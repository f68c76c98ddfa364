import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { api, ApiError, messageOf } from '../api.ts';
import { Empty, ErrorNote, Show } from '../components/Status.tsx';
import { formatTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import { ROLE_LABELS, ROLES, useUser, type Role } from '../session.ts';
import type { UserRow } from '../types.ts';

// The server's rules, shown before the user types (src/users/password.ts, src/audit/actor.ts);
// the server checks them again and its message is shown at the field it names.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const NAME_PATTERN = /^[a-z][a-z0-9._-]{0,31}$/;
const POLICY = `${PASSWORD_MIN} to ${PASSWORD_MAX} characters; a passphrase of several words is easiest to remember.`;

type Field = 'name' | 'role' | 'password';

/** The form field a server error names (its message starts with the field), or null for a general error. */
export function fieldOfError(e: unknown): Field | null {
  if (!(e instanceof ApiError)) return null;
  const m = e.message;
  if (e.code === 'VDX_PASSWORD_POLICY' || /^(body\.)?password\b/.test(m)) return 'password';
  if (/^(body\.)?name\b|^user name\b|^user \S+ exists/.test(m)) return 'name';
  if (/^(body\.)?role\b/.test(m)) return 'role';
  return null;
}

/** The password's problem as the policy states it, or null when it passes; characters are counted, not bytes, as the server does. */
export function passwordProblem(password: string): string | null {
  const n = [...password].length;
  if (n < PASSWORD_MIN) return `Too short: ${n} characters, at least ${PASSWORD_MIN}.`;
  if (n > PASSWORD_MAX) return `Too long: at most ${PASSWORD_MAX} characters.`;
  return null;
}

export function userState(u: UserRow): 'active' | 'disabled' | 'locked' {
  if (u.disabled) return 'disabled';
  return u.lockedUntil !== null ? 'locked' : 'active';
}

const STATE_PILL = { active: 'pill-done', disabled: 'pill-closed', locked: 'pill-rejected' } as const;

type Action = { readonly kind: 'disable' | 'reset'; readonly name: string };

export function UsersScreen(): ReactNode {
  const me = useUser();
  const [users, reload] = useResource<{ users: readonly UserRow[] }>('/api/users');
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const finished = (message: string): void => {
    setDone(message);
    setAction(null);
    reload();
  };
  return (
    <div className="stack">
      {/* One polite live region for every action's success; failures are alerts next to the form that failed. */}
      <div role="status" aria-live="polite" aria-label="Last action">
        {done ? <p className="status status-ok">{done}</p> : null}
      </div>
      <AddUser onAdded={(u) => finished(`User ${u.name} added as ${ROLE_LABELS[u.role]}.`)} onStart={() => setDone(null)} />
      <section className="card" aria-labelledby="users-h">
        <h2 id="users-h">Users</h2>
        <p className="muted">Users are never deleted (the audit log names them): disable an account instead. Resetting a password also lifts a lock-out and re-enables a disabled user.</p>
        <Show res={users} what="users" retry={reload}>
          {({ users: rows }) =>
            rows.length === 0 ? (
              <Empty>No users yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table aria-label="Users">
                  <thead>
                    <tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">State</th><th scope="col">Created</th><th scope="col">Last sign-in</th><th scope="col">Actions</th></tr>
                  </thead>
                  <tbody>
                    {rows.map((u) => {
                      const state = userState(u);
                      return (
                        <tr key={u.name}>
                          <th scope="row"><span className="mono">{u.name}</span>{u.name === me.name ? <span className="muted"> (you)</span> : null}</th>
                          <td>{ROLE_LABELS[u.role]}</td>
                          <td>
                            <span className={`pill ${STATE_PILL[state]}`}>{state}</span>
                            {u.lockedUntil !== null && !u.disabled ? <span className="muted small"> until {formatTime(u.lockedUntil)}</span> : null}
                          </td>
                          <td>{formatTime(u.createdAt)} <span className="muted small">by {u.createdBy}</span></td>
                          <td>{formatTime(u.lastLoginAt)}</td>
                          <td className="row-actions">
                            {!u.disabled ? (
                              <button type="button" className="btn btn-small btn-danger" aria-pressed={action?.kind === 'disable' && action.name === u.name} onClick={() => { setDone(null); setAction({ kind: 'disable', name: u.name }); }}>
                                Disable<span className="sr-only"> {u.name}</span>
                              </button>
                            ) : null}
                            <button type="button" className="btn btn-small" aria-pressed={action?.kind === 'reset' && action.name === u.name} onClick={() => { setDone(null); setAction({ kind: 'reset', name: u.name }); }}>
                              Reset password<span className="sr-only"> of {u.name}</span>
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
      {action?.kind === 'disable' ? <DisableUser key={`d-${action.name}`} name={action.name} self={action.name === me.name} onDone={finished} onCancel={() => setAction(null)} /> : null}
      {action?.kind === 'reset' ? <ResetPassword key={`r-${action.name}`} name={action.name} onDone={finished} onCancel={() => setAction(null)} /> : null}
    </div>
  );
}

function AddUser({ onAdded, onStart }: { onAdded: (u: UserRow) => void; onStart: () => void }): ReactNode {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('coder');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const nameError = tried && !NAME_PATTERN.test(name) ? 'Use a lower-case letter, then letters, digits, ".", "_" or "-" (at most 32).' : null;
  const serverField = fieldOfError(error);
  const serverMessage = error !== null ? messageOf(error) : null;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (!NAME_PATTERN.test(name) || passwordProblem(password) !== null || password !== confirm) return;
    setBusy(true);
    onStart();
    try {
      const u = await api.post<UserRow>('/api/users', { name, role, password });
      setName('');
      setPassword('');
      setConfirm('');
      setTried(false);
      onAdded(u);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="add-user-h">
      <h2 id="add-user-h">Add a user</h2>
      <p className="muted">A coder&apos;s user name is the coder name used in coding rounds.</p>
      <form className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="user-name">User name</label>
          <input
            id="user-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" spellCheck={false}
            aria-invalid={nameError || serverField === 'name' ? true : undefined}
            aria-describedby={nameError || serverField === 'name' ? 'user-name-err' : undefined}
          />
          {nameError || serverField === 'name' ? <p id="user-name-err" className="field-error">{nameError ?? serverMessage}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-invalid={serverField === 'role' ? true : undefined} aria-describedby={serverField === 'role' ? 'user-role-err' : undefined}>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
          {serverField === 'role' ? <p id="user-role-err" className="field-error">{serverMessage}</p> : null}
        </div>
        <PasswordFields id="user" password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} tried={tried} serverError={serverField === 'password' ? serverMessage : null} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Adding…' : 'Add user'}</button>
        </div>
      </form>
      {error !== null && serverField === null ? <ErrorNote error={error} /> : null}
      {error !== null && serverField !== null ? <p className="sr-only" role="alert">{serverMessage}</p> : null}
    </section>
  );
}

/** A new password and its confirmation, with the policy stated under the first and its problems inline. */
function PasswordFields({ id, password, confirm, onPassword, onConfirm, tried, serverError }: {
  id: string; password: string; confirm: string; onPassword: (v: string) => void; onConfirm: (v: string) => void; tried: boolean; serverError: string | null;
}): ReactNode {
  const problem = tried ? passwordProblem(password) : null;
  const mismatch = tried && problem === null && password !== confirm ? 'The two passwords differ: type the same password twice.' : null;
  const passwordError = problem ?? serverError;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`} type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={`${id}-password-policy${passwordError ? ` ${id}-password-err` : ''}`}
        />
        <p id={`${id}-password-policy`} className="muted small field-hint">Policy: {POLICY}</p>
        {passwordError ? <p id={`${id}-password-err`} className="field-error">{passwordError}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>Confirm password</label>
        <input
          id={`${id}-confirm`} type="password" autoComplete="new-password" value={confirm} onChange={(e) => onConfirm(e.target.value)}
          aria-invalid={mismatch ? true : undefined} aria-describedby={mismatch ? `${id}-confirm-err` : undefined}
        />
        {mismatch ? <p id={`${id}-confirm-err`} className="field-error">{mismatch}</p> : null}
      </div>
    </>
  );
}

/** Moves the focus to a panel's heading when it opens, so keyboard users land on the question. */
function useFocusOnOpen(): RefObject<HTMLHeadingElement | null> {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function DisableUser({ name, self, onDone, onCancel }: { name: string; self: boolean; onDone: (message: string) => void; onCancel: () => void }): ReactNode {
  const heading = useFocusOnOpen();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const disable = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/users/${encodeURIComponent(name)}/disable`);
      onDone(`User ${name} disabled; their sessions have ended.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="disable-h">
      <h2 id="disable-h" ref={heading} tabIndex={-1}>Disable <span className="mono">{name}</span>?</h2>
      <p>
        {name} will no longer be able to sign in, and every session they have open ends now. Their audit entries stay. To let them
        back in, reset their password.
      </p>
      {self ? <p className="note">This is your own account. The server refuses to disable it: another administrator must.</p> : null}
      <div className="toolbar">
        <div className="row-actions">
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void disable()}>{busy ? 'Disabling…' : `Yes, disable ${name}`}</button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>Cancel</button>
        </div>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}

function ResetPassword({ name, onDone, onCancel }: { name: string; onDone: (message: string) => void; onCancel: () => void }): ReactNode {
  const heading = useFocusOnOpen();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const serverField = fieldOfError(error);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setTried(true);
    setError(null);
    if (passwordProblem(password) !== null || password !== confirm) return;
    setBusy(true);
    try {
      await api.post(`/api/users/${encodeURIComponent(name)}/reset`, { password });
      onDone(`Password of ${name} reset; any lock-out is lifted, the account is enabled, and their sessions have ended.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="reset-h">
      <h2 id="reset-h" ref={heading} tabIndex={-1}>Reset the password of <span className="mono">{name}</span></h2>
      <form className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
        <PasswordFields id="reset" password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} tried={tried} serverError={serverField === 'password' ? messageOf(error) : null} />
        <div className="form-actions row-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Resetting…' : 'Reset password'}</button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>Cancel</button>
        </div>
      </form>
      {error !== null && serverField !== 'password' ? <ErrorNote error={error} /> : null}
      {error !== null && serverField === 'password' ? <p className="sr-only" role="alert">{messageOf(error)}</p> : null}
    </section>
  );
}
