import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { VindexError } from '../errors.ts';
import { ADJUDICATION_REASONS, adjudicate } from './adjudicate.ts';
import { listDisagreements } from './disagreements.ts';
import { finalValueProvenance, finalValues } from './final-values.ts';
import { reviewStore, type ReviewStore } from './fixtures/review-store.ts';
import { codingDump } from './testing/fixture.ts';

let r: ReviewStore;
let o1: string;
let o2: string;
beforeEach(async () => {
  r = await reviewStore();
  [o1, o2] = r.overlap as [string, string];
  // Overlap unit 1: agree on selfGenerated, disagree on victimCount. Unit 2: disagree on selfGenerated, agree on count.
  await r.code('alice', o1, 'series.selfGenerated', 'no');
  await r.code('bob', o1, 'series.selfGenerated', 'no');
  await r.code('alice', o1, 'series.victimCount', '1');
  await r.code('bob', o1, 'series.victimCount', '2');
  await r.code('alice', o2, 'series.selfGenerated', 'yes');
  await r.code('bob', o2, 'series.selfGenerated', 'no');
  await r.code('alice', o2, 'series.victimCount', '3');
  await r.code('bob', o2, 'series.victimCount', '3');
  // One single-coded unit, only selfGenerated coded.
  await r.code(r.singles[0]!.coder, r.singles[0]!.key, 'series.selfGenerated', 'notDeterminable');
});
afterEach(async () => r.t.cleanup());

