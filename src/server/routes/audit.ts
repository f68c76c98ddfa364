/** The audit log, read-only: there is no route that writes or deletes entries (only appendAudit, inside each write). */
import { z } from 'zod';
import { verifyAudit } from '../../audit/index.ts';
import { route, type RouteSpec } from '../route.ts';

const EntrySchema = z.object({ seq: z.number(), at: z.string(), actor: z.string(), action: z.string(), object: z.string(), detail: z.unknown(), hash: z.string() });

export const auditRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/audit', roles: ['admin', 'output-checker'], tags: ['audit'],
    summary: 'Audit entries in order: after a sequence number, of an action prefix, at most limit',
    query: z.object({
      action: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, 'an action or prefix such as release. or coding.').optional(),
      after: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    response: z.object({ entries: z.array(EntrySchema), next: z.number().nullable() }),
    async handler({ ctx, query }) {
      let q = ctx.store.db.selectFrom('audit_log').selectAll().orderBy('seq').limit(query.limit + 1);
      if (query.after !== undefined) q = q.where('seq', '>', query.after);
      if (query.action) q = q.where('action', 'like', `${query.action}%`);
      const rows = await q.execute();
      const page = rows.slice(0, query.limit);
      return {
        entries: page.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, object: r.object, detail: JSON.parse(r.detail) as unknown, hash: r.hash })),
        next: rows.length > query.limit ? page.at(-1)!.seq : null,
      };
    },
  }),
  route({
    method: 'GET', url: '/api/audit/verify', roles: ['admin'], tags: ['audit'],
    summary: 'Walk the hash chain; names the first entry that was edited, deleted or reordered',
    response: z.object({ ok: z.boolean(), entries: z.number(), failure: z.object({ seq: z.number(), reason: z.string() }).optional() }),
    handler: async ({ ctx }) => verifyAudit(ctx.store.db),
  }),
];
