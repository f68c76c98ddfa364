/**
 * The domain endpoints end to end through app.inject, as the web app uses them: the coordinator
 * imports a synthetic file, draws a sample and creates a round; the coder codes through the form;
 * the analyst reads status, reliability, disagreements, profile, indicators, the map and the report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/index.ts';
import { roundAssignments } from '../../coding/round.ts';
import { writeSyntheticFile } from '../../synth/index.ts';
import { testServer, type Client, type TestServer } from '../testing/test-server.ts';

let s: TestServer;
let coord: Client;
let coder: Client;
let analyst: Client;
let csv: Buffer;

beforeAll(async () => {
  s = await testServer();
  const file = join(s.temp.dir, 'synthetic.csv');
  await writeSyntheticFile({ seed: 3, series: 60, out: file, format: 'csv' });
  csv = readFileSync(file);
  [coord, coder, analyst] = await Promise.all([s.signIn('coord'), s.signIn('coder1'), s.signIn('analyst')]);
});
afterAll(async () => s.cleanup());

const json = <T>(res: { json(): unknown }): T => res.json() as T;

describe('imports', () => {
  it('a refused file fails its job with the problem named by file and row, and changes nothing', async () => {
    const bad = Buffer.from(csv.toString('utf8').replace(/\nvictim,([^\n]*)/, (line) => line.replace(/,(female|male),/, ',martian,')));
    const started = await coord.request('POST', '/api/imports?name=bad.csv', bad, { 'content-type': 'text/csv' });
    expect(started.statusCode).toBe(202);
    const job = await s.ctx.jobs.wait(json<{ id: string }>(started).id);
    expect(job).toMatchObject({ kind: 'import', owner: 'coord', state: 'failed', error: { code: 'VDX_IMPORT_INVALID' } });
    expect(job.error!.message).toMatch(/bad\.csv:\d+ field victim\.gender value "martian": is not a code of this variable/);
    // The row-level issues reach the web app as data through GET /api/jobs/:id.
    const view = json<{ error: { details: { file: string; issues: { file: string; row: number; field: string; value: string }[] } } }>(await coord.request('GET', `/api/jobs/${job.id}`));
    expect(view.error.details.file).toBe('bad.csv');
    expect(view.error.details.issues[0]).toMatchObject({ file: 'bad.csv', field: 'victim.gender', value: 'martian' });
    expect(view.error.details.issues[0]!.row).toBeGreaterThan(1);
    expect(json<{ batches: unknown[] }>(await coord.request('GET', '/api/imports')).batches).toEqual([]);
  });

  it('imports the raw body as a job with progress, audited as the coordinator', async () => {
    const started = await coord.request('POST', '/api/imports?name=synthetic-60.csv', csv, { 'content-type': 'text/csv' });
    expect(started.statusCode).toBe(202);
    const { id } = json<{ id: string }>(started);
    const job = await s.ctx.jobs.wait(id);
    expect(job).toMatchObject({ state: 'done', result: { file: 'synthetic-60.csv', status: 'imported', series: 60 }, progress: { done: csv.length, total: csv.length, phase: 'importing' } });
    const list = json<{ batches: { fileName: string; series: number }[] }>(await analyst.request('GET', '/api/imports'));
    expect(list.batches).toEqual([expect.objectContaining({ fileName: 'synthetic-60.csv', series: 60 })]);
    const [entry] = await listAudit(s.temp.store.db, { actionPrefix: 'import' });
    expect(entry).toMatchObject({ actor: 'coord', action: 'import' });
  });

  it('refuses a name that is not .csv or .jsonl, and imports only for coordinators', async () => {
    const res = await coord.request('POST', '/api/imports?name=data.xlsx', csv, { 'content-type': 'application/octet-stream' });
    const job = await s.ctx.jobs.wait(json<{ id: string }>(res).id);
    expect(job.error).toMatchObject({ code: 'VDX_IMPORT_FORMAT' });
    expect((await analyst.request('POST', '/api/imports?name=x.csv', csv, { 'content-type': 'text/csv' })).statusCode).toBe(403);
  });
});

describe('samples and rounds', () => {
  it('draws a sample and shows it with its units and check', async () => {
    const bad = await coord.request('POST', '/api/samples', { design: 'srs', size: 500, seed: 1 });
    expect(bad.statusCode).toBe(422);
    expect(json<{ error: { code: string; message: string } }>(bad).error).toMatchObject({ code: 'VDX_SAMPLE_INVALID', message: expect.stringMatching(/--size 500 is larger than the frame \(60 series/) as string });
    for (const [body, message] of [
      [{ design: 'equal', strataBy: [], size: 5, seed: 1 }, /^design equal needs strataBy/],
      [{ design: 'srs', strataBy: ['region'], size: 5, seed: 1 }, /^strataBy needs a stratified design/],
      [{ design: 'srs', size: 5, seed: 1, frame: 'planet=mars' }, /unknown key "planet"/],
    ] as const) {
      const refused = await coord.request('POST', '/api/samples', body);
      expect([refused.statusCode, json<{ error: { message: string } }>(refused).error.message]).toEqual([422, expect.stringMatching(message)]);
    }
    const res = await coord.request('POST', '/api/samples', { design: 'proportional', strataBy: ['series.selfGenerated'], size: 12, seed: 7, frame: 'years=1990-2030' });
    expect(res.statusCode).toBe(201);
    const created = json<{ id: string; sampleSize: number; frameSize: number; frameText: string; createdBy: string; design: { kind: string } }>(res);
    expect(created).toMatchObject({ id: 's1', sampleSize: 12, frameSize: 60, frameText: 'years=1990-2030', createdBy: 'coord', design: { kind: 'stratified' } });
    const shown = json<{ units: { weight: number }[]; check: { frameMatches: boolean; unitsMatch: boolean } }>(await analyst.request('GET', '/api/samples/s1'));
    expect(shown.units).toHaveLength(12);
    expect(shown.check).toMatchObject({ frameMatches: true, unitsMatch: true });
    expect(json<{ samples: { id: string }[] }>(await analyst.request('GET', '/api/samples')).samples.map((x) => x.id)).toEqual(['s1']);
    expect((await analyst.request('GET', '/api/samples/s9')).statusCode).toBe(404);
  });

  it('refuses a round whose coders are not active users with the coder role, naming the coder', async () => {
    for (const [coder, why] of [['zed', 'is not a user'], ['analyst', 'has the analyst role, not coder']] as const) {
      const res = await coord.request('POST', '/api/rounds', { sampleId: 's1', coders: ['coder1', coder], overlap: 1, seed: 2 });
      expect(res.statusCode).toBe(422);
      expect(json<{ error: { code: string; message: string } }>(res).error).toMatchObject({ code: 'VDX_ROUND_INVALID', message: expect.stringContaining(`"${coder}" ${why}`) as string });
    }
    expect(json<{ rounds: unknown[] }>(await coord.request('GET', '/api/rounds')).rounds).toEqual([]);
  });

  it('creates a round for coder1 and another coder, and shows its progress', async () => {
    const res = await coord.request('POST', '/api/rounds', { sampleId: 's1', coders: ['coder1', 'coder2'], overlap: 1, seed: 2, variables: ['series.selfGenerated', 'victim.gender'] });
    expect(res.statusCode).toBe(201);
    expect(json<{ round: { id: string; coders: string[] }; units: number; overlapUnits: number }>(res)).toMatchObject({ round: { id: 'r1', coders: ['coder1', 'coder2'] }, units: 12, overlapUnits: 12 });
    const status = json<{ coders: { coder: string; unitsAssigned: number; unitsComplete: number }[]; blockers: string[] }>(await analyst.request('GET', '/api/rounds/r1'));
    expect(status.coders).toEqual([expect.objectContaining({ coder: 'coder1', unitsAssigned: 12, unitsComplete: 0 }), expect.objectContaining({ coder: 'coder2', unitsAssigned: 12 })]);
    expect(status.blockers).toHaveLength(2);
    const close = await coord.request('POST', '/api/rounds/r1/close');
    expect(close.statusCode).toBe(422);
    expect(json<{ error: { message: string } }>(close).error.message).toMatch(/coder coder1 has 12 of 12 unit\(s\) not complete/);
  });
});

describe('coding', () => {
  it("gives the coder their queue and a unit's form, and saves values checked against the codebook", async () => {
    const queue = json<{ rounds: { round: string; done: number; total: number; units: { seriesKey: string; done: boolean }[] }[] }>(await coder.request('GET', '/api/coding/queue'));
    expect(queue.rounds).toHaveLength(1);
    expect(queue.rounds[0]).toMatchObject({ round: 'r1', done: 0, total: 12 });
    const key = queue.rounds[0]!.units[0]!.seriesKey;
    const form = json<{ victims: string[]; variables: { name: string; codes: { code: string }[] }[] }>(await coder.request('GET', `/api/coding/r1/units/${key}`));
    expect(form.variables.map((v) => v.name)).toEqual(['series.selfGenerated', 'victim.gender']);
    expect(form.variables[1]!.codes.map((c) => c.code)).toContain('female');
    const put = (body: unknown) => coder.request('PUT', `/api/coding/r1/units/${key}/values`, body);
    const bad = await put({ record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'perhaps' });
    expect(bad.statusCode).toBe(422);
    expect(json<{ error: { code: string; message: string } }>(bad).error).toEqual({ code: 'VDX_CODE_INVALID', message: 'series.selfGenerated "perhaps" is not a code of this variable (allowed: yes, no, notDeterminable (codes or labels, any case))' });
    const malformed = await put({ record: 'offender', unitKey: key, variable: 'series.selfGenerated', value: 'yes' });
    expect(malformed.statusCode).toBe(400);
    expect(json<{ error: { message: string } }>(malformed).error.message).toMatch(/^body\.record/);
    const ok = await put({ record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'Yes' });
    expect(ok.statusCode).toBe(200);
    expect(json<{ value: string; unitDone: boolean }>(ok)).toMatchObject({ value: 'yes', unitDone: form.victims.length === 0 });
    for (const v of form.victims) expect((await put({ record: 'victim', unitKey: v, variable: 'victim.gender', value: 'female' })).statusCode).toBe(200);
    const after = json<{ rounds: { done: number; units: { seriesKey: string; done: boolean }[] }[] }>(await coder.request('GET', '/api/coding/queue'));
    expect(after.rounds[0]!.done).toBe(1);
    expect(after.rounds[0]!.units.find((u) => u.seriesKey === key)!.done).toBe(true);
    const entries = await listAudit(s.temp.store.db, { actionPrefix: 'coding.value.save' });
    expect(entries).toHaveLength(1 + form.victims.length);
    expect(entries.every((e) => e.actor === 'coder1')).toBe(true);
  });

  it("answers 404 for a unit that is not the coder's, and refuses other roles", async () => {
    const theirs = (await roundAssignments(s.temp.store, 'r1')).find((a) => a.coder === 'coder2')!.seriesKey;
    await s.temp.store.db.deleteFrom('coding_assignment').where('round_id', '=', 'r1').where('coder', '=', 'coder1').where('series_id', '=', (await roundAssignments(s.temp.store, 'r1')).find((a) => a.seriesKey === theirs)!.seriesId).execute();
    for (const url of [`/api/coding/r1/units/${theirs}`, '/api/coding/r1/units/unknown', '/api/coding/r9/units/unknown']) {
      const res = await coder.request('GET', url);
      expect(res.statusCode).toBe(404);
      expect(json<{ error: { code: string } }>(res).error.code).toBe('VDX_CODING_UNIT_NOT_FOUND');
    }
    expect((await analyst.request('GET', '/api/coding/queue')).statusCode).toBe(403);
  });
});

describe('analysis', () => {
  it('gives reliability and disagreements of the round', async () => {
    const r = json<{ roundId: string; variables: { variable: string; verdict: string; krippendorffAlpha: { value: number | null } }[] }>(await analyst.request('GET', '/api/rounds/r1/reliability?replicates=50'));
    expect(r.roundId).toBe('r1');
    expect(r.variables.map((v) => v.variable)).toEqual(['series.selfGenerated', 'victim.gender']);
    // Only coder1 coded: no unit has two codings, so α is undefined (null) and the verdict insufficient.
    expect(r.variables[0]).toMatchObject({ verdict: 'insufficient', krippendorffAlpha: { value: null } });
    expect(json<{ disagreements: unknown[] }>(await analyst.request('GET', '/api/rounds/r1/disagreements?all=true')).disagreements).toEqual([]);
    expect((await coder.request('GET', '/api/rounds/r1/disagreements')).statusCode).toBe(403);
    const adj = await analyst.request('POST', '/api/rounds/r1/adjudications', { decisions: [{ unitKey: 'nope', variable: 'victim.gender', value: 'female', reason: 'majority' }] });
    expect(adj.statusCode).toBe(422);
    expect(json<{ error: { code: string } }>(adj).error.code).toBe('VDX_ADJUDICATION_INVALID');
  });

  it('gives the profile and the indicators, the map as SVG and the report as HTML', async () => {
    const profile = json<{ manifest: { counts: { series: number } }; tables: { variable: string }[] }>(await analyst.request('GET', '/api/profile'));
    expect(profile.manifest.counts.series).toBe(60);
    expect(profile.tables.map((t) => t.variable)).toContain('victim.gender');
    // The stratum of series not determinable has one sampled series: refused unless the analyst chooses a rule.
    const lonely = await analyst.request('GET', '/api/profile?sample=s1');
    expect(lonely.statusCode).toBe(422);
    expect(json<{ error: { code: string; message: string } }>(lonely).error).toMatchObject({ code: 'VDX_SAMPLE_INVALID', message: expect.stringMatching(/has only one sampled series/) as string });
    const sampled = await analyst.request('GET', '/api/profile?sample=s1&lonelyPsu=certainty');
    expect(sampled.statusCode).toBe(200);
    expect(json<{ manifest: { sample: { id: string } } }>(sampled).manifest.sample.id).toBe('s1');
    const set = json<{ results: { definition: { id: string }; by: string[]; observations: { dims: Record<string, string>; denominator: number | null }[] }[] }>(await analyst.request('GET', '/api/indicators?by=region&indicator=victims-unidentified'));
    expect(set.results).toHaveLength(1);
    expect(set.results[0]!.by).toEqual(['region']);
    const total = set.results[0]!.observations.find((o) => Object.keys(o.dims).length === 0)!;
    const victims = await s.temp.store.db.selectFrom('victim').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(total.denominator).toBe(Number(victims.n));
    expect((await analyst.request('GET', '/api/indicators?by=planet')).statusCode).toBe(400);
    const map = await analyst.request('GET', '/api/indicators/victims-unidentified/map.svg');
    expect(map.statusCode).toBe(200);
    expect(map.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(map.body.startsWith('<svg')).toBe(true);
    expect((await analyst.request('GET', '/api/indicators/nope/map.svg')).statusCode).toBe(400);
    const report = await analyst.request('GET', '/api/reports/profile');
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/html/);
    expect(report.body).toContain('<!DOCTYPE html>');
    expect((await coder.request('GET', '/api/reports/profile')).statusCode).toBe(403);
  });
});

describe('OpenAPI', () => {
  /** Every field of a schema (recursively) without a description, as a dotted path. */
  function undescribed(schema: unknown, path: string, out: string[]): string[] {
    const s = schema as { properties?: Record<string, { description?: string; anyOf?: { description?: string }[] }>; items?: unknown; anyOf?: unknown[]; additionalProperties?: unknown };
    if (s === null || typeof s !== 'object') return out;
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      if (!v.description && !v.anyOf?.some((x) => x.description)) out.push(`${path}.${k}`);
      undescribed(v, `${path}.${k}`, out);
    }
    if (s.items) undescribed(s.items, `${path}[]`, out);
    for (const x of s.anyOf ?? []) undescribed(x, path, out);
    if (typeof s.additionalProperties === 'object') undescribed(s.additionalProperties, `${path}{}`, out);
    return out;
  }

  it('documents every domain operation with roles, and describes every parameter and field', async () => {
    const res = await s.anonymous('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    type Op = { 'x-roles': unknown; parameters: { name: string; schema: { description?: string } }[]; requestBody?: { content: Record<string, { schema?: unknown }> }; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const paths = (res.json() as { paths: Record<string, Record<string, Op>> }).paths;
    const domain = Object.entries(paths).filter(([p]) => /^\/api\/(imports|samples|rounds|coding|profile|indicators|reports)/.test(p));
    expect(domain.map(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)).flat().sort()).toEqual([
      'get /api/coding/queue',
      'get /api/coding/{round}/units/{series}',
      'get /api/imports',
      'get /api/indicators',
      'get /api/indicators/{id}/map.svg',
      'get /api/profile',
      'get /api/reports/profile',
      'get /api/rounds',
      'get /api/rounds/{id}',
      'get /api/rounds/{id}/disagreements',
      'get /api/rounds/{id}/reliability',
      'get /api/samples',
      'get /api/samples/{id}',
      'post /api/imports',
      'post /api/rounds',
      'post /api/rounds/{id}/adjudications',
      'post /api/rounds/{id}/close',
      'post /api/samples',
      'put /api/coding/{round}/units/{series}/values',
    ]);
    const missing: string[] = [];
    for (const [p, ops] of domain) {
      for (const [m, op] of Object.entries(ops)) {
        expect(Array.isArray(op['x-roles'])).toBe(true);
        for (const par of op.parameters) if (!par.schema.description) missing.push(`${m} ${p} ${par.name}`);
        undescribed(op.requestBody?.content['application/json']?.schema, `${m} ${p} body`, missing);
        for (const r of Object.values(op.responses)) undescribed(r.content?.['application/json']?.schema, `${m} ${p} response`, missing);
      }
    }
    expect(missing).toEqual([]);
  });
});
