/**
 * The role × endpoint matrix: EVERY route of allRoutes, called by nobody (401), by each role it
 * does not list (403 VDX_FORBIDDEN) and by each role it lists (neither 401 nor 403), with a
 * valid example request, so the allowed calls really run. The first allowed role's call must
 * succeed (2xx) unless the example is marked as expected to be refused by the domain rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundAssignments } from '../coding/round.ts';
import { createRelease } from '../release/index.ts';
import { loadSyntheticDataset } from '../release/testing/datasets.ts';
import { writeSyntheticFile } from '../synth/index.ts';
import { CHEAP_ARGON2, createUser } from '../users/index.ts';
import { ROLES, type Role, type RouteSpec } from './route.ts';
import { allRoutes } from './routes/index.ts';
import { testServer, TEST_PASSWORD, userOfRole, type Client, type TestServer } from './testing/test-server.ts';

interface World {
  readonly coderUnit: string;
  readonly pendingRelease: string;
  readonly rejectable: string;
  readonly releasedRelease: string;
  readonly jobId: string;
}

interface Example {
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** The example's own call is refused by a domain rule (e.g. a round that cannot close yet): only the role check is tested. */
  readonly refusedByDomain?: boolean;
}

/** A small import file not yet in the store (a file imported before is a no-op: nothing to audit). */
let smallCsv: Buffer;

/** One valid request per route, keyed `METHOD url`. */
const EXAMPLES: Record<string, (w: World) => Example> = {
  'POST /api/session': () => ({ url: '/api/session', body: { username: 'reader', password: TEST_PASSWORD } }),
  'GET /api/session': () => ({ url: '/api/session' }),
  'DELETE /api/session': () => ({ url: '/api/session' }),
  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': () => ({ url: '/api/users', body: { name: 'newcomer', role: 'reader', password: TEST_PASSWORD } }),
  'POST /api/users/:name/disable': () => ({ url: '/api/users/spare/disable' }),
  'POST /api/users/:name/reset': () => ({ url: '/api/users/spare2/reset', body: { password: `${TEST_PASSWORD} again` } }),
  'GET /api/audit': () => ({ url: '/api/audit?limit=5&action=session.' }),
  'GET /api/audit/verify': () => ({ url: '/api/audit/verify' }),
  'GET /api/jobs/:id': (w) => ({ url: `/api/jobs/${w.jobId}`, refusedByDomain: true }), // someone else's job: 404
  'GET /api/releases': () => ({ url: '/api/releases' }),
  'GET /api/releases/:id': (w) => ({ url: `/api/releases/${w.releasedRelease}` }),
  'POST /api/releases': () => ({ url: '/api/releases', body: { method: 'rounding', base: 5, tables: [['year']], indicators: ['victims-unidentified'] } }),
  'POST /api/releases/:id/approve': (w) => ({ url: `/api/releases/${w.pendingRelease}/approve` }),
  'POST /api/releases/:id/reject': (w) => ({ url: `/api/releases/${w.rejectable}/reject`, body: { reason: 'superseded' } }),
  'GET /api/releases/:id/files/*': (w) => ({ url: `/api/releases/${w.releasedRelease}/files/indicators.csv` }),
  'GET /api/dashboard': () => ({ url: '/api/dashboard' }),
  'POST /api/imports': () => ({ url: '/api/imports?name=again.csv', body: smallCsv, headers: { 'content-type': 'text/csv' } }),
  'GET /api/imports': () => ({ url: '/api/imports' }),
  'GET /api/samples': () => ({ url: '/api/samples' }),
  'GET /api/samples/:id': () => ({ url: '/api/samples/s1' }),
  'POST /api/samples': () => ({ url: '/api/samples', body: { design: 'srs', size: 5, seed: 9 } }),
  'GET /api/rounds': () => ({ url: '/api/rounds' }),
  'GET /api/rounds/:id': () => ({ url: '/api/rounds/r1' }),
  'POST /api/rounds': () => ({ url: '/api/rounds', body: { sampleId: 's1', coders: ['coder1', 'coder2'], overlap: 1, seed: 3, variables: ['victim.gender'] } }),
  'POST /api/rounds/:id/close': () => ({ url: '/api/rounds/r1/close', refusedByDomain: true }), // units not coded yet: 422
  'GET /api/rounds/:id/reliability': () => ({ url: '/api/rounds/r1/reliability?replicates=20' }),
  'GET /api/rounds/:id/disagreements': () => ({ url: '/api/rounds/r1/disagreements' }),
  'POST /api/rounds/:id/adjudications': () => ({ url: '/api/rounds/r1/adjudications', body: { decisions: [] }, refusedByDomain: true }),
  'GET /api/coding/queue': () => ({ url: '/api/coding/queue' }),
  'GET /api/coding/:round/units/:series': (w) => ({ url: `/api/coding/r1/units/${w.coderUnit}` }),
  'PUT /api/coding/:round/units/:series/values': (w) => ({ url: `/api/coding/r1/units/${w.coderUnit}/values`, body: { record: 'series', unitKey: w.coderUnit, variable: 'series.selfGenerated', value: 'yes' } }),
  'GET /api/profile': () => ({ url: '/api/profile' }),
  'GET /api/indicators': () => ({ url: '/api/indicators?indicator=victims-unidentified&by=region' }),
  'GET /api/indicators/:id/map.svg': () => ({ url: '/api/indicators/victims-unidentified/map.svg' }),
  'GET /api/reports/profile': () => ({ url: '/api/reports/profile' }),
};

