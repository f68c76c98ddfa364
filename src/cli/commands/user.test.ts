import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { openStore } from '../../store/index.ts';
import { verifyLogin } from '../../users/index.ts';
import { runCli } from '../testing/run-cli.ts';

let t: TempStore;
let pwFile: string;
let shortFile: string;
beforeAll(async () => {
  t = await tempStore();
  await t.closeStore();
  pwFile = join(t.dir, 'pw');
  writeFileSync(pwFile, 'a long enough passphrase\n', { mode: 0o600 });
  shortFile = join(t.dir, 'short');
  writeFileSync(shortFile, 'short\n');
});
afterAll(async () => {
  await t.cleanup();
});

const vindex = (...args: string[]) => runCli([...args, '--db', t.dbArg]);

async function withOpen<T>(work: (s: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(t.dbArg);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('vindex user', () => {
  it('add: Argon2id hash, password from --password-file (trailing newline dropped), audited with --by', async () => {
    const run = await vindex('user', 'add', 'ana', '--role', 'analyst', '--password-file', pwFile, '--by', 'boss');
    expect(run).toMatchObject({ code: 0, out: 'Added user ana (analyst)\n' });
    await withOpen(async (store) => {
      const row = await store.db.selectFrom('app_user').selectAll().where('name', '=', 'ana').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verifyLogin(store, { name: 'ana', password: 'a long enough passphrase' })).toEqual({ name: 'ana', role: 'analyst' });
      const entry = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.add').executeTakeFirstOrThrow();
      expect(entry).toMatchObject({ actor: 'boss', object: 'user:ana', detail: '{"role":"analyst"}' });
      expect(JSON.stringify(await store.db.selectFrom('audit_log').selectAll().execute())).not.toContain('passphrase');
    });
  });

  it('refuses a short password (exit 2, VDX_PASSWORD_POLICY), an unknown role, a bad name and a second user of the same name, writing nothing', async () => {
    const short = await vindex('user', 'add', 'bob', '--role', 'reader', '--password-file', shortFile, '--by', 'boss');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/VDX_PASSWORD_POLICY/);
    expect((await vindex('user', 'add', 'bob', '--role', 'wizard', '--password-file', pwFile, '--by', 'boss')).code).toBe(2);
    expect((await vindex('user', 'add', 'Bob Smith', '--role', 'reader', '--password-file', pwFile, '--by', 'boss')).code).toBe(2);
    expect((await vindex('user', 'add', 'anonymous', '--role', 'reader', '--password-file', pwFile, '--by', 'boss')).err).toMatch(/reserved/);
    const twice = await vindex('user', 'add', 'ana', '--role', 'reader', '--password-file', pwFile, '--by', 'boss');
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/VDX_CONFLICT/);
    expect(await withOpen((s) => s.db.selectFrom('app_user').select('name').execute())).toEqual([{ name: 'ana' }]);
  });

  it('there is no password argument', async () => {
    const run = await vindex('user', 'add', 'cy', '--role', 'reader', '--password', 'a long enough passphrase', '--by', 'boss');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/unknown option '--password'/);
  });

  it('list, disable, reset', async () => {
    expect((await vindex('user', 'disable', 'ana', '--by', 'boss')).code).toBe(0);
    const list = await vindex('user', 'list', '--json');
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ name: 'ana', role: 'analyst', disabled: true, createdBy: 'boss' })]);
    await withOpen(async (store) => {
      await expect(verifyLogin(store, { name: 'ana', password: 'a long enough passphrase' })).rejects.toMatchObject({ code: 'VDX_LOGIN_FAILED' });
    });
    writeFileSync(pwFile, 'another long passphrase');
    expect((await vindex('user', 'reset', 'ana', '--password-file', pwFile, '--by', 'boss')).code).toBe(0);
    expect((await vindex('user', 'list')).out).toMatch(/^ana +analyst +active +last sign-in \d{4}-\d\d-\d\dT[0-9:.]+Z\n$/);
    await withOpen(async (store) => {
      expect(await verifyLogin(store, { name: 'ana', password: 'another long passphrase' })).toEqual({ name: 'ana', role: 'analyst' });
      const actions = (await store.db.selectFrom('audit_log').select(['action', 'actor']).orderBy('seq').execute()).map((a) => `${a.actor} ${a.action}`);
      expect(actions).toEqual(['boss user.add', 'ana session.login', 'boss user.disable', 'ana session.login.failure', 'boss user.reset', 'ana session.login']);
    });
    expect((await vindex('user', 'disable', 'nobody', '--by', 'boss')).err).toMatch(/VDX_USER_NOT_FOUND/);
  });
});

describe('vindex audit verify after a direct edit of the database', () => {
  it('fails (exit 1) naming the edited entry', async () => {
    expect((await vindex('audit', 'verify')).code).toBe(0);
    await withOpen((store) => sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 3`.execute(store.db));
    const run = await vindex('audit', 'verify');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/VDX_AUDIT_BROKEN/);
    expect(run.err).toMatch(/audit entry 3 does not verify: its content does not match its hash/);
  });
});
