/** GET /api/jobs/:id: progress and result of a job the user started (admins: any job). */
import { z } from 'zod';
import { VindexError } from '../../errors.ts';
import { ROLES, route, type RouteSpec } from '../route.ts';

export const jobRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/jobs/:id', roles: ROLES, tags: ['jobs'],
    summary: 'A job: state (running, done, failed), progress {done, total, phase}, result or error',
    params: z.object({ id: z.string().regex(/^job-[0-9a-f-]{36}$/, 'a job id as returned when the job started') }),
    response: z.object({
      id: z.string(), kind: z.string(), state: z.enum(['running', 'done', 'failed']),
      progress: z.object({ done: z.number(), total: z.number(), phase: z.string() }),
      result: z.unknown().optional(), error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional().describe('structured data of the failure, e.g. an import\'s row-level issues {file, issues: [{file, row, field, value, message}]}') }).optional(),
      startedAt: z.string(), finishedAt: z.string().optional(),
    }),
    async handler({ ctx, user, params }) {
      const job = ctx.jobs.get(params.id);
      // Someone else's job does not exist for you.
      if (!job || (job.owner !== user.name && user.role !== 'admin')) throw new VindexError('VDX_NOT_FOUND', `no job ${params.id}`);
      const { owner: _owner, ...rest } = job;
      return rest;
    },
  }),
];
