import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { AUDIT_GENESIS, appendAudit, canonicalJson, entryHash, listAudit, verifyAudit } from './log.ts';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

async function three(): Promise<void> {
  const db = t.store.db;
  await appendAudit(db, { actor: 'alice', action: 'sample.create', object: 'sample:s1', detail: { n: 10, seed: 7 } }, '2026-01-01T00:00:00.000Z');
  await appendAudit(db, { actor: 'bob', action: 'coding.sheet.import', object: 'round:r1', detail: { values: 12 } }, '2026-01-02T00:00:00.000Z');
  await appendAudit(db, { actor: 'carol', action: 'coding.adjudicate', object: 'round:r1/series:k/series.selfGenerated', detail: { value: 'no', reason: 'majority' } }, '2026-01-03T00:00:00.000Z');
}

describe('audit log', () => {
  it('chains entries: each hash covers the previous hash and the entry', async () => {
    await three();
    const entries = await listAudit(t.store.db);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(AUDIT_GENESIS);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[0]!.detail).toBe('{"n":10,"seed":7}');
    expect(entries[0]!.hash).toBe(entryHash(AUDIT_GENESIS, { seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'alice', action: 'sample.create', object: 'sample:s1', detail: '{"n":10,"seed":7}' }));
    expect(await verifyAudit(t.store.db)).toEqual({ ok: true, entries: 3 });
    expect((await listAudit(t.store.db, { actionPrefix: 'coding.' })).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('an empty log verifies', async () => {
    expect(await verifyAudit(t.store.db)).toEqual({ ok: true, entries: 0 });
  });

  it('names an edited entry', async () => {
    await three();
    await sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`.execute(t.store.db);
    expect(await verifyAudit(t.store.db)).toMatchObject({ ok: false, failure: { seq: 2, reason: expect.stringContaining('edited') } });
  });

  it('names an edited detail even when the hash was recomputed for that entry alone', async () => {
    await three();
    const e2 = (await listAudit(t.store.db))[1]!;
    const detail = '{"values":99}';
    const forged = entryHash(e2.prevHash, { ...e2, detail });
    await sql`UPDATE audit_log SET detail = ${detail}, hash = ${forged} WHERE seq = 2`.execute(t.store.db);
    expect(await verifyAudit(t.store.db)).toMatchObject({ ok: false, failure: { seq: 3 } });
  });

  it('names a deleted entry in the middle and at the end', async () => {
    await three();
    await sql`DELETE FROM audit_log WHERE seq = 2`.execute(t.store.db);
    expect(await verifyAudit(t.store.db)).toMatchObject({ ok: false, failure: { seq: 3 } });
    const u = await tempStore();
    try {
      await appendAudit(u.store.db, { actor: 'a', action: 'x', object: 'o' });
      await appendAudit(u.store.db, { actor: 'a', action: 'y', object: 'o' });
      await sql`DELETE FROM audit_log WHERE seq = 2`.execute(u.store.db);
      expect(await verifyAudit(u.store.db)).toMatchObject({ ok: false, failure: { seq: 2, reason: expect.stringContaining('deleted') } });
    } finally {
      await u.cleanup();
    }
  });

  it('names reordered entries', async () => {
    await three();
    await sql`UPDATE audit_log SET seq = 100 WHERE seq = 2`.execute(t.store.db);
    await sql`UPDATE audit_log SET seq = 2 WHERE seq = 3`.execute(t.store.db);
    await sql`UPDATE audit_log SET seq = 3 WHERE seq = 100`.execute(t.store.db);
    expect(await verifyAudit(t.store.db)).toMatchObject({ ok: false, failure: { seq: 2 } });
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  // On PostgreSQL writers run concurrently: two that read the same head would both write entry seq+1.
  it('concurrent transactions each append one entry: N writers give a verifiable chain of N entries', async () => {
    const n = 12;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.store.db.transaction().execute(async (trx) => {
          await appendAudit(trx, { actor: `writer${i}`, action: 'test.concurrent', object: `writer:${i}` });
          // The change the entry records, after it in the same transaction: the transaction stays open while others wait.
          await trx.insertInto('meta').values({ key: `writer${i}`, value: String(i) }).execute();
        }),
      ),
    );
    expect(await verifyAudit(t.store.db)).toEqual({ ok: true, entries: n });
    expect(new Set((await listAudit(t.store.db)).map((e) => e.actor)).size).toBe(n);
  });

  it('concurrent appends outside a transaction also give one chain', async () => {
    const n = 12;
    await Promise.all(Array.from({ length: n }, (_, i) => appendAudit(t.store.db, { actor: `writer${i}`, action: 'test.concurrent', object: `writer:${i}` })));
    expect(await verifyAudit(t.store.db)).toEqual({ ok: true, entries: n });
    expect((await listAudit(t.store.db)).map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  });
});
