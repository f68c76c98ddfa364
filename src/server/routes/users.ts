/** Accounts, for admins (the same library as `vindex user`). */
import { z } from 'zod';
import { VindexError } from '../../errors.ts';
import { createUser, disableUser, listUsers, resetPassword } from '../../users/index.ts';
import { ROLES, route, type RouteSpec } from '../route.ts';

const UserSchema = z.object({
  name: z.string(), role: z.enum(ROLES), disabled: z.boolean(), lockedUntil: z.string().nullable(),
  createdAt: z.string(), createdBy: z.string(), lastLoginAt: z.string().nullable(),
});
const NameParams = z.object({ name: z.string().min(1).max(32) });
// Length is checked by the password policy (VDX_PASSWORD_POLICY), so the message says what to do.
const Password = z.string().min(1).max(1024);

export const userRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/users', roles: ['admin'], tags: ['users'],
    summary: 'Every user with role, state and last sign-in',
    response: z.object({ users: z.array(UserSchema) }),
    handler: async ({ ctx }) => ({ users: await listUsers(ctx.store) }),
  }),
  route({
    method: 'POST', url: '/api/users', roles: ['admin'], tags: ['users'], status: 201,
    summary: 'Add a user with a role and an initial password (audited)',
    body: z.object({ name: z.string().min(1).max(32), role: z.enum(ROLES), password: Password }).strict(),
    response: UserSchema,
    handler: ({ ctx, user, body }) => createUser(ctx.store, { ...body, actor: user.name, cost: ctx.config.argon2 }),
  }),
  route({
    method: 'POST', url: '/api/users/:name/disable', roles: ['admin'], tags: ['users'],
    summary: 'Disable a user and end their sessions (audited)',
    params: NameParams,
    response: z.object({ name: z.string(), disabled: z.literal(true) }),
    async handler({ ctx, user, params }) {
      if (params.name === user.name) throw new VindexError('VDX_CONFLICT', 'you cannot disable your own account (another admin can)');
      await disableUser(ctx.store, params.name, user.name);
      return { name: params.name, disabled: true as const };
    },
  }),
  route({
    method: 'POST', url: '/api/users/:name/reset', roles: ['admin'], tags: ['users'],
    summary: 'Set a new password, lift a lock-out, re-enable, end the sessions (audited)',
    params: NameParams,
    body: z.object({ password: Password }).strict(),
    response: z.object({ name: z.string(), reset: z.literal(true) }),
    async handler({ ctx, user, params, body }) {
      await resetPassword(ctx.store, { name: params.name, password: body.password, actor: user.name, cost: ctx.config.argon2 });
      return { name: params.name, reset: true as const };
    },
  }),
];
