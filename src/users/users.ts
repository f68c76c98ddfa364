/**
 * Server accounts: create, disable, reset, list, and the sign-in check with lock-out. Used by
 * `vindex user` and by the server. Every change is audited in the same transaction; the audit
 * entries hold names and codes only, never passwords or hashes.
 */
import { appendAudit, checkName } from '../audit/index.ts';
import { VindexError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { checkPasswordPolicy, DEFAULT_ARGON2, hashPassword, verifyPassword, type Argon2Cost } from './password.ts';
import { isRole, ROLES, type Role } from './roles.ts';

export interface UserInfo {
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  /** ISO time until which sign-in is refused, when locked now. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly lastLoginAt: string | null;
}

export interface LockoutPolicy {
  /** Consecutive failures that lock the account… */
  readonly failures: number;
  /** …for this many minutes. */
  readonly minutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { failures: 5, minutes: 15 };

/** Actor names the server writes itself; no user may take them. */
const RESERVED_NAMES: readonly string[] = ['anonymous'];

function checkRole(role: string): Role {
  if (!isRole(role)) throw new VindexError('VDX_USAGE', `role "${role}" is not a role: use one of ${ROLES.join(', ')}`);
  return role;
}

export async function createUser(
  store: Store,
  input: { name: string; role: string; password: string; actor: string; cost?: Argon2Cost; now?: string },
): Promise<UserInfo> {
  const name = checkName(input.name, 'user name');
  if (RESERVED_NAMES.includes(name)) throw new VindexError('VDX_USAGE', `user name "${name}" is reserved (the audit log uses it for failed sign-ins of unknown names)`);
  const role = checkRole(input.role);
  checkPasswordPolicy(input.password);
  const now = input.now ?? new Date().toISOString();
  const passwordHash = await hashPassword(input.password, input.cost ?? DEFAULT_ARGON2);
  await store.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('app_user').select('name').where('name', '=', name).executeTakeFirst();
    if (existing) throw new VindexError('VDX_CONFLICT', `user ${name} exists already (reset its password or disable it instead)`);
    await tx.insertInto('app_user').values({ name, role, password_hash: passwordHash, disabled: 0, failed_logins: 0, locked_until: null, created_at: now, created_by: input.actor, password_changed_at: now, last_login_at: null }).execute();
    await appendAudit(tx, { actor: input.actor, action: 'user.add', object: `user:${name}`, detail: { role } }, now);
  });
  return { name, role, disabled: false, lockedUntil: null, createdAt: now, createdBy: input.actor, lastLoginAt: null };
}

/** Disables sign-in and ends the user's sessions. Users are never deleted: the audit log names them. */
export async function disableUser(store: Store, name: string, actor: string, now: string = new Date().toISOString()): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('app_user').select(['name', 'disabled']).where('name', '=', name).executeTakeFirst();
    if (!user) throw new VindexError('VDX_USER_NOT_FOUND', `no user ${name}`);
    if (user.disabled) throw new VindexError('VDX_CONFLICT', `user ${name} is disabled already`);
    await tx.updateTable('app_user').set({ disabled: 1 }).where('name', '=', name).execute();
    const ended = await tx.deleteFrom('app_session').where('user_name', '=', name).executeTakeFirst();
    await appendAudit(tx, { actor, action: 'user.disable', object: `user:${name}`, detail: { sessionsEnded: Number(ended.numDeletedRows) } }, now);
  });
}

/** Sets a new password, lifts a lock, re-enables a disabled user and ends their sessions. */
export async function resetPassword(
  store: Store,
  input: { name: string; password: string; actor: string; cost?: Argon2Cost; now?: string },
): Promise<void> {
  checkPasswordPolicy(input.password);
  const now = input.now ?? new Date().toISOString();
  const passwordHash = await hashPassword(input.password, input.cost ?? DEFAULT_ARGON2);
  await store.db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('app_user').select(['name', 'disabled']).where('name', '=', input.name).executeTakeFirst();
    if (!user) throw new VindexError('VDX_USER_NOT_FOUND', `no user ${input.name}`);
    await tx.updateTable('app_user').set({ password_hash: passwordHash, password_changed_at: now, failed_logins: 0, locked_until: null, disabled: 0 }).where('name', '=', input.name).execute();
    const ended = await tx.deleteFrom('app_session').where('user_name', '=', input.name).executeTakeFirst();
    await appendAudit(tx, { actor: input.actor, action: 'user.reset', object: `user:${input.name}`, detail: { reEnabled: user.disabled === 1, sessionsEnded: Number(ended.numDeletedRows) } }, now);
  });
}

