/**
 * Releases with approval (four-eyes): an analyst creates a `pending` release (a job: compute →
 * protect → write → check, as `vindex release create`); an output-checker who is not its creator
 * approves it (`released`) or rejects it with a reason code (`rejected`). Readers see released
 * releases only; for them anything else does not exist (404).
 */
import { randomBytes } from 'node:crypto';
import { realpath, readFile } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { Updateable } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import { VindexError } from '../../errors.ts';
import { DIMENSIONS, type Dimension } from '../../indicators/index.ts';
import { createRelease, MANIFEST_FILE, readManifest } from '../../release/index.ts';
import type { Store } from '../../store/index.ts';
import type { ReleaseTable } from '../../store/schema.ts';
import { route, type Role, type RouteSpec, type SessionUser } from '../route.ts';

export const REJECT_REASONS = ['disclosure-risk', 'wrong-parameters', 'data-quality', 'superseded'] as const;
export const RELEASE_STATUSES = ['pending', 'released', 'rejected'] as const;

/** Who may read releases; a reader only released ones. */
const READERS: readonly Role[] = ['admin', 'analyst', 'output-checker', 'reader'];

const ReleaseSchema = z.object({
  id: z.string(),
  status: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  rejectedBy: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  method: z.string(),
  auditPass: z.boolean().nullable(),
  snapshotHash: z.string(),
  codebookVersion: z.string(),
  softwareVersion: z.string(),
  parameters: z.record(z.string(), z.unknown()),
});
export type ReleaseRow = z.infer<typeof ReleaseSchema>;

const IdParams = z.object({ id: z.string().regex(/^rel[0-9]+$/, 'a release id such as rel1') });

async function rows(store: Store, where: { id?: string; releasedOnly: boolean }) {
  let q = store.db.selectFrom('release').selectAll();
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.releasedOnly) q = q.where('status', '=', 'released');
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

type Row = Awaited<ReturnType<typeof rows>>[number];

function view(r: Row): ReleaseRow {
  return {
    id: r.id, status: r.status, createdAt: r.created_at, createdBy: r.created_by, releasedBy: r.released_by, releasedAt: r.released_at,
    rejectedBy: r.rejected_by, rejectedAt: r.rejected_at, rejectReason: r.reject_reason, method: r.method,
    auditPass: r.audit_pass === null ? null : r.audit_pass === 1, snapshotHash: r.snapshot_hash, codebookVersion: r.codebook_version,
    softwareVersion: r.software_version, parameters: JSON.parse(r.parameters) as Record<string, unknown>,
  };
}

/** The release as this user may see it, else 404 (a reader is not told that a pending release exists). */
export async function visibleRelease(store: Store, id: string, user: SessionUser): Promise<Row> {
  const [row] = await rows(store, { id, releasedOnly: user.role === 'reader' });
  if (!row) throw new VindexError('VDX_NOT_FOUND', `no release ${id}`);
  return row;
}

/** The newest released release, if any. */
export async function latestReleased(store: Store): Promise<Row | undefined> {
  const [row] = await store.db.selectFrom('release').selectAll().where('status', '=', 'released').orderBy('released_at', 'desc').orderBy('id', 'desc').limit(1).execute();
  return row;
}

/**
 * An output-checker's decision on a pending release, in one transaction with its audit entry:
 * `check` may refuse (four-eyes) and gives the entry's detail; `change` sets the new status.
 */
async function decidePending(
  store: Store,
  id: string,
  user: SessionUser,
  action: 'release.approve' | 'release.reject',
  change: (now: string) => Updateable<ReleaseTable>,
  check: (row: Row) => Record<string, unknown>,
): Promise<ReleaseRow> {
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('release').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new VindexError('VDX_NOT_FOUND', `no release ${id}`);
    const detail = check(row);
    if (row.status !== 'pending') throw new VindexError('VDX_CONFLICT', `release ${id} is ${row.status}, not pending`);
    await tx.updateTable('release').set(change(now)).where('id', '=', id).execute();
    await appendAudit(tx, { actor: user.name, action, object: `release:${id}`, detail }, now);
  });
  return view((await rows(store, { id, releasedOnly: false }))[0]!);
}

