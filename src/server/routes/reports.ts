/** The profile report as one self-contained HTML page, exactly as `vindex report` writes index.html. */
import { z } from 'zod';
import { route, type RouteSpec } from '../route.ts';
import { profileReportHtml } from '../services/profile.ts';
import { profileOptions, profileQuery } from './analysis.ts';

/** The page's own policy (src/report/render.ts): inline styles only, nothing loaded. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export const reportRoutes: RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/reports/profile',
    roles: ['analyst'],
    summary: 'The study profile report (self-contained HTML); not disclosure-checked',
    tags: ['reports'],
    query: profileQuery.extend({ title: z.string().max(200).optional().describe('Title of the report') }),
    raw: true,
    response: z.string().describe('text/html'),
    async handler(req, reply) {
      const options = { ...profileOptions(req.query), ...(req.query.title !== undefined ? { title: req.query.title } : {}) };
      const page = await req.ctx.cache.get(`report:profile:${JSON.stringify(options)}`, () => profileReportHtml(req.ctx.store, options));
      await reply.type('text/html; charset=utf-8').header('content-security-policy', REPORT_CSP).header('cache-control', 'private, no-store').send(page);
      return page;
    },
  }),
];