export async function listUsers(store: Store, now: string = new Date().toISOString()): Promise<UserInfo[]> {
  const rows = await store.db.selectFrom('app_user').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    name: r.name,
    role: checkRole(r.role),
    disabled: r.disabled === 1,
    lockedUntil: r.locked_until !== null && r.locked_until > now ? r.locked_until : null,
    createdAt: r.created_at,
    createdBy: r.created_by,
    lastLoginAt: r.last_login_at,
  }));
}

/** The signed-in user's current role (undefined when the user is gone or disabled): checked on every request. */
export async function activeUser(store: Store, name: string): Promise<{ name: string; role: Role } | undefined> {
  const r = await store.db.selectFrom('app_user').select(['name', 'role', 'disabled']).where('name', '=', name).executeTakeFirst();
  return r && r.disabled === 0 && isRole(r.role) ? { name: r.name, role: r.role } : undefined;
}

// A hash of a password nobody has, verified for unknown names so their answer takes as long as a known name's.
let decoy: Promise<string> | undefined;

/**
 * The sign-in check. A wrong password (or unknown or disabled user) gives VDX_LOGIN_FAILED and
 * counts a failure; `policy.failures` in a row lock the account for `policy.minutes`
 * (VDX_ACCOUNT_LOCKED, audited as user.lock). A locked account is refused without checking the
 * password. Success resets the count. Every outcome is audited; an unknown name is not written
 * to the log (it might be a password typed in the wrong field).
 */
export async function verifyLogin(
  store: Store,
  input: { name: string; password: string; policy?: LockoutPolicy; cost?: Argon2Cost; now?: string },
): Promise<{ name: string; role: Role }> {
  const policy = input.policy ?? DEFAULT_LOCKOUT;
  const now = input.now ?? new Date().toISOString();
  const user = await store.db.selectFrom('app_user').selectAll().where('name', '=', input.name).executeTakeFirst();
  if (!user) {
    decoy ??= hashPassword('decoy password, never used', input.cost ?? DEFAULT_ARGON2);
    await verifyPassword(await decoy, input.password);
    await store.db.transaction().execute((tx) => appendAudit(tx, { actor: 'anonymous', action: 'session.login.failure', object: 'user:?', detail: { reason: 'unknown-user' } }, now));
    throw loginFailed();
  }
  if (user.locked_until !== null && user.locked_until > now) {
    await store.db.transaction().execute((tx) => appendAudit(tx, { actor: user.name, action: 'session.login.failure', object: `user:${user.name}`, detail: { reason: 'locked' } }, now));
    throw locked(user.locked_until);
  }
  const ok = (await verifyPassword(user.password_hash, input.password)) && user.disabled === 0 && isRole(user.role);
  if (ok) {
    await store.db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('name', '=', user.name).execute();
      await appendAudit(tx, { actor: user.name, action: 'session.login', object: `user:${user.name}`, detail: { role: user.role } }, now);
    });
    return { name: user.name, role: user.role as Role };
  }
  const lockedUntil = await store.db.transaction().execute(async (tx) => {
    // Re-read inside the transaction so concurrent failures all count.
    const fresh = await tx.selectFrom('app_user').select('failed_logins').where('name', '=', user.name).executeTakeFirstOrThrow();
    const failures = fresh.failed_logins + 1;
    const reason = user.disabled ? 'disabled' : 'wrong-password';
    await appendAudit(tx, { actor: user.name, action: 'session.login.failure', object: `user:${user.name}`, detail: { reason, failures } }, now);
    if (failures < policy.failures) {
      await tx.updateTable('app_user').set({ failed_logins: failures }).where('name', '=', user.name).execute();
      return undefined;
    }
    const until = new Date(Date.parse(now) + policy.minutes * 60_000).toISOString();
    await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: until }).where('name', '=', user.name).execute();
    await appendAudit(tx, { actor: user.name, action: 'user.lock', object: `user:${user.name}`, detail: { failures, minutes: policy.minutes } }, now);
    return until;
  });
  throw lockedUntil ? locked(lockedUntil) : loginFailed();
}

function loginFailed(): VindexError {
  return new VindexError('VDX_LOGIN_FAILED', 'the user name or password is wrong');
}

function locked(until: string): VindexError {
  return new VindexError('VDX_ACCOUNT_LOCKED', `this account is locked after too many failed sign-ins, until ${until}`);
}
