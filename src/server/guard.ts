/**
 * The generic guard every API route passes before its body is even read (an onRequest hook):
 *
 *   session cookie → live session? (else 401 VDX_UNAUTHENTICATED)
 *   → role in spec.roles? (else 403 VDX_FORBIDDEN)
 *   → for POST/PUT/DELETE: Origin is this host (else 403 VDX_CSRF) and, when signed in,
 *     x-csrf-token matches the session (else 403 VDX_CSRF)
 *
 * Domain rules finer than a role (a coder's own units, a reader's released outputs, four-eyes)
 * are checked by the handlers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { VindexError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { csrfMatches, resolveSession, type ActiveSession } from '../users/index.ts';
import type { ServerConfig } from './config.ts';
import type { RouteSpec } from './route.ts';
import type { SessionMemo } from './session-memo.ts';

export const SESSION_COOKIE = 'vindex_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestSession extends ActiveSession {
  /** The cookie value (the session id), for sign-out. */
  readonly id: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session, resolved by the guard (undefined when nobody is signed in). */
    vindexSession?: RequestSession;
  }
}

export async function loadSession(store: Store, config: ServerConfig, request: FastifyRequest, memo?: SessionMemo): Promise<RequestSession | undefined> {
  const id = request.cookies[SESSION_COOKIE];
  if (!id) return undefined;
  const remembered = memo?.get(id);
  if (remembered) return remembered;
  const s = await resolveSession(store, id, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours });
  if (!s) return undefined;
  const session = { ...s, id };
  memo?.set(id, session);
  return session;
}

/** True when the request's Origin (if any) is this server or an allowed origin. Clients without Origin (curl, scripts) still need the CSRF token. */
export function originAllowed(request: FastifyRequest, config: ServerConfig): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (config.allowedOrigins.includes(origin)) return true;
  try {
    // Parse the Host header with the origin's scheme, so default ports compare equal (:443 = none).
    const o = new URL(origin);
    return o.host === new URL(`${o.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

export function guardFor(spec: RouteSpec, store: Store, config: ServerConfig, memo?: SessionMemo) {
  const mutating = spec.method !== 'GET';
  return async function guard(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const session = await loadSession(store, config, request, memo);
    if (session) request.vindexSession = session;
    if (spec.roles !== 'public') {
      if (!session) throw new VindexError('VDX_UNAUTHENTICATED', 'sign in first (POST /api/session)');
      if (!spec.roles.includes(session.user.role)) throw new VindexError('VDX_FORBIDDEN', `the ${session.user.role} role may not call ${spec.method} ${spec.url}`);
    }
    if (mutating) {
      if (!originAllowed(request, config)) throw new VindexError('VDX_CSRF', 'the request comes from another origin');
      const token = request.headers[CSRF_HEADER];
      // Public writes (sign-in) need no token: there is no session to ride on yet; the Origin check covers them.
      if (spec.roles !== 'public' && session && !csrfMatches(session.id, typeof token === 'string' ? token : undefined)) {
        throw new VindexError('VDX_CSRF', `missing or wrong ${CSRF_HEADER} header: send the csrfToken from GET /api/session`);
      }
    }
  };
}
