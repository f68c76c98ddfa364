import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_CATALOGUE } from '../errors.ts';
import { route, ROLES, type RouteSpec } from './route.ts';
import { allRoutes } from './routes/index.ts';
import { openApiPath } from './openapi.ts';
import { testServer, TEST_PASSWORD, type TestServer } from './testing/test-server.ts';

/** Routes that exist only in this test, to exercise the server's own checks. */
const probes: RouteSpec[] = [
  route({
    method: 'GET', url: '/api/test/broken', roles: ROLES, summary: 'answers something its schema forbids', tags: ['test'],
    response: z.object({ count: z.number() }),
    handler: async () => ({ count: 'seven' }) as unknown as { count: number },
  }),
  route({
    method: 'POST', url: '/api/test/echo', roles: ROLES, summary: 'echoes a small body', tags: ['test'],
    query: z.object({ n: z.coerce.number().int().min(1) }),
    body: z.object({ text: z.string() }),
    response: z.object({ text: z.string(), n: z.number() }),
    handler: async ({ body, query }) => ({ text: body.text, n: query.n }),
  }),
  route({
    method: 'GET', url: '/api/test/crash', roles: ROLES, summary: 'throws a plain error', tags: ['test'],
    response: z.object({}),
    handler: async () => {
      throw new Error('secret detail of the crash');
    },
  }),
  route({
    method: 'GET', url: '/api/test/big', roles: ROLES, summary: 'a large answer', tags: ['test'],
    query: z.object({ n: z.coerce.number().int().min(1) }),
    response: z.object({ rows: z.array(z.object({ i: z.number(), code: z.string() })) }),
    handler: async ({ query }) => ({ rows: Array.from({ length: query.n }, (_, i) => ({ i, code: `code-${i % 7}` })) }),
  }),
  route({
    method: 'POST', url: '/api/test/slow-write', roles: ROLES, summary: 'a write that takes a while', tags: ['test'],
    body: z.object({ ms: z.number().int().min(0).max(50) }),
    response: z.object({ overlapped: z.number() }),
    handler: async ({ body }) => {
      const overlapped = running++;
      await new Promise((r) => setTimeout(r, body.ms));
      running--;
      return { overlapped };
    },
  }),
];
let running = 0;

let s: TestServer;
beforeAll(async () => {
  s = await testServer({ routes: [...allRoutes, ...probes] });
});
afterAll(async () => {
  await s.cleanup();
});

