/**
 * The web app end to end in Chromium, against the real server and store: every role signs in and
 * does its main task; the results are checked in the store, not only on the screen.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/audit/index.ts';
import { createRelease as createStoredRelease } from '../src/release/index.ts';
import { storeCounts } from '../src/ingest/testing/temp-store.ts';
import { e2eUnavailable, passwordOf, startE2E, type E2E } from './fixture.ts';
import { addUser, approve, auditPages, badFile, disableUser, readAudit, trySignIn, userRow, verifyChain, codeFirstUnit, createRelease, createRound, drawSample, importBadFile, openReview, pickSecondCodeWithDigit, readDashboard, reject, viewIndicators } from './workflow.ts';

const unavailable = e2eUnavailable();
if (unavailable !== null) process.stderr.write(`e2e: browser tests skipped: ${unavailable}\n`);
const suite = unavailable === null ? describe : describe.skip;

suite(unavailable === null ? 'web app, end to end in Chromium' : `web app end to end — SKIPPED: ${unavailable}`, () => {
  let e: E2E;
  let releaseId = '';

  beforeAll(async () => {
    e = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it('sign-in: a wrong password and a locked account are told apart clearly', async () => {
    const page = await e.page();
    await page.goto('/');
    await page.getByLabel('User name').fill('reader');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^Sign-in failed\./);
    // Wrong again and again: the account locks, and the screen says so (not "wrong password").
    // checker2 has no other part in these tests (admin has: the account stays locked for 15 minutes).
    for (let i = 0; i < 6; i++) {
      await page.getByLabel('User name').fill('checker2');
      await page.getByLabel('Password').fill(`wrong password number ${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.getByRole('alert').waitFor();
    }
    await page.getByRole('alert').filter({ hasText: 'Account locked' }).waitFor();
    await page.context().close();
  });

  it('coordinator: a bad file shows its row-level error and changes nothing; a sample and a round are created', async () => {
    const page = await e.signedIn('coord');
    const before = await storeCounts(e.tmp.store);
    const refused = await importBadFile(page, await badFile(e.tmp.dir));
    // The planted defect: series.firstSeen 2019-02-30 on line 8 of the file.
    if (refused.table.length > 0) expect(refused.table[0]).toMatch(/^bad-date\.csv\s+8\s+series\.firstSeen\s+.*2019-02-30/);
    else expect(refused.message).toContain('bad-date.csv:8 field series.firstSeen value "2019-02-30"');
    expect(await storeCounts(e.tmp.store)).toEqual(before);

    const sample = await drawSample(page, 20);
    expect(sample).toBe('s1');
    const stored = await e.tmp.store.db.selectFrom('sample_unit').select((eb) => eb.fn.countAll<number>().as('n')).where('sample_id', '=', 's1').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(20);

    const round = await createRound(page, ['coder1', 'coder2']);
    expect(round.heading).toBe('Progress of round r1');
    expect(round.coders).toHaveLength(2);
    expect(round.coders[0]).toMatch(/^coder1 — 0\/\d+ series/);
    expect(round.coders[1]).toMatch(/^coder2 — 0\/\d+ series/);
    await page.context().close();
  });

  it('coder: codes a unit with the keyboard only; every value is saved in the store', async () => {
    const page = await e.signedIn('coder1');
    const done = await codeFirstUnit(page);
    // The first empty field is a count (series.victimCount) or a category, by the round's variables.
    expect(done.invalidMessage).toMatch(/^("zzz" is not a code of \S+\.|Enter a whole number from 0 to \d+\.)$/);
    expect(done.nextHeading).not.toContain(done.seriesKey);
    const values = await e.tmp.store.db
      .selectFrom('coding_value')
      .innerJoin('series', 'series.id', 'coding_value.series_id')
      .select(['coding_value.variable', 'coding_value.value', 'coding_value.record'])
      .where('coding_value.round_id', '=', done.round)
      .where('coding_value.coder', '=', 'coder1')
      .where('series.key', '=', done.seriesKey)
      .execute();
    expect(values).toHaveLength(done.fields);
    expect(values.find((v) => v.variable === 'series.victimCount')?.value).toBe('1');
    expect(values.find((v) => v.variable === 'victim.severityScale')?.value).toBe('copine');
    expect(values.some((v) => v.value === 'zzz')).toBe(false);

    // On the next unit, a digit picks a code of a list field.
    const picked = await pickSecondCodeWithDigit(page, done.round);
    const stored = await e.tmp.store.db
      .selectFrom('coding_value')
      .innerJoin('series', 'series.id', 'coding_value.series_id')
      .select('coding_value.value')
      .where('coding_value.coder', '=', 'coder1')
      .where('series.key', '=', picked.seriesKey)
      .where('coding_value.variable', '=', picked.variable)
      .executeTakeFirstOrThrow();
    expect(stored.value).toBe(picked.code);
    await page.context().close();
  });

  it('analyst: sees the indicators with chart and map, and creates a release that waits for review', async () => {
    const page = await e.signedIn('analyst');
    const seen = await viewIndicators(page);
    expect(seen.mapSvg && seen.chartSvg).toBe(true);
    expect(seen.title.length).toBeGreaterThan(0);
    releaseId = await createRelease(page, 'Victims who remain unidentified');
    const row = await e.tmp.store.db.selectFrom('release').select(['status', 'created_by']).where('id', '=', releaseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', created_by: 'analyst' });
    await page.context().close();
  }, 120_000);

  it('output checker: cannot approve their own release (and is told why), approves the analyst\'s after the audit, rejects their own with a reason, reads the audit log (no chain check)', async () => {
    // A checker's own pending release (only analysts create releases in the app, so it is made in the store).
    const own = await createStoredRelease(e.tmp.store, { out: join(e.tmp.dir, 'releases', 'own'), actor: 'checker', status: 'pending', pdf: 'no', indicators: ['victims-unidentified'] });
    const page = await e.signedIn('checker');
    const mine = await openReview(page, own.id);
    expect(mine.approveEnabled).toBe(false);
    expect(mine.note).toContain('four-eyes');
    const refused = await page.evaluate(async (id) => {
      const { csrfToken } = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const r = await fetch(`/api/releases/${id}/approve`, { method: 'POST', headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: '{}' });
      return { status: r.status, body: (await r.json()) as { error: { code: string } } };
    }, own.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('VDX_FOUR_EYES');

    const theirs = await openReview(page, releaseId);
    expect(theirs.approveEnabled).toBe(true);
    expect(theirs.facts).toMatch(/Attacker audit\s*passed/);
    expect(await approve(page)).toContain(`Release ${releaseId} approved`);
    const row = await e.tmp.store.db.selectFrom('release').select(['status', 'released_by']).where('id', '=', releaseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'released', released_by: 'checker' });

    // Their own release can still be rejected, with a reason code.
    await openReview(page, own.id);
    expect(await reject(page, 'superseded')).toBe(`Release ${own.id} rejected (superseded).`);
    const ownRow = await e.tmp.store.db.selectFrom('release').select(['status', 'rejected_by', 'reject_reason']).where('id', '=', own.id).executeTakeFirstOrThrow();
    expect(ownRow).toEqual({ status: 'rejected', rejected_by: 'checker', reject_reason: 'superseded' });

    // Output checkers read the audit log too (the approval is in it), but the chain check is the admin's.
    const decisions = await readAudit(page, 'release.');
    expect(decisions.some((r) => new RegExp(`\\bchecker\\s+release\\.approve\\s+release:${releaseId}\\b`).test(r))).toBe(true);
    expect(await page.getByRole('button', { name: 'Verify chain' }).count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('reader: sees the released indicators on the dashboard', async () => {
    const page = await e.signedIn('reader');
    const dash = await readDashboard(page);
    expect(dash.banner).toContain(`Release ${releaseId}`);
    expect(dash.rows).toBeGreaterThan(0);
    await page.context().close();
  });

  it('admin: adds a coder (policy errors inline first), who can sign in; cannot disable themselves; disables the coder, who is then refused; the audit log shows it and its chain verifies', async () => {
    const page = await e.signedIn('admin');
    // The admin's first screen is Users.
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

    // A short password and a mistyped confirmation are shown at their fields; nothing is added.
    const short = await addUser(page, { name: 'coder3', role: 'Coder', password: 'too short' });
    expect(short.ok).toBeNull();
    expect(short.errors).toEqual(['Too short: 9 characters, at least 12.']);
    const differ = await addUser(page, { name: 'coder3', role: 'Coder', password: passwordOf('coder3'), confirm: `${passwordOf('coder3')}x` });
    expect(differ.errors).toEqual(['The two passwords differ: type the same password twice.']);
    expect(await e.tmp.store.db.selectFrom('app_user').select('name').where('name', '=', 'coder3').executeTakeFirst()).toBeUndefined();

    const added = await addUser(page, { name: 'coder3', role: 'Coder', password: passwordOf('coder3') });
    expect(added.ok).toBe('User coder3 added as Coder.');
    const stored = await e.tmp.store.db.selectFrom('app_user').select(['role', 'disabled', 'created_by']).where('name', '=', 'coder3').executeTakeFirstOrThrow();
    expect(stored).toEqual({ role: 'coder', disabled: 0, created_by: 'admin' });
    expect(await userRow(page, 'coder3')).toMatch(/^coder3\s+Coder\s+active\s/);

    // The server's own refusal (the name is taken) is shown at the name field.
    const again = await addUser(page, { name: 'coder3', role: 'Reader', password: passwordOf('coder3') });
    expect(again.errors).toEqual(['User coder3 exists already (reset its password or disable it instead)']);

    // The new coder signs in (a second browser) and sees their coding screen.
    const coder = await e.signedIn('coder3');
    await coder.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My coding' }).waitFor();

    // Disabling oneself is refused by the server, and the screen shows why.
    const self = await disableUser(page, 'admin');
    expect(self.ok).toBeNull();
    expect(self.refused).toBe('You cannot disable your own account (another admin can)');

    const disabled = await disableUser(page, 'coder3');
    expect(disabled.ok).toBe('User coder3 disabled; their sessions have ended.');
    expect(await userRow(page, 'coder3')).toMatch(/^coder3\s+Coder\s+disabled\s/);
    // The coder's open session has ended: their next request brings back the sign-in form…
    await coder.reload();
    await coder.getByLabel('User name').waitFor();
    // …and signing in again is refused.
    expect(await trySignIn(coder, 'coder3', passwordOf('coder3'))).toMatch(/^Sign-in failed\./);
    await coder.context().close();

    const entries = await readAudit(page, 'user.');
    const add = entries.find((r) => /\buser\.add\s+user:coder3\b/.test(r));
    expect(add).toMatch(/^\d+\s+\S+ \S+\s+admin\s+user\.add\s+user:coder3\s+role=coder$/);
    expect(entries.some((r) => /\badmin\s+user\.disable\s+user:coder3\s+sessionsEnded=1$/.test(r))).toBe(true);
    expect(entries.every((r) => /\suser\.[a-z]+\s/.test(r))).toBe(true);
    // Paging needs more than one page of entries: when this test runs alone the log is short, so
    // entries are appended through appendAudit (chained like every other) up to 60.
    const count = async (): Promise<number> => Number((await e.tmp.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    for (let n = await count(); n < 60; n++) await appendAudit(e.tmp.store.db, { actor: 'e2e', action: 'e2e.filler', object: `entry:${n + 1}`, detail: {} });
    const total = await e.tmp.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await verifyChain(page)).toMatch(new RegExp(`^Chain intact\\.\\s+All ${Number(total.n).toLocaleString('en')} entries verified\\.$`));

    // Every entry, 50 a page: "Load 50 more" goes on after the last seq shown.
    const pages = await auditPages(page);
    expect(pages.first).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(pages.more).toEqual(Array.from({ length: Math.min(100, Number(total.n)) }, (_, i) => i + 1));
    await page.context().close();
  });
});
