/** Imports of coded metadata: an uploaded CSV or JSON Lines file runs as a job (services/imports.ts). */
import { z } from 'zod';
import { VindexError } from '../../errors.ts';
import { route, type RouteSpec } from '../route.ts';
import { importUpload, listImports } from '../services/imports.ts';

/** Largest upload accepted: the importer streams, but the body is held in memory once. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;

const importQuery = z.object({
  name: z.string().min(1).max(128).describe('The file name, ending in .csv or .jsonl (it tells the format and is recorded in the audit log), e.g. "batch-2026-03.csv"'),
});

const jobStarted = z.object({ id: z.string().describe('Job id: poll GET /api/jobs/:id. Its result is the file summary; a refused file fails the job with the row-level issues (file, row, field, value, message, allowed; the first 50)') });

const batch = z.object({
  contentHash: z.string().describe('SHA-256 of the file bytes; the same content is never imported twice'),
  fileName: z.string().describe('File name as uploaded or given to `vindex import`'),
  format: z.string().describe('csv or jsonl'),
  importedAt: z.string().describe('ISO 8601 UTC time of the import'),
  codebookVersion: z.string().describe('Codebook version the rows were checked against'),
  sources: z.number().int().describe('Source records in the file'),
  series: z.number().int().describe('Series records in the file'),
  victims: z.number().int().describe('Victim records in the file'),
  offenders: z.number().int().describe('Offender records in the file'),
});

export const importRoutes: RouteSpec[] = [
  route({
    method: 'POST',
    url: '/api/imports',
    roles: ['coordinator'],
    summary: 'Import a CSV or JSON Lines file (raw request body) as a job; all or nothing, audited',
    tags: ['imports'],
    query: importQuery,
    status: 202,
    bodyLimit: IMPORT_BODY_LIMIT,
    response: jobStarted,
    async handler(req) {
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body)) throw new VindexError('VDX_IMPORT_FORMAT', 'send the file itself as the request body (Content-Type text/csv, application/x-ndjson or application/octet-stream)');
      const { name } = req.query;
      const actor = req.user.name;
      const { store } = req.ctx;
      // Bytes of the upload in both phases (the scan reports no total of its own): scanning, then importing, 0 → body length.
      return req.ctx.jobs.start('import', req.user, (progress) =>
        importUpload(store, { name, body, actor, onProgress: (p) => progress({ done: Math.min(p.bytes, body.length), total: body.length, phase: p.phase === 'scan' ? 'scanning' : 'importing' }) }),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/imports',
    roles: ['coordinator', 'analyst'],
    summary: 'The import batches of the store, oldest first',
    tags: ['imports'],
    response: z.object({ batches: z.array(batch).describe('One entry per imported file, oldest first') }),
    async handler(req) {
      return { batches: await listImports(req.ctx.store) };
    },
  }),
];
