import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/index.ts';
import { createRelease } from '../release/index.ts';
import { loadSyntheticDataset } from '../release/testing/datasets.ts';
import type { JobView } from './jobs.ts';
import { testServer, type Client, type TestServer } from './testing/test-server.ts';

let s: TestServer;
let analyst: Client;
let checker: Client;
let checker2: Client;
let reader: Client;
let admin: Client;
let relId: string;

const FAST = { method: 'rounding', base: 5, tables: [['country']], indicators: ['victims-unidentified'] };

async function finished(c: Client, jobId: string): Promise<JobView> {
  await s.ctx.jobs.wait(jobId);
  const res = await c.request('GET', `/api/jobs/${jobId}`);
  expect(res.statusCode).toBe(200);
  return res.json() as JobView;
}

beforeAll(async () => {
  s = await testServer();
  await loadSyntheticDataset(s.temp);
  [analyst, checker, checker2, reader, admin] = await Promise.all(['analyst', 'checker', 'checker2', 'reader', 'admin'].map((n) => s.signIn(n)));
  const res = await analyst.request('POST', '/api/releases', FAST);
  expect(res.statusCode).toBe(202);
  const job = await finished(analyst, (res.json() as { id: string }).id);
  expect(job).toMatchObject({ kind: 'release.create', state: 'done', progress: { phase: 'done' } });
  relId = (job.result as { releaseId: string }).releaseId;
}, 120_000);
afterAll(async () => {
  await s?.cleanup();
});