describe('listDisagreements', () => {
  it('lists every unit × variable whose coders differ, with their values', async () => {
    const d = await listDisagreements(r.t.store, 'r1');
    expect(d.map((x) => [x.unitKey, x.variable])).toEqual([[o1, 'series.victimCount'], [o2, 'series.selfGenerated']].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    const count = d.find((x) => x.variable === 'series.victimCount')!;
    expect(count).toEqual({ record: 'series', unitKey: o1, seriesKey: o1, variable: 'series.victimCount', values: [{ coder: 'alice', value: '1' }, { coder: 'bob', value: '2' }], adjudication: null });
    expect(await listDisagreements(r.t.store, 'r1', { variable: 'series.selfGenerated' })).toHaveLength(1);
    await expect(listDisagreements(r.t.store, 'r1', { variable: 'victim.ageBand' })).rejects.toMatchObject({ code: 'VDX_USAGE' });
    await expect(listDisagreements(r.t.store, 'r9')).rejects.toMatchObject({ code: 'VDX_ROUND_NOT_FOUND' });
  });

  it('unresolvedOnly drops adjudicated ones; the adjudication is shown otherwise', async () => {
    await adjudicate(r.t.store, { roundId: 'r1', actor: 'lead', now: '2026-03-01T00:00:00.000Z', decisions: [{ unitKey: o1, variable: 'series.victimCount', value: '2', reason: 'source-record' }] });
    expect((await listDisagreements(r.t.store, 'r1', { unresolvedOnly: true })).map((x) => x.unitKey)).toEqual([o2]);
    const all = await listDisagreements(r.t.store, 'r1');
    expect(all.find((x) => x.unitKey === o1)!.adjudication).toEqual({ value: '2', reason: 'source-record', adjudicator: 'lead', decidedAt: '2026-03-01T00:00:00.000Z' });
  });
});

describe('finalValues', () => {
  it('agreed and single-coded values are final; disagreements are unresolved; assigned but uncoded cells counted', async () => {
    const f = await finalValues(r.t.store, 'r1');
    expect(f.roundId).toBe('r1');
    expect(f.sampleId).toBe('s1');
    expect(f.series.get(o1)).toEqual({ 'series.selfGenerated': 'no' });
    expect(f.series.get(o2)).toEqual({ 'series.victimCount': '3' });
    expect(f.series.get(r.singles[0]!.key)).toEqual({ 'series.selfGenerated': 'notDeterminable' });
    expect(f.series.size).toBe(3);
    expect(f.victims.size).toBe(0);
    expect(f.unresolved).toBe(2);
    // 6 series × 2 series variables = 12 cells, 5 decided or unresolved → 7; plus every victim's gender.
    const victims = (await r.t.store.db.selectFrom('victim').select('key').where('series_id', 'in', r.t.store.db.selectFrom('coding_assignment').select('series_id').where('round_id', '=', 'r1')).execute()).length;
    expect(victims).toBeGreaterThan(0);
    expect(f.uncoded).toBe(12 - 5 + victims);
  });

  it('victims get their own map, keyed by victim key', async () => {
    const before = await finalValues(r.t.store, 'r1');
    const [v1, ...rest] = await r.victimsOf(o1);
    await r.code('alice', v1!, 'victim.gender', 'female', 'victim');
    await r.code('bob', v1!, 'victim.gender', 'female', 'victim');
    for (const v of rest) {
      await r.code('alice', v, 'victim.gender', 'male', 'victim');
      await r.code('bob', v, 'victim.gender', 'female', 'victim');
    }
    const f = await finalValues(r.t.store, 'r1');
    expect([...f.victims.entries()]).toEqual([[v1, { 'victim.gender': 'female' }]]);
    expect(f.unresolved).toBe(before.unresolved + rest.length);
    expect(f.uncoded).toBe(before.uncoded - 1 - rest.length);
    const p = await finalValueProvenance(r.t.store, 'r1', v1!);
    expect(p).toMatchObject({ record: 'victim', unitKey: v1, seriesKey: o1, variables: [{ variable: 'victim.gender', final: 'female', status: 'agreed' }] });
  });

  it('an adjudicated value is final even where the coders agreed', async () => {
    await adjudicate(r.t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: o1, variable: 'series.selfGenerated', value: 'Yes', reason: 'codebook-rule' }, { unitKey: o2, variable: 'series.selfGenerated', value: 'no', reason: 'majority' }] });
    const f = await finalValues(r.t.store, 'r1');
    expect(f.series.get(o1)).toEqual({ 'series.selfGenerated': 'yes' });
    expect(f.series.get(o2)).toEqual({ 'series.selfGenerated': 'no', 'series.victimCount': '3' });
    expect(f.unresolved).toBe(1);
  });

  it('provenance lists each coder value with time and codebook version, the adjudication and the final value', async () => {
    await adjudicate(r.t.store, { roundId: 'r1', actor: 'lead', now: '2026-03-01T00:00:00.000Z', decisions: [{ unitKey: o1, variable: 'series.victimCount', value: '2', reason: 'source-record' }] });
    const p = await finalValueProvenance(r.t.store, 'r1', o1);
    expect(p.record).toBe('series');
    expect(p.variables.map((v) => [v.variable, v.final, v.status])).toEqual([['series.selfGenerated', 'no', 'agreed'], ['series.victimCount', '2', 'adjudicated']]);
    expect(p.variables[1]!.codings).toEqual([{ coder: 'alice', value: '1', codedAt: '2026-02-01T00:00:00.000Z', codebookVersion: '1.0.0' }, { coder: 'bob', value: '2', codedAt: '2026-02-01T00:00:00.000Z', codebookVersion: '1.0.0' }]);
    expect(p.variables[1]!.adjudication).toMatchObject({ value: '2', reason: 'source-record', adjudicator: 'lead', decidedAt: '2026-03-01T00:00:00.000Z' });
    await expect(finalValueProvenance(r.t.store, 'r1', 'nope')).rejects.toMatchObject({ code: 'VDX_USAGE' });
  });
});