const CreateBody = z.object({
  tables: z.array(z.array(z.enum(DIMENSIONS as [Dimension, ...Dimension[]])).min(1).max(3)).min(1).max(6).optional(),
  indicators: z.array(z.string().regex(/^[a-z0-9-]{1,64}$/)).min(1).max(50).optional(),
  aggregation: z.enum(['pooled', 'equal-country']).optional(),
  level: z.number().gt(0.5).lt(1).optional(),
  sample: z.string().regex(/^s[0-9]+$/).optional(),
  method: z.enum(['suppression', 'rounding', 'noise']).optional(),
  threshold: z.number().int().min(1).max(1000).optional(),
  protectZeros: z.boolean().optional(),
  base: z.number().int().min(2).max(1000).optional(),
  epsilon: z.number().positive().max(100).optional(),
  seed: z.number().int().min(0).optional(),
  exactRounds: z.number().int().min(0).max(1000).optional(),
  title: z.string().min(1).max(200).optional(),
}).strict();
export type CreateReleaseBody = z.infer<typeof CreateBody>;

/**
 * Release jobs run one at a time: createRelease picks the next id before it records the release,
 * so two at once would pick the same id. Each job waits for the one before it.
 */
let releaseQueue: Promise<unknown> = Promise.resolve();

const PHASES = ['computing the indicators', 'protecting the counts', 'writing CSV and SDMX', 'writing the report', 'checking every file'];