const keyOf = (spec: RouteSpec): string => `${spec.method} ${spec.url}`;

let s: TestServer;
let world: World;
const clients = new Map<Role, Client>();

beforeAll(async () => {
  s = await testServer({ config: { loginRatePerMinute: 100_000 } });
  const store = s.temp.store;
  for (const name of ['spare', 'spare2']) await createUser(store, { name, role: 'reader', password: TEST_PASSWORD, actor: 'setup', cost: CHEAP_ARGON2 });
  await loadSyntheticDataset(s.temp);
  const small = join(s.temp.dir, 'small.csv');
  await writeSyntheticFile({ seed: 9, series: 5, out: small, format: 'csv' });
  smallCsv = readFileSync(small);
  for (const role of ROLES) clients.set(role, await s.signIn(userOfRole(role)));
  const coord = clients.get('coordinator')!;
  expect((await coord.request('POST', '/api/samples', { design: 'srs', size: 8, seed: 1 })).statusCode).toBe(201);
  expect((await coord.request('POST', '/api/rounds', { sampleId: 's1', coders: ['coder1', 'coder2'], overlap: 1, seed: 2, variables: ['series.selfGenerated', 'victim.gender'] })).statusCode).toBe(201);
  const coderUnit = (await roundAssignments(store, 'r1')).find((a) => a.coder === 'coder1')!.seriesKey;
  const rel = (status: 'released' | 'pending', dir: string) =>
    createRelease(store, { out: join(s.ctx.config.releasesDir, dir), actor: 'analyst', status, pdf: 'no', method: 'rounding', tables: [['country']], indicators: ['victims-unidentified'] });
  const releasedRelease = (await rel('released', 'a')).id;
  const pendingRelease = (await rel('pending', 'b')).id;
  const rejectable = (await rel('pending', 'c')).id;
  const job = s.ctx.jobs.start('test', { name: 'nobody', role: 'admin' }, async () => 1);
  await s.ctx.jobs.wait(job.id);
  world = { coderUnit, pendingRelease, rejectable, releasedRelease, jobId: job.id };
}, 120_000);
afterAll(async () => {
  await s?.cleanup();
});

async function auditHead(): Promise<number> {
  return (await s.temp.store.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ?? 0;
}

/** The actors of the audit entries written since `after` (once running jobs have finished). */
async function actorsSince(after: number): Promise<string[]> {
  await s.ctx.jobs.idle();
  return (await s.temp.store.db.selectFrom('audit_log').select('actor').where('seq', '>', after).orderBy('seq').execute()).map((r) => r.actor);
}

async function call(spec: RouteSpec, role: Role | 'anonymous'): Promise<{ status: number; code: string | undefined; before: number }> {
  const ex = EXAMPLES[keyOf(spec)]!(world);
  let res;
  let before = 0;
  if (role === 'anonymous') {
    res = await s.app.inject({ method: spec.method, url: ex.url, headers: ex.headers ?? {}, ...(ex.body === undefined ? {} : { payload: ex.body as string }) });
  } else {
    // Signing out ends the session: that call gets a session of its own.
    const client = spec.method === 'DELETE' && spec.url === '/api/session' ? await s.signIn(userOfRole(role)) : clients.get(role)!;
    before = await auditHead();
    res = await client.request(spec.method, ex.url, ex.body, ex.headers);
  }
  const code = res.headers['content-type']?.toString().startsWith('application/json') ? (res.json() as { error?: { code: string } }).error?.code : undefined;
  return { status: res.statusCode, code, before };
}

describe('role × endpoint matrix', () => {
  it('every route has an example request here', () => {
    expect(allRoutes.map(keyOf).filter((k) => !EXAMPLES[k])).toEqual([]);
    expect(allRoutes.length).toBeGreaterThanOrEqual(30);
  });

  for (const spec of allRoutes) {
    it(`${keyOf(spec)}: ${spec.roles === 'public' ? 'public' : spec.roles.join(', ')}`, async () => {
      if (!EXAMPLES[keyOf(spec)]) return; // reported by the test above
      const allowed = spec.roles === 'public' ? ROLES : spec.roles;
      const anon = await call(spec, 'anonymous');
      if (spec.roles === 'public') expect(anon.status).toBeLessThan(400);
      else expect([anon.status, anon.code]).toEqual([401, 'VDX_UNAUTHENTICATED']);
      let first = true;
      for (const role of ROLES) {
        const r = await call(spec, role);
        if (allowed.includes(role)) {
          expect([role, r.status === 401 || r.status === 403, r.status >= 500]).toEqual([role, false, false]);
          if (first && !EXAMPLES[keyOf(spec)]!(world).refusedByDomain) {
            expect([role, r.status, r.code]).toEqual([role, spec.status ?? 200, undefined]);
            // Every write through the API is audited, with the signed-in user as actor (sign-in: the user signing in).
            if (spec.method !== 'GET') expect(await actorsSince(r.before)).toContain(spec.roles === 'public' ? 'reader' : userOfRole(role));
          }
          first = false;
        } else {
          expect([role, r.status, r.code]).toEqual([role, 403, 'VDX_FORBIDDEN']);
        }
      }
    });
  }
});