describe('adjudicate', () => {
  it('re-adjudication replaces the value and is audited twice; the chain verifies', async () => {
    const first = await adjudicate(r.t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: o1, variable: 'series.victimCount', value: '1', reason: 'majority' }] });
    expect(first).toEqual([{ record: 'series', unitKey: o1, variable: 'series.victimCount', value: '1', previous: null, reason: 'majority', coderValues: { alice: '1', bob: '2' } }]);
    const second = await adjudicate(r.t.store, { roundId: 'r1', actor: 'carol', decisions: [{ unitKey: o1, variable: 'series.victimCount', value: '2', reason: 'source-record' }] });
    expect(second[0]!.previous).toBe('1');
    const rows = await r.t.store.db.selectFrom('adjudication').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: '2', reason: 'source-record', adjudicator: 'carol' });
    const audit = (await listAudit(r.t.store.db, { actionPrefix: 'coding.adjudicate' })).sort((a, b) => a.seq - b.seq);
    expect(audit.map((a) => [a.actor, a.object, JSON.parse(a.detail)])).toEqual([
      ['lead', `round:r1/series:${o1}/series.victimCount`, { value: '1', previous: null, reason: 'majority', coderValues: { alice: '1', bob: '2' } }],
      ['carol', `round:r1/series:${o1}/series.victimCount`, { value: '2', previous: '1', reason: 'source-record', coderValues: { alice: '1', bob: '2' } }],
    ]);
    expect((await verifyAudit(r.t.store.db)).ok).toBe(true);
  });

  it('refuses the whole call on any bad decision, naming each problem, and writes nothing', async () => {
    const before = await codingDump(r.t.store);
    const adjBefore = await r.t.store.db.selectFrom('adjudication').selectAll().execute();
    const bad = [
      { unitKey: o1, variable: 'series.victimCount', value: '2', reason: 'majority' }, // fine
      { unitKey: o2, variable: 'series.selfGenerated', value: 'maybe', reason: 'majority' }, // bad value
      { unitKey: o2, variable: 'series.victimCount', value: '3', reason: 'I looked again' }, // free text reason
      { unitKey: o2, variable: 'victim.ageBand', value: 'a', reason: 'other' }, // not a round variable
      { unitKey: r.singles[1]!.key, variable: 'series.victimCount', value: '1', reason: 'other' }, // never coded
      { unitKey: o1, variable: 'series.victimCount', value: '1', reason: 'other' }, // twice
    ];
    let err: unknown;
    try {
      await adjudicate(r.t.store, { roundId: 'r1', actor: 'lead', decisions: bad, file: 'd.csv' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VindexError);
    const e = err as VindexError;
    expect(e.code).toBe('VDX_ADJUDICATION_INVALID');
    expect(e.message).toContain('5 problem(s)');
    expect(e.message).toContain('d.csv, line 2, field value: "maybe"');
    expect(e.message).toContain(`d.csv, line 3, field reason: "I looked again" is not an adjudication reason; allowed: ${ADJUDICATION_REASONS.join(', ')}`);
    expect(e.message).toContain('d.csv, line 4, field variable');
    expect(e.message).toContain(`d.csv, line 5, field unit: series "${r.singles[1]!.key}" has no coded series.victimCount`);
    expect(e.message).toContain('d.csv, line 6, field unit');
    expect(await codingDump(r.t.store)).toBe(before);
    expect(await r.t.store.db.selectFrom('adjudication').selectAll().execute()).toEqual(adjBefore);
  });

  it('a closed round takes no adjudication', async () => {
    // Closed directly: closeRound itself refuses a round with units left (C's rule, tested there).
    await r.t.store.db.updateTable('coding_round').set({ closed_at: '2026-04-01T00:00:00.000Z', closed_by: 'lead' }).where('id', '=', 'r1').execute();
    await expect(adjudicate(r.t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: o1, variable: 'series.victimCount', value: '2', reason: 'majority' }] })).rejects.toMatchObject({ code: 'VDX_ADJUDICATION_INVALID' });
  });
});

describe('adjudicating severity', () => {
  it('reads a severity code on the decided or common scale', async () => {
    const s = await reviewStore({ variables: ['victim.severityScale', 'victim.severityCode'] });
    try {
      const key = s.overlap[0]!;
      const [v] = await s.victimsOf(key);
      await s.code('alice', v!, 'victim.severityScale', 'uk', 'victim');
      await s.code('bob', v!, 'victim.severityScale', 'sap', 'victim');
      await s.code('alice', v!, 'victim.severityCode', 'A', 'victim');
      await s.code('bob', v!, 'victim.severityCode', '2', 'victim');
      await expect(adjudicate(s.t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: v!, variable: 'victim.severityCode', value: 'b', reason: 'consensus' }] })).rejects.toThrow(/disagree on victim.severityScale/);
      await expect(adjudicate(s.t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: v!, variable: 'victim.severityScale', value: 'uk', reason: 'consensus' }, { unitKey: v!, variable: 'victim.severityCode', value: '7', reason: 'consensus' }] })).rejects.toThrow(/"7" is not a code of the uk scale/);
      const out = await adjudicate(s.t.store, { roundId: 'r1', actor: 'lead', decisions: [{ unitKey: v!, variable: 'victim.severityScale', value: 'uk', reason: 'consensus' }, { unitKey: v!, variable: 'victim.severityCode', value: 'b', reason: 'consensus' }] });
      expect(out.map((o) => o.value)).toEqual(['uk', 'B']);
    } finally {
      await s.t.cleanup();
    }
  });
});
