import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import type { TempStore } from '../ingest/testing/temp-store.ts';
import { writeSimulatedSheets } from '../synth/coders.ts';
import { closeRound, createRound, roundAssignments } from './round.ts';
import { exportSheet } from './sheet-export.ts';
import { importSheets } from './sheet-import.ts';
import { blockersOf, expectedValues, roundStatus } from './status.ts';
import { codingStore } from './testing/fixture.ts';

let t: TempStore;
beforeEach(async () => {
  t = await codingStore({ series: 40, sampleSize: 6 });
  // Two series-level variables and one victim variable keep the arithmetic checkable by hand.
  await createRound(t.store, { sampleId: 's1', coders: ['alice', 'bob'], overlap: 1 / 3, seed: 4, variables: ['series.selfGenerated', 'series.victimCount', 'victim.gender'], actor: 'lead' });
});
afterEach(async () => t.cleanup());

describe('roundStatus', () => {
  it('counts assigned, complete and remaining units and values per coder', async () => {
    const sheet = (await exportSheet(t.store, 'r1', 'alice', 'csv')).text.trimEnd().split('\n');
    const header = sheet[0]!;
    const rows = sheet.slice(1).map((l) => l.split(','));
    const seriesRows = rows.filter((r) => r[2] === 'series');
    const victimRows = rows.filter((r) => r[2] === 'victim');
    // 6 units, round(6/3) = 2 overlap units to both → 4 + 4 = 8 codings, 4 each.
    expect(seriesRows).toHaveLength(4);
    // Alice codes everything except the gender of the first series' victims: one unit stays incomplete.
    const firstSeries = seriesRows[0]![4]!;
    const filled = rows.map((r) => {
      const c = [...r];
      if (r[2] === 'series') [c[5], c[6]] = ['no', '1'];
      else if (r[3] !== firstSeries) c[7] = 'female';
      return c.join(',');
    });
    await importSheets(t.store, [t.file('a.csv', [header, ...filled].join('\n') + '\n')], { actor: 'alice' });
    const skipped = victimRows.filter((r) => r[3] === firstSeries).length;
    expect(skipped).toBeGreaterThan(0);
    const s = await roundStatus(t.store, 'r1');
    const alice = s.coders.find((c) => c.coder === 'alice')!;
    expect(alice).toEqual({ coder: 'alice', unitsAssigned: 4, unitsComplete: skipped > 0 ? 3 : 4, unitsRemaining: skipped > 0 ? 1 : 0, valuesCoded: 2 * 4 + victimRows.length - skipped, valuesExpected: 2 * 4 + victimRows.length });
    const bob = s.coders.find((c) => c.coder === 'bob')!;
    expect(bob).toMatchObject({ unitsAssigned: 4, unitsComplete: 0, unitsRemaining: 4, valuesCoded: 0 });
    // Overall, a unit is complete when all its coders completed it: only alice's single-coded ones can be.
    const aliceSingles = (await roundAssignments(t.store, 'r1')).filter((a) => a.coder === 'alice' && !a.overlap).map((a) => a.seriesKey);
    expect(aliceSingles).toHaveLength(2);
    const completeSingles = aliceSingles.filter((k) => k !== firstSeries || skipped === 0).length;
    expect(s.overall).toMatchObject({ unitsAssigned: 6, unitsComplete: completeSingles, overlapUnits: 2, valuesCoded: alice.valuesCoded, valuesExpected: alice.valuesExpected + bob.valuesExpected });
    expect(s.blockers).toContain(`coder bob has 4 of 4 unit(s) not complete (${bob.valuesExpected} value(s) missing)`);
  });

  it('a finished round can be closed once, and then takes no more sheets', async () => {
    const files = await writeSimulatedSheets(t.store, 'r1', join(t.dir, 'sim'), { errorRate: 0, seed: 1, format: 'csv' });
    await importSheets(t.store, files.map((f) => f.file), { actor: 'lead' });
    const s = await roundStatus(t.store, 'r1');
    expect(s.coders.map((c) => c.unitsRemaining)).toEqual([0, 0]);
    expect(s.overall.unitsComplete).toBe(6);
    const closed = await closeRound(t.store, 'r1', 'lead', '2026-04-01T00:00:00.000Z');
    expect(closed).toMatchObject({ closedAt: '2026-04-01T00:00:00.000Z', closedBy: 'lead' });
    expect((await listAudit(t.store.db, { actionPrefix: 'coding.round.close' }))[0]).toMatchObject({ object: 'round:r1', actor: 'lead' });
    await expect(closeRound(t.store, 'r1', 'lead')).rejects.toMatchObject({ code: 'VDX_ROUND_INVALID', message: expect.stringMatching(/already closed/) });
    await expect(importSheets(t.store, [files[0]!.file], { actor: 'lead' })).rejects.toMatchObject({ code: 'VDX_SHEET_INVALID', message: expect.stringMatching(/was closed/) });
  });
});

describe('disagreements block closing', () => {
  it('counts cells where coders differ and no adjudication decided', async () => {
    const files = await writeSimulatedSheets(t.store, 'r1', join(t.dir, 'sim'), { errorRate: 0.5, seed: 7, format: 'csv' });
    await importSheets(t.store, files.map((f) => f.file), { actor: 'lead' });
    const rows = await t.store.db.selectFrom('coding_value').select(['record', 'unit_key', 'variable', 'value']).execute();
    const cells = new Map<string, Set<string>>();
    for (const r of rows) {
      const k = `${r.record}/${r.unit_key}/${r.variable}`;
      (cells.get(k) ?? cells.set(k, new Set()).get(k)!).add(r.value);
    }
    const differing = [...cells.values()].filter((v) => v.size > 1).length;
    expect(differing).toBeGreaterThan(0);
    const s = await roundStatus(t.store, 'r1');
    expect(s.coders.map((c) => c.unitsRemaining)).toEqual([0, 0]);
    expect(s.unresolvedDisagreements).toBe(differing);
    expect(s.blockers).toEqual([`${differing} disagreement(s) between coders are not adjudicated (vindex coding disagreements)`]);
    await expect(closeRound(t.store, 'r1', 'lead')).rejects.toMatchObject({ code: 'VDX_ROUND_INVALID', message: expect.stringMatching(/disagreement\(s\) between coders are not adjudicated/) });
  });
});

describe('helpers', () => {
  it('expected values and blockers', () => {
    expect(expectedValues(3, 5, 2)).toBe(13);
    expect(blockersOf([{ coder: 'a', unitsAssigned: 2, unitsComplete: 1, unitsRemaining: 1, valuesCoded: 3, valuesExpected: 5 }], 4)).toEqual([
      'coder a has 1 of 2 unit(s) not complete (2 value(s) missing)',
      '4 disagreement(s) between coders are not adjudicated (vindex coding disagreements)',
    ]);
    expect(blockersOf([], 0)).toEqual([]);
  });
});
