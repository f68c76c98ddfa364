import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit/index.ts';
import type { TempStore } from '../ingest/testing/temp-store.ts';
import { closeRound, createRound, listRounds, roundAssignments } from './round.ts';
import { codingDump, codingStore } from './testing/fixture.ts';
import { loadRound } from './variables.ts';

let t: TempStore;
beforeEach(async () => {
  t = await codingStore({ series: 40, sampleSize: 10 });
});
afterEach(async () => t.cleanup());

const base = { sampleId: 's1', coders: ['carol', 'alice', 'bob'], overlap: 0.4, seed: 9, actor: 'lead' };

describe('createRound', () => {
  it('stores the round, its balanced assignment and one audit entry', async () => {
    const created = await createRound(t.store, base);
    expect(created.round).toMatchObject({ id: 'r1', sampleId: 's1', coders: ['alice', 'bob', 'carol'], overlap: 0.4, ratersPerOverlap: 2, seed: 9, createdBy: 'lead', closedAt: null });
    // 10 units, round(0.4·10) = 4 overlap units in pairs: 4·2 + 6 = 14 codings, 5/5/4 per coder.
    expect(created.units).toBe(10);
    expect(created.overlapUnits).toBe(4);
    expect(Object.values(created.workload).sort()).toEqual([4, 5, 5]);
    expect(await loadRound(t.store, 'r1')).toEqual(created.round);
    const rows = await roundAssignments(t.store, 'r1');
    expect(rows).toHaveLength(14);
    expect(rows.filter((r) => r.overlap)).toHaveLength(8);
    const [entry] = await listAudit(t.store.db, { actionPrefix: 'coding.round' });
    expect(entry).toMatchObject({ actor: 'lead', action: 'coding.round.create', object: 'round:r1' });
    expect(JSON.parse(entry!.detail)).toMatchObject({ sample: 's1', units: 10, overlapUnits: 4, seed: 9 });
    expect((await verifyAudit(t.store.db)).ok).toBe(true);
    const second = await createRound(t.store, { ...base, overlap: 0 });
    expect(second.round.id).toBe('r2');
    expect((await listRounds(t.store)).map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('same inputs give the same assignment', async () => {
    const a = await createRound(t.store, { ...base, id: 'ra' });
    const b = await createRound(t.store, { ...base, id: 'rb' });
    expect(b.assignments).toEqual(a.assignments);
  });

  it.each([
    ['one coder with overlap', { coders: ['alice'] }, 'VDX_ROUND_INVALID', /at least 2 coders/],
    ['raters above coders', { ratersPerOverlap: 4 }, 'VDX_ROUND_INVALID', /raters-per-overlap/],
    ['a repeated coder', { coders: ['alice', 'alice'] }, 'VDX_ROUND_INVALID', /listed twice/],
    ['a bad coder name', { coders: ['Alice X', 'bob'] }, 'VDX_USAGE', /not a valid name/],
    ['overlap above 1', { overlap: 1.2 }, 'VDX_ROUND_INVALID', /overlap/],
    ['an unknown variable', { variables: ['victim.gender', 'series.firstSeen'] }, 'VDX_ROUND_INVALID', /series\.firstSeen.*codable variables are/],
    ['a code without its scale', { variables: ['victim.severityCode'] }, 'VDX_ROUND_INVALID', /severityScale/],
    ['an unknown sample', { sampleId: 's9' }, 'VDX_SAMPLE_NOT_FOUND', /s9/],
    ['a bad seed', { seed: -1 }, 'VDX_ROUND_INVALID', /seed/],
  ])('refuses %s and leaves the store unchanged', async (_name, over, code, message) => {
    await createRound(t.store, { ...base, id: 'keep' });
    const before = await codingDump(t.store);
    await expect(createRound(t.store, { ...base, ...over })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    expect(await codingDump(t.store)).toBe(before);
  });

  it('refuses a taken id', async () => {
    await createRound(t.store, { ...base, id: 'pilot' });
    const before = await codingDump(t.store);
    await expect(createRound(t.store, { ...base, id: 'pilot' })).rejects.toMatchObject({ code: 'VDX_ROUND_INVALID', message: expect.stringMatching(/already exists/) });
    expect(await codingDump(t.store)).toBe(before);
  });
});

describe('closeRound', () => {
  it('refuses while coders have units left, listing them, and writes nothing', async () => {
    await createRound(t.store, base);
    const before = await codingDump(t.store);
    const err = await closeRound(t.store, 'r1', 'lead').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VDX_ROUND_INVALID' });
    expect((err as Error).message).toMatch(/coder alice has 5 of 5 unit\(s\) not complete/);
    expect((err as Error).message).toMatch(/coder bob has 4 of 4/);
    expect(await codingDump(t.store)).toBe(before);
    await expect(closeRound(t.store, 'r7', 'lead')).rejects.toMatchObject({ code: 'VDX_ROUND_NOT_FOUND' });
  });
});
