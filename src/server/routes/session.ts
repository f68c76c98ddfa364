/** Sign-in, the current session, sign-out (docs/server.md). */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { VindexError } from '../../errors.ts';
import { createSession, csrfTokenOf, endSession, verifyLogin } from '../../users/index.ts';
import { SESSION_COOKIE } from '../guard.ts';
import { route, ROLES, type RouteSpec, type ServerConfig } from '../route.ts';

const SessionUserSchema = z.object({ name: z.string(), role: z.enum(ROLES) });
const SessionSchema = z.object({ user: SessionUserSchema, csrfToken: z.string(), expiresAt: z.string() });

function setCookie(reply: FastifyReply, config: ServerConfig, id: string): void {
  reply.setCookie(SESSION_COOKIE, id, { path: '/', httpOnly: true, secure: config.secureCookie, sameSite: 'strict', maxAge: config.sessionAbsoluteHours * 3600 });
}

export const sessionRoutes: RouteSpec[] = [
  route({
    method: 'POST',
    url: '/api/session',
    roles: 'public',
    summary: 'Sign in: sets the session cookie and returns the user and the CSRF token (rate-limited; locks the account after repeated failures)',
    tags: ['session'],
    body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
    response: SessionSchema,
    async handler({ body, ctx }, reply) {
      const { config, store } = ctx;
      const user = await verifyLogin(store, { name: body.username, password: body.password, policy: { failures: config.lockoutFailures, minutes: config.lockoutMinutes }, cost: config.argon2 });
      const session = await createSession(store, user.name, { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours });
      setCookie(reply, config, session.id);
      return { user, csrfToken: csrfTokenOf(session.id), expiresAt: session.expiresAt };
    },
  }),
  route({
    method: 'GET',
    url: '/api/session',
    roles: ROLES,
    summary: 'The signed-in user and the CSRF token for x-csrf-token',
    tags: ['session'],
    response: SessionSchema,
    async handler({ raw }) {
      const s = raw.vindexSession;
      if (!s) throw new VindexError('VDX_UNAUTHENTICATED', 'sign in first (POST /api/session)');
      return { user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/session',
    roles: ROLES,
    summary: 'Sign out: ends the session and clears the cookie',
    tags: ['session'],
    response: z.object({ signedOut: z.literal(true) }),
    async handler({ raw, user, ctx }, reply) {
      await endSession(ctx.store, raw.vindexSession!.id, user.name);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: ctx.config.secureCookie, sameSite: 'strict' });
      return { signedOut: true as const };
    },
  }),
];
