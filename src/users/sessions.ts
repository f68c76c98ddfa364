/**
 * Server sessions in the store. The session id (32 random bytes) lives only in the user's
 * cookie; the store keeps its SHA-256, so a copy of the database gives no usable session. The
 * CSRF token is an HMAC of the id: it needs no storage and is useless without the cookie.
 *
 * A session ends when signed out, after `idleMinutes` without a request, or `absoluteHours`
 * after sign-in, whichever comes first.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendAudit } from '../audit/index.ts';
import type { Store } from '../store/index.ts';
import { isRole, type Role } from './roles.ts';

export interface SessionPolicy {
  readonly idleMinutes: number;
  readonly absoluteHours: number;
}

export interface ActiveSession {
  readonly user: { readonly name: string; readonly role: Role };
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** last_seen_at is written at most this often, so reads do not turn into a write each. */
const TOUCH_EVERY_MS = 60_000;

export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function csrfTokenOf(id: string): string {
  return createHmac('sha256', id).update('vindex csrf').digest('base64url');
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfMatches(id: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = Buffer.from(csrfTokenOf(id));
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts a session for a user who has just signed in (verifyLogin audited the sign-in); returns the cookie value. */
export async function createSession(store: Store, userName: string, policy: SessionPolicy, now: string = new Date().toISOString()): Promise<{ id: string; expiresAt: string }> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.parse(now) + policy.absoluteHours * 3_600_000).toISOString();
  await store.db.insertInto('app_session').values({ id_hash: sessionIdHash(id), user_name: userName, created_at: now, last_seen_at: now, expires_at: expiresAt }).execute();
  return { id, expiresAt };
}

/**
 * The live session of a cookie value, or undefined (unknown, expired, user disabled or gone).
 * An expired session's row is removed.
 */
export async function resolveSession(store: Store, id: string, policy: SessionPolicy, now: string = new Date().toISOString()): Promise<ActiveSession | undefined> {
  const idHash = sessionIdHash(id);
  // One query per request: the session with its user's current role and state.
  const row = await store.db
    .selectFrom('app_session')
    .innerJoin('app_user', 'app_user.name', 'app_session.user_name')
    .select(['app_session.last_seen_at', 'app_session.expires_at', 'app_user.name', 'app_user.role', 'app_user.disabled'])
    .where('app_session.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const idleEnd = new Date(Date.parse(row.last_seen_at) + policy.idleMinutes * 60_000).toISOString();
  const user = row.disabled === 0 && isRole(row.role) ? { name: row.name, role: row.role } : undefined;
  if (row.expires_at <= now || idleEnd <= now || !user) {
    await store.db.deleteFrom('app_session').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  if (Date.parse(now) - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    await store.db.updateTable('app_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return { user, csrfToken: csrfTokenOf(id), expiresAt: row.expires_at };
}

/** Signs out: removes the session and audits it. */
export async function endSession(store: Store, id: string, actor: string, now: string = new Date().toISOString()): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('app_session').where('id_hash', '=', sessionIdHash(id)).execute();
    await appendAudit(tx, { actor, action: 'session.logout', object: `user:${actor}` }, now);
  });
}
