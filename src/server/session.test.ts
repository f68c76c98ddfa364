import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './guard.ts';
import { testServer, TEST_PASSWORD, type TestServer } from './testing/test-server.ts';

let s: TestServer;
beforeEach(async () => {
  s = await testServer({ config: { lockoutFailures: 3, lockoutMinutes: 10 } });
});
afterEach(async () => {
  await s.cleanup();
});

describe('sessions', () => {
  it('signs in with a cookie that is HttpOnly, Secure, SameSite=Strict, path / and expires', async () => {
    const res = await s.anonymous('POST', '/api/session', { username: 'analyst', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { user: { name: string; role: string }; csrfToken: string };
    expect(body.user).toEqual({ name: 'analyst', role: 'analyst' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/Secure/);
    expect(header).toMatch(/SameSite=Strict/);
  });

  it('stores only a hash of the session id', async () => {
    const c = await s.signIn('reader');
    const rows = await s.temp.store.db.selectFrom('app_session').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(c.cookie);
  });

  it('GET /api/session returns the user and the same CSRF token; DELETE signs out', async () => {
    const c = await s.signIn('coord');
    const me = await c.request('GET', '/api/session');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { name: 'coord', role: 'coordinator' }, csrfToken: c.csrfToken });
    const out = await c.request('DELETE', '/api/session');
    expect(out.statusCode).toBe(200);
    expect((await c.request('GET', '/api/session')).statusCode).toBe(401);
    const actions = (await s.temp.store.db.selectFrom('audit_log').select(['action', 'actor']).orderBy('seq').execute()).filter((a) => a.action.startsWith('session.'));
    expect(actions).toEqual([{ action: 'session.login', actor: 'coord' }, { action: 'session.logout', actor: 'coord' }]);
  });

  it('rejects a write without the CSRF token, with a wrong one, and from another origin', async () => {
    const c = await s.signIn('coord');
    const noToken = await c.request('DELETE', '/api/session', undefined, { 'x-csrf-token': '' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ error: { code: 'VDX_CSRF' } });
    const wrong = await c.request('DELETE', '/api/session', undefined, { 'x-csrf-token': c.csrfToken.replace(/^./, (x) => (x === 'A' ? 'B' : 'A')) });
    expect(wrong.json()).toMatchObject({ error: { code: 'VDX_CSRF' } });
    const foreign = await c.request('DELETE', '/api/session', undefined, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: { code: 'VDX_CSRF' } });
    const sameOrigin = await c.request('DELETE', '/api/session', undefined, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(sameOrigin.statusCode).toBe(200);
  });

  it('wrong password → 401 VDX_LOGIN_FAILED; 3 in a row lock the account (423), audited; even the right password is refused then', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await s.anonymous('POST', '/api/session', { username: 'reader', password: 'wrong password!!' });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ error: { code: 'VDX_LOGIN_FAILED' } });
    }
    const third = await s.anonymous('POST', '/api/session', { username: 'reader', password: 'wrong password!!' });
    expect(third.statusCode).toBe(423);
    expect(third.json()).toMatchObject({ error: { code: 'VDX_ACCOUNT_LOCKED' } });
    const right = await s.anonymous('POST', '/api/session', { username: 'reader', password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    const audit = await s.temp.store.db.selectFrom('audit_log').select(['action', 'actor', 'detail']).where('actor', '=', 'reader').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['session.login.failure', 'session.login.failure', 'session.login.failure', 'user.lock', 'session.login.failure']);
    expect(JSON.parse(audit[3]!.detail)).toEqual({ failures: 3, minutes: 10 });
  });

  it('an unknown user name fails like a wrong password and is not written to the audit log', async () => {
    const r = await s.anonymous('POST', '/api/session', { username: 'hunter2-typed-here', password: TEST_PASSWORD });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ error: { code: 'VDX_LOGIN_FAILED' } });
    const audit = await s.temp.store.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain('hunter2');
    expect(audit.at(-1)).toMatchObject({ actor: 'anonymous', action: 'session.login.failure', object: 'user:?' });
  });

  it('a session ends after the idle time and after the absolute lifetime', async () => {
    const c = await s.signIn('analyst');
    const db = s.temp.store.db;
    const past = (min: number): string => new Date(Date.now() - min * 60_000).toISOString();
    await db.updateTable('app_session').set({ last_seen_at: past(31) }).execute();
    expect((await c.request('GET', '/api/session')).statusCode).toBe(401);
    expect(await db.selectFrom('app_session').selectAll().execute()).toHaveLength(0);

    const d = await s.signIn('analyst');
    expect((await d.request('GET', '/api/session')).statusCode).toBe(200);
    await db.updateTable('app_session').set({ expires_at: past(1) }).execute();
    const gone = await d.request('GET', '/api/session');
    expect(gone.statusCode).toBe(401);
    expect(gone.json()).toMatchObject({ error: { code: 'VDX_UNAUTHENTICATED' } });
  });

  it('disabling a user (admin, through the API) ends their session at once; a reset lets them in again', async () => {
    const admin = await s.signIn('admin');
    const reader = await s.signIn('reader');
    expect((await admin.request('POST', '/api/users/reader/disable')).statusCode).toBe(200);
    expect((await reader.request('GET', '/api/session')).statusCode).toBe(401);
    const refused = await s.anonymous('POST', '/api/session', { username: 'reader', password: TEST_PASSWORD });
    expect(refused.json()).toMatchObject({ error: { code: 'VDX_LOGIN_FAILED' } });
    const short = await admin.request('POST', '/api/users/reader/reset', { password: 'too short' });
    expect([short.statusCode, short.json()]).toEqual([400, { error: { code: 'VDX_PASSWORD_POLICY', message: 'password: too short (9 characters; at least 12)' } }]);
    expect((await admin.request('POST', '/api/users/reader/reset', { password: 'a brand new passphrase' })).statusCode).toBe(200);
    expect((await s.signIn('reader', 'a brand new passphrase')).name).toBe('reader');
    expect((await admin.request('POST', '/api/users/admin/disable')).json()).toMatchObject({ error: { code: 'VDX_CONFLICT' } });
    const audit = await s.temp.store.db.selectFrom('audit_log').select(['actor', 'action', 'object']).where('action', 'like', 'user.%').orderBy('seq').execute();
    expect(audit.filter((a) => a.actor === 'admin')).toEqual([{ actor: 'admin', action: 'user.disable', object: 'user:reader' }, { actor: 'admin', action: 'user.reset', object: 'user:reader' }]);
  });

  it('with sessions remembered in memory (recheckMs), sign-out and disabling through this server still act at once; another process\'s change shows after recheckMs', async () => {
    const t = await testServer({ config: { recheckMs: 300 } });
    try {
      const admin = await t.signIn('admin');
      const reader = await t.signIn('reader');
      const analyst = await t.signIn('analyst');
      expect((await reader.request('GET', '/api/session')).statusCode).toBe(200); // now remembered
      expect((await reader.request('DELETE', '/api/session')).statusCode).toBe(200);
      expect((await reader.request('GET', '/api/session')).statusCode).toBe(401);
      expect((await analyst.request('GET', '/api/session')).statusCode).toBe(200);
      expect((await admin.request('POST', '/api/users/analyst/disable')).statusCode).toBe(200);
      expect((await analyst.request('GET', '/api/session')).statusCode).toBe(401);
      // A change behind the server's back (as the CLI would make) is seen once recheckMs has passed.
      const coord = await t.signIn('coord');
      expect((await coord.request('GET', '/api/session')).statusCode).toBe(200);
      await t.temp.store.db.deleteFrom('app_session').execute();
      await new Promise((r) => setTimeout(r, 320));
      expect((await coord.request('GET', '/api/session')).statusCode).toBe(401);
    } finally {
      await t.cleanup();
    }
  });

  it('rate-limits sign-in attempts per client address (429 VDX_RATE_LIMITED)', async () => {
    const t = await testServer({ config: { loginRatePerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await t.anonymous('POST', '/api/session', { username: 'nobody', password: 'x' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const limited = await t.anonymous('POST', '/api/session', { username: 'nobody', password: 'x' });
      expect(limited.json()).toMatchObject({ error: { code: 'VDX_RATE_LIMITED' } });
    } finally {
      await t.cleanup();
    }
  });

  it('a bad sign-in body names the field (400 VDX_REQUEST_INVALID)', async () => {
    const r = await s.anonymous('POST', '/api/session', { username: 'reader' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'VDX_REQUEST_INVALID' } });
    expect((r.json() as { error: { message: string } }).error.message).toMatch(/^body\.password: /);
  });
});