/** A fresh folder name under the releases folder (the release id is only known once it is recorded). */
function folderName(now: string): string {
  return `${now.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
}

/** Content types of the files a release holds. */
const TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8', '.json': 'application/json; charset=utf-8', '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.pdf': 'application/pdf', '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8',
};

export const releaseRoutes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/releases', roles: READERS, tags: ['releases'],
    summary: 'Releases, newest first (a reader sees released ones only)',
    query: z.object({ status: z.enum(RELEASE_STATUSES).optional() }),
    response: z.object({ releases: z.array(ReleaseSchema) }),
    async handler({ ctx, user, query }) {
      const list = (await rows(ctx.store, { releasedOnly: user.role === 'reader' })).filter((r) => !query.status || r.status === query.status);
      return { releases: list.map(view) };
    },
  }),
  route({
    method: 'GET', url: '/api/releases/:id', roles: READERS, tags: ['releases'],
    summary: 'One release with its manifest: method record, disclosure audit, withheld items, files',
    params: IdParams,
    response: z.object({
      release: ReleaseSchema,
      manifest: z.object({
        method: z.unknown(), audit: z.unknown(), withheld: z.array(z.unknown()),
        files: z.array(z.object({ path: z.string(), sha256: z.string(), bytes: z.number() })),
        synthetic: z.boolean(), data: z.record(z.string(), z.unknown()),
      }),
    }),
    async handler({ ctx, user, params }) {
      const row = await visibleRelease(ctx.store, params.id, user);
      const { manifest } = await readManifest(row.location);
      return {
        release: view(row),
        manifest: { method: manifest.disclosure.method, audit: manifest.disclosure.audit, withheld: [...manifest.disclosure.withheld], files: manifest.files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })), synthetic: manifest.synthetic, data: { ...manifest.data } },
      };
    },
  }),
  route({
    method: 'POST', url: '/api/releases', roles: ['analyst'], tags: ['releases'], status: 202,
    summary: 'Create a pending release (a job: compute, protect, write, check); an output-checker approves it',
    body: CreateBody,
    response: z.object({ id: z.string() }),
    async handler({ ctx, user, body }) {
      const now = new Date().toISOString();
      const out = join(ctx.config.releasesDir, folderName(now));
      const { id } = ctx.jobs.start('release.create', user, async (progress) => {
        progress({ done: 0, total: PHASES.length, phase: 'waiting for the release before it' });
        const turn = releaseQueue.catch(() => undefined);
        let done!: () => void;
        releaseQueue = new Promise<void>((resolve) => (done = resolve));
        await turn;
        try {
          return await make(progress);
        } finally {
          done();
        }
      });
      return { id };

      async function make(progress: (p: { done: number; total: number; phase: string }) => void): Promise<{ releaseId: string; status: string; files: number }> {
        progress({ done: 0, total: PHASES.length, phase: PHASES[0]! });
        const created = await createRelease(ctx.store, {
          out, actor: user.name, status: 'pending', pdf: 'no',
          ...(body.tables ? { tables: body.tables } : {}),
          ...(body.indicators ? { indicators: body.indicators } : {}),
          ...(body.aggregation ? { aggregation: body.aggregation } : {}),
          ...(body.level !== undefined ? { level: body.level } : {}),
          ...(body.sample ? { sample: body.sample } : {}),
          ...(body.method ? { method: body.method } : {}),
          ...(body.threshold !== undefined || body.protectZeros !== undefined ? { rules: { ...(body.threshold !== undefined ? { threshold: body.threshold } : {}), ...(body.protectZeros !== undefined ? { protectZeros: body.protectZeros } : {}) } } : {}),
          ...(body.base !== undefined ? { base: body.base } : {}),
          ...(body.epsilon !== undefined ? { epsilon: body.epsilon } : {}),
          ...(body.seed !== undefined ? { seed: body.seed } : {}),
          ...(body.exactRounds !== undefined ? { exactRounds: body.exactRounds } : {}),
          ...(body.title ? { title: body.title } : {}),
          onStep: (step) => {
            const i = PHASES.findIndex((p) => step.startsWith(p));
            progress({ done: i < 0 ? 0 : i, total: PHASES.length, phase: step });
          },
        });
        progress({ done: PHASES.length, total: PHASES.length, phase: 'done' });
        return { releaseId: created.id, status: 'pending', files: created.manifest.files.length };
      }
    },
  }),
  route({
    method: 'POST', url: '/api/releases/:id/approve', roles: ['output-checker'], tags: ['releases'],
    summary: 'Approve a pending release (never by its creator: four-eyes); it becomes released',
    params: IdParams,
    response: ReleaseSchema,
    async handler({ ctx, user, params }) {
      return decidePending(ctx.store, params.id, user, 'release.approve', (now) => ({ status: 'released', released_by: user.name, released_at: now }), (row) => {
        if (row.created_by === user.name) throw new VindexError('VDX_FOUR_EYES', `release ${params.id} was created by you: another output-checker must approve it`);
        return { createdBy: row.created_by };
      });
    },
  }),
  route({
    method: 'POST', url: '/api/releases/:id/reject', roles: ['output-checker'], tags: ['releases'],
    summary: 'Reject a pending release with a reason code',
    params: IdParams,
    body: z.object({ reason: z.enum(REJECT_REASONS) }).strict(),
    response: ReleaseSchema,
    async handler({ ctx, user, params, body }) {
      return decidePending(ctx.store, params.id, user, 'release.reject', (now) => ({ status: 'rejected', rejected_by: user.name, rejected_at: now, reject_reason: body.reason }), () => ({ reason: body.reason }));
    },
  }),
  route({
    method: 'GET', url: '/api/releases/:id/files/*', roles: READERS, tags: ['releases'], raw: true,
    summary: 'A file of a release folder (only files its manifest lists, and manifest.json)',
    params: z.object({ id: IdParams.shape.id, '*': z.string().min(1).max(300) }),
    response: z.unknown(),
    async handler({ ctx, user, params }, reply) {
      const row = await visibleRelease(ctx.store, params.id, user);
      const path = params['*'];
      const { manifest } = await readManifest(row.location);
      // Only the files the manifest names: no path the client makes up (../, absolute, links) can reach anything else.
      if (path !== MANIFEST_FILE && !manifest.files.some((f) => f.path === path)) throw new VindexError('VDX_NOT_FOUND', `release ${params.id} has no file ${path}`);
      const root = await realpath(row.location);
      const full = await realpath(join(root, path)).catch(() => undefined);
      if (!full || !full.startsWith(root + sep)) throw new VindexError('VDX_NOT_FOUND', `release ${params.id} has no file ${path}`);
      const type = TYPES[extname(full).toLowerCase()] ?? 'application/octet-stream';
      return reply.type(type).header('x-content-type-options', 'nosniff').send(await readFile(full));
    },
  }),
];