describe('the server core', () => {
  it('a response that breaks its schema is a 500 VDX_INTERNAL, logged with the field path only', async () => {
    const c = await s.signIn('reader');
    const res = await c.request('GET', '/api/test/broken');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'VDX_INTERNAL' } });
    const line = s.logText().split('\n').find((l) => l.includes('response breaks its schema'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 50, route: 'GET /api/test/broken', issues: [{ path: 'count', code: 'invalid_type' }] });
    expect(line).not.toContain('seven');
  });

  it('sends answers of 8 kB and more gzip-compressed to clients that accept gzip, the same JSON; small ones and other clients plain', async () => {
    const c = await s.signIn('reader');
    const big = await c.request('GET', '/api/test/big?n=2000', undefined, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(big.headers['content-encoding']).toBe('gzip');
    expect(big.headers.vary).toContain('accept-encoding');
    const unzipped = JSON.parse(gunzipSync(big.rawPayload).toString('utf8')) as { rows: { i: number; code: string }[] };
    expect(unzipped.rows).toHaveLength(2000);
    expect(unzipped.rows[1999]).toEqual({ i: 1999, code: 'code-4' });
    expect(big.rawPayload.length).toBeLessThan(JSON.stringify(unzipped).length / 4);
    for (const accept of [undefined, 'identity', 'gzip;q=0', 'br']) {
      const plain = await c.request('GET', '/api/test/big?n=2000', undefined, accept === undefined ? {} : { 'accept-encoding': accept });
      expect([accept, plain.headers['content-encoding']]).toEqual([accept, undefined]);
      expect((plain.json() as { rows: unknown[] }).rows).toHaveLength(2000);
    }
    const small = await c.request('GET', '/api/test/big?n=3', undefined, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ rows: [{ i: 0, code: 'code-0' }, { i: 1, code: 'code-1' }, { i: 2, code: 'code-2' }] });
  });

  it('on SQLite, writes of signed-in users run one at a time in arrival order (one connection); on PostgreSQL side by side', async () => {
    const c = await s.signIn('reader');
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => c.request('POST', '/api/test/slow-write', { ms: 10 + (i % 3) * 5 })));
    const overlaps = answers.map((a) => (a.json() as { overlapped: number }).overlapped);
    if (s.temp.store.dialect === 'sqlite') expect(overlaps).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    else expect(Math.max(...overlaps)).toBeGreaterThan(0);
  });

  it('an unexpected error is a 500 whose detail stays in the log', async () => {
    const c = await s.signIn('reader');
    const res = await c.request('GET', '/api/test/crash');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret detail');
    expect(s.logText()).toContain('secret detail of the crash');
  });

  it('validates query and body naming the field; a body over the limit is 413; malformed JSON is 400', async () => {
    const c = await s.signIn('reader');
    expect((await c.request('POST', '/api/test/echo?n=2', { text: 'hi' })).json()).toEqual({ text: 'hi', n: 2 });
    const q = await c.request('POST', '/api/test/echo?n=zero', { text: 'hi' });
    expect([q.statusCode, (q.json() as { error: { message: string } }).error.message]).toEqual([400, expect.stringMatching(/^query\.n: /)]);
    const b = await c.request('POST', '/api/test/echo?n=1', { text: 5 });
    expect((b.json() as { error: { message: string } }).error.message).toMatch(/^body\.text: /);
    const big = await c.request('POST', '/api/test/echo?n=1', { text: 'x'.repeat(70 * 1024) });
    expect([big.statusCode, (big.json() as { error: { code: string } }).error.code]).toEqual([413, 'VDX_REQUEST_TOO_LARGE']);
    const bad = await c.request('POST', '/api/test/echo?n=1', '{"text":', { 'content-type': 'application/json' });
    expect([bad.statusCode, (bad.json() as { error: { code: string } }).error.code]).toEqual([400, 'VDX_REQUEST_INVALID']);
  });

  it('unknown /api paths are JSON 404s; without a web build other paths say to run npm run build', async () => {
    const api = await s.anonymous('GET', '/api/nothing-here');
    expect([api.statusCode, api.json()]).toEqual([404, { error: { code: 'VDX_NOT_FOUND', message: 'no endpoint GET /api/nothing-here' } }]);
    const page = await s.anonymous('GET', '/dashboard');
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('npm run build');
  });

  it('sends a CSP that allows the app (own scripts, inline styles for Vega) and nothing from elsewhere', async () => {
    const res = await s.anonymous('GET', '/api/session');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('logs one line per request (method, route pattern, status, ms, request id, role) and no user name, password, cookie or address', async () => {
    const before = s.logText().length;
    const c = await s.signIn('coder1');
    await c.request('GET', '/api/session');
    await s.anonymous('POST', '/api/session', { username: 'coder1', password: 'the wrong password' });
    await s.anonymous('POST', '/api/session', { username: 'someone-unknown', password: TEST_PASSWORD });
    await c.request('DELETE', '/api/session');
    const text = s.logText().slice(before);
    expect(text).not.toMatch(/"reqId":"[^"]+",.*"reqId"/);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.method, l.route, l.status, l.role])).toEqual([
      ['POST', '/api/session', 200, 'anonymous'],
      ['GET', '/api/session', 200, 'coder'],
      ['POST', '/api/session', 401, 'anonymous'],
      ['POST', '/api/session', 401, 'anonymous'],
      ['DELETE', '/api/session', 200, 'coder'],
    ]);
    for (const l of requests) {
      expect(Object.keys(l).sort()).toEqual(['app', 'level', 'method', 'ms', 'msg', 'reqId', 'role', 'route', 'status', 'time']);
    }
    for (const secret of ['coder1', 'someone-unknown', TEST_PASSWORD, 'the wrong password', c.cookie, c.csrfToken, '127.0.0.1']) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  });

  it('unknown paths and malformed bodies are logged without their URL or body', async () => {
    const before = s.logText().length;
    await s.anonymous('GET', '/api/users/alice-private/nothing');
    await s.anonymous('GET', '/some/page?who=alice-private');
    await s.app.inject({ method: 'POST', url: '/api/session', payload: '{"username":"alice-private", "password":', headers: { 'content-type': 'application/json' } });
    const text = s.logText().slice(before);
    expect(text.trim().split('\n').map((l) => (JSON.parse(l) as { route: string; status: number }).route)).toEqual(['(not found)', '(not found)', '/api/session']);
    expect(text).not.toContain('alice-private');
  });

  it('the OpenAPI document (3.1) lists every route with its roles, and every error code', async () => {
    const res = await s.anonymous('GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { 'x-roles': unknown; summary: string; requestBody?: unknown }>>; components: { schemas: { Error: { properties: { error: { properties: { code: { enum: string[] } } } } } } } };
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of allRoutes) {
      const op = doc.paths[openApiPath(spec.url)]?.[spec.method.toLowerCase()];
      expect([spec.method, spec.url, op?.summary, op?.['x-roles']]).toEqual([spec.method, spec.url, spec.summary, spec.roles === 'public' ? 'public' : [...spec.roles]]);
      expect([spec.url, op?.requestBody !== undefined]).toEqual([spec.url, spec.body !== undefined || spec.bodyLimit !== undefined]);
    }
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(Object.keys(ERROR_CATALOGUE));
    const ui = await s.anonymous('GET', '/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toMatch(/swagger-ui/i);
    const uiCsp = String(ui.headers['content-security-policy']);
    expect(uiCsp).toContain("script-src 'self'");
    expect(uiCsp).not.toMatch(/https:|swagger\.io|upgrade-insecure-requests/);
  });
});