describe('releases with approval', () => {
  it('the analyst\'s release is pending, audited with the analyst as actor, and its job is not visible to others', async () => {
    const list = (await analyst.request('GET', '/api/releases')).json() as { releases: { id: string; status: string; createdBy: string }[] };
    expect(list.releases).toEqual([expect.objectContaining({ id: relId, status: 'pending', createdBy: 'analyst' })]);
    const entry = await s.temp.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'release.create').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor: 'analyst', object: `release:${relId}` });
    expect(JSON.parse(entry.detail)).toMatchObject({ status: 'pending', method: 'rounding' });
  });

  it('a reader sees no pending release: not in the list, 404 for it and its files, and an empty dashboard', async () => {
    expect((await reader.request('GET', '/api/releases')).json()).toEqual({ releases: [] });
    const one = await reader.request('GET', `/api/releases/${relId}`);
    expect(one.statusCode).toBe(404);
    expect(one.json()).toMatchObject({ error: { code: 'VDX_NOT_FOUND' } });
    expect((await reader.request('GET', `/api/releases/${relId}/files/indicators.csv`)).statusCode).toBe(404);
    expect((await reader.request('GET', '/api/dashboard')).json()).toEqual({ release: null, indicators: [], observations: [] });
  });

  it('four-eyes: the creator cannot approve (403 VDX_FOUR_EYES); another output-checker can', async () => {
    // A release made by the checker (e.g. from the command line as that user) and left pending.
    const own = await createRelease(s.temp.store, { out: `${s.ctx.config.releasesDir}/by-checker`, actor: 'checker', status: 'pending', pdf: 'no', method: 'rounding', tables: [['year']], indicators: ['victims-unidentified'] });
    const refused = await checker.request('POST', `/api/releases/${own.id}/approve`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'VDX_FOUR_EYES' } });
    expect((await s.temp.store.db.selectFrom('release').select('status').where('id', '=', own.id).executeTakeFirstOrThrow()).status).toBe('pending');
    const ok = await checker2.request('POST', `/api/releases/${own.id}/approve`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: own.id, status: 'released', releasedBy: 'checker2', createdBy: 'checker' });
    const again = await checker.request('POST', `/api/releases/${own.id}/reject`, { reason: 'superseded' });
    expect(again.statusCode).toBe(409);
  });

  it('approval by an output-checker makes it visible to readers, with its files and the dashboard', async () => {
    const res = await checker.request('POST', `/api/releases/${relId}/approve`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'released', releasedBy: 'checker' });
    const detail = await reader.request('GET', `/api/releases/${relId}`);
    expect(detail.statusCode).toBe(200);
    const files = (detail.json() as { manifest: { files: { path: string }[] } }).manifest.files.map((f) => f.path);
    expect(files).toContain('indicators.csv');
    const csv = await reader.request('GET', `/api/releases/${relId}/files/indicators.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.split('\n')[0]).toMatch(/^indicator,unit,by,country/);
    const dash = (await reader.request('GET', '/api/dashboard')).json() as { release: { id: string }; indicators: { id: string; title: string }[]; observations: { indicator: string; by: string; dims: Record<string, string>; numerator: number | null }[] };
    expect(dash.release.id).toBe(relId); // approved after the four-eyes test's release: the latest
    expect(dash.indicators.find((i) => i.id === 'victims-unidentified')?.title).toBe('Victims who remain unidentified');
    expect(dash.observations.length).toBe(csv.body.trim().split('\n').length - 1);
    expect(dash.observations.every((o) => o.numerator === null || o.numerator % 5 === 0)).toBe(true);
    expect(dash.observations.some((o) => o.indicator === 'victims-unidentified' && o.dims.country !== undefined)).toBe(true);
    const entries = await s.temp.store.db.selectFrom('audit_log').select(['actor', 'action', 'object']).where('action', '=', 'release.approve').orderBy('seq').execute();
    expect(entries.map((e) => [e.actor, e.object])).toContainEqual(['checker', `release:${relId}`]);
  });

  it('files: only what the manifest lists; no path traversal', async () => {
    for (const path of ['..%2F..%2Fetc%2Fpasswd', '%2E%2E/%2E%2E/test.db', 'sdmx/..%2F..%2F..%2Ftest.db', '%2Fetc%2Fpasswd', 'nothing.csv']) {
      const r = await reader.request('GET', `/api/releases/${relId}/files/${path}`);
      // 400: the URL normalised to another route whose id is then not a release id; never the file.
      expect([[400, 404].includes(r.statusCode), path]).toEqual([true, path]);
      expect(r.body).toMatch(/"code":"VDX_(NOT_FOUND|REQUEST_INVALID)"/);
    }
    expect((await reader.request('GET', `/api/releases/${relId}/files/manifest.json`)).statusCode).toBe(200);
  });

  it('reject needs a reason code; a rejected release stays hidden from readers', async () => {
    const res = await analyst.request('POST', '/api/releases', FAST);
    const job = await finished(analyst, (res.json() as { id: string }).id);
    const id = (job.result as { releaseId: string }).releaseId;
    const bad = await checker.request('POST', `/api/releases/${id}/reject`, { reason: 'because I say so' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(/^body\.reason: /);
    const ok = await checker.request('POST', `/api/releases/${id}/reject`, { reason: 'disclosure-risk' });
    expect(ok.json()).toMatchObject({ status: 'rejected', rejectedBy: 'checker', rejectReason: 'disclosure-risk' });
    expect((await reader.request('GET', `/api/releases/${id}`)).statusCode).toBe(404);
    expect(((await admin.request('GET', '/api/releases?status=rejected')).json() as { releases: { id: string }[] }).releases.map((r) => r.id)).toEqual([id]);
    expect(((await checker.request('GET', `/api/jobs/${job.id}`))).statusCode).toBe(404);
    expect(((await admin.request('GET', `/api/jobs/${job.id}`))).statusCode).toBe(200);
    expect(await verifyAudit(s.temp.store.db)).toMatchObject({ ok: true });
  });

  it('two releases asked for at once both succeed, with different ids (release jobs run one at a time)', async () => {
    const started = await Promise.all([analyst.request('POST', '/api/releases', FAST), analyst.request('POST', '/api/releases', FAST)]);
    const jobs = await Promise.all(started.map((r) => finished(analyst, (r.json() as { id: string }).id)));
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    const ids = jobs.map((j) => (j.result as { releaseId: string }).releaseId);
    expect(new Set(ids).size).toBe(2);
  });

  it('a failing release job reports its error code', async () => {
    const res = await analyst.request('POST', '/api/releases', { ...FAST, indicators: ['no-such-indicator'] });
    const job = await finished(analyst, (res.json() as { id: string }).id);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toMatch(/^VDX_/);
    expect(job.error?.code).not.toBe('VDX_INTERNAL');
  });
});
