/** `vindex serve` as a real process on 127.0.0.1 (port 0): it prints its URL, serves API and web app, and stops on SIGTERM. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { CHEAP_ARGON2, createUser, listUsers } from '../../users/index.ts';
import { openStore } from '../../store/index.ts';
import { runCli } from '../testing/run-cli.ts';

const BIN = fileURLToPath(new URL('../../../bin/vindex.js', import.meta.url));
const PASSWORD = 'serve test passphrase';

let t: TempStore;
let child: ChildProcess;
let base: string;
let out = '';

beforeAll(async () => {
  t = await tempStore();
  await createUser(t.store, { name: 'reader', role: 'reader', password: PASSWORD, actor: 'setup', cost: CHEAP_ARGON2 });
  await t.closeStore();
  const web = join(t.dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>vindex app</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("app")');
  child = spawn(process.execPath, [BIN, 'serve', '--db', t.dbArg, '--port', '0', '--web', web, '--releases', join(t.dir, 'releases'), '--log-level', 'warn'], {
    env: { ...process.env, VINDEX_FROM_SOURCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  base = await new Promise<string>((ok, fail) => {
    const timer = setInterval(() => {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        ok(m[1]!);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`vindex serve exited (${code}): ${out}`));
    });
  });
}, 60_000);
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await t.cleanup();
});

describe('vindex serve', () => {
  it('answers the API with JSON errors and security headers', async () => {
    const res = await fetch(`${base}/api/session`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'VDX_UNAUTHENTICATED', message: 'sign in first (POST /api/session)' } });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs in over a real socket (Secure HttpOnly SameSite=Strict cookie) and uses the session', async () => {
    const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username: 'reader', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^vindex_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    const me = await fetch(`${base}/api/session`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await me.json()) as { user: unknown }).user).toEqual({ name: 'reader', role: 'reader' });
  });

  it('serves the web app with the single-page fallback, its assets, and the OpenAPI document', async () => {
    for (const path of ['/', '/coding/r1/units/x']) {
      const res = await fetch(`${base}${path}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(await res.text()).toContain('<title>vindex app</title>');
    }
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log("app")');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    const doc = (await (await fetch(`${base}/api/docs/json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/releases/{id}/approve');
    const ui = await fetch(`${base}/api/docs`, { redirect: 'follow' });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exit = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out).toMatch(/SIGTERM: stopping/);
    expect(out).toMatch(/stopped\n/);
  });
});

describe('vindex serve --demo-users', () => {
  it('refuses a store that is not synthetic, before listening', async () => {
    const u = await tempStore();
    try {
      await u.closeStore();
      const pw = u.file('pw', 'demo passphrase 123');
      const run = await runCli(['serve', '--db', u.dbArg, '--port', '0', '--demo-users', pw]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/--demo-users is for synthetic stores only/);
    } finally {
      await u.cleanup();
    }
  });

  it('adds the eight demo users to a synthetic store, with the role each name says', async () => {
    const u = await tempStore();
    try {
      await u.store.db.insertInto('meta').values({ key: 'synthetic', value: 'yes' }).execute();
      await u.closeStore();
      const pw = u.file('pw', 'demo passphrase 123\n');
      const demo = spawn(process.execPath, [BIN, 'serve', '--db', u.dbArg, '--port', '0', '--web', u.dir, '--demo-users', pw, '--log-level', 'warn'], { env: { ...process.env, VINDEX_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      demo.stdout.on('data', (d: Buffer) => (text += d.toString()));
      demo.stderr.on('data', (d: Buffer) => (text += d.toString()));
      const exited = new Promise<number | null>((ok) => demo.once('exit', ok));
      await new Promise<void>((ok, fail) => {
        const timer = setInterval(() => {
          if (/serving http/.test(text)) ok(clearInterval(timer));
          if (demo.exitCode !== null) fail(new Error(text));
        }, 50);
      });
      demo.kill('SIGTERM');
      expect(await exited).toBe(0);
      const store = await openStore(u.dbArg);
      try {
        expect((await listUsers(store)).map((x) => [x.name, x.role])).toEqual([
          ['admin', 'admin'], ['analyst', 'analyst'], ['checker', 'output-checker'], ['checker2', 'output-checker'],
          ['coder1', 'coder'], ['coder2', 'coder'], ['coord', 'coordinator'], ['reader', 'reader'],
        ]);
      } finally {
        await store.close();
      }
    } finally {
      await u.cleanup();
    }
  });
});
