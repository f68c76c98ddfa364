import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../audit/index.ts';
import { closeRound, createRound, roundAssignments } from '../../coding/round.ts';
import { roundStatus } from '../../coding/status.ts';
import { exportSheet } from '../../coding/sheet-export.ts';
import { importSheets } from '../../coding/sheet-import.ts';
import { codingDump, codingStore } from '../../coding/testing/fixture.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { coderQueue, saveCodingValue, unitForm, WEB_FORM_SOURCE } from './coder-work.ts';

let t: TempStore;
const VARIABLES = ['series.selfGenerated', 'series.victimCount', 'victim.gender', 'victim.severityScale', 'victim.severityCode'];
beforeEach(async () => {
  t = await codingStore({ series: 40, sampleSize: 6 });
  await createRound(t.store, { sampleId: 's1', coders: ['alice', 'bob'], overlap: 1 / 3, seed: 4, variables: VARIABLES, actor: 'lead' });
});
afterEach(async () => t.cleanup());

const mine = async (coder: string): Promise<string[]> => (await roundAssignments(t.store, 'r1')).filter((a) => a.coder === coder).map((a) => a.seriesKey);
const notMine = async (coder: string): Promise<string> => (await roundAssignments(t.store, 'r1')).find((a) => !a.overlap && a.coder !== coder)!.seriesKey;

/** Codes every value of one series for the coder through saveCodingValue. */
async function codeSeries(coder: string, seriesKey: string): Promise<void> {
  const form = await unitForm(t.store, 'r1', seriesKey, coder);
  const save = (record: 'series' | 'victim', unitKey: string, variable: string, value: string | number) => saveCodingValue(t.store, { round: 'r1', coder, seriesKey, record, unitKey, variable, value });
  await save('series', seriesKey, 'series.selfGenerated', 'no');
  await save('series', seriesKey, 'series.victimCount', form.victims.length);
  for (const v of form.victims) {
    await save('victim', v, 'victim.gender', 'female');
    await save('victim', v, 'victim.severityScale', 'copine');
    await save('victim', v, 'victim.severityCode', '3');
  }
}

describe('coderQueue', () => {
  it("lists the coder's own units of open rounds with done/total, agreeing with roundStatus", async () => {
    const keys = await mine('alice');
    expect(keys).toHaveLength(4);
    const [q] = await coderQueue(t.store, 'alice');
    expect(q).toMatchObject({ round: 'r1', sampleId: 's1', variables: VARIABLES, done: 0, total: 4 });
    expect(q!.units.map((u) => u.seriesKey)).toEqual(keys);
    await codeSeries('alice', keys[1]!);
    const [after] = await coderQueue(t.store, 'alice');
    expect(after!.done).toBe(1);
    const unit = after!.units[1]!;
    expect(unit.done).toBe(true);
    expect(unit.valuesCoded).toBe(2 + 3 * unit.victims);
    expect(unit.valuesExpected).toBe(unit.valuesCoded);
    const status = await roundStatus(t.store, 'r1');
    const alice = status.coders.find((c) => c.coder === 'alice')!;
    expect(alice.unitsComplete).toBe(after!.done);
    expect(alice.valuesExpected).toBe(after!.units.reduce((s, u) => s + u.valuesExpected, 0));
    expect(await coderQueue(t.store, 'carol')).toEqual([]);
  });

  it('leaves closed rounds out', async () => {
    for (const c of ['alice', 'bob']) for (const k of await mine(c)) await codeSeries(c, k);
    await closeRound(t.store, 'r1', 'lead');
    expect(await coderQueue(t.store, 'alice')).toEqual([]);
  });
});

describe('unitForm', () => {
  it('gives the series, its victims, the variables with codebook codes and the coder\'s values', async () => {
    const key = (await mine('alice'))[0]!;
    const form = await unitForm(t.store, 'r1', key, 'alice');
    const victims = (await exportSheet(t.store, 'r1', 'alice', 'csv')).text.split('\n').filter((l) => l.includes(',victim,' + key + ',')).map((l) => l.split(',')[4]);
    expect(form).toMatchObject({ round: 'r1', closed: false, seriesKey: key, victims: [...victims].sort(), done: false, values: { series: {} } });
    expect(form.variables.map((v) => v.name)).toEqual(VARIABLES);
    const gender = form.variables.find((v) => v.name === 'victim.gender')!;
    expect(gender).toMatchObject({ kind: 'category', record: 'victim', notDeterminable: 'notDeterminable' });
    expect(gender.codes).toContainEqual({ code: 'female', label: expect.any(String) as string });
    expect(form.variables.find((v) => v.name === 'series.victimCount')).toMatchObject({ kind: 'count', max: expect.any(Number) as number });
    expect(form.variables.find((v) => v.name === 'victim.severityCode')!.codesByScale).toEqual({ copine: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'notDeterminable'], sap: ['1', '2', '3', '4', '5', 'notDeterminable'], uk: ['C', 'B', 'A', 'notDeterminable'], notDeterminable: ['notDeterminable'] });
    await saveCodingValue(t.store, { round: 'r1', coder: 'alice', seriesKey: key, record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'No' });
    expect((await unitForm(t.store, 'r1', key, 'alice')).values.series).toEqual({ 'series.selfGenerated': 'no' });
  });

  it('answers the same for a unit of another coder, an unknown series and an unknown round', async () => {
    const other = await notMine('alice');
    for (const [round, key] of [['r1', other], ['r1', 'nope'], ['r9', other]] as const) {
      await expect(unitForm(t.store, round, key, 'alice')).rejects.toMatchObject({ code: 'VDX_CODING_UNIT_NOT_FOUND', message: `no series ${key} is assigned to you in round ${round}` });
    }
  });
});

describe('saveCodingValue', () => {
  it('stores the canonical code with an audit entry, and a unit is done when every value is given', async () => {
    const key = (await mine('bob'))[0]!;
    const saved = await saveCodingValue(t.store, { round: 'r1', coder: 'bob', seriesKey: key, record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'YES', now: '2026-03-01T00:00:00.000Z' });
    expect(saved).toEqual({ round: 'r1', record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'yes', cleared: [], unitDone: false });
    const row = await t.store.db.selectFrom('coding_value').selectAll().where('coder', '=', 'bob').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ round_id: 'r1', record: 'series', unit_key: key, value: 'yes', coded_at: '2026-03-01T00:00:00.000Z', sheet_hash: WEB_FORM_SOURCE });
    const [entry] = await listAudit(t.store.db, { actionPrefix: 'coding.value' });
    expect(entry).toMatchObject({ actor: 'bob', action: 'coding.value.save', object: `round:r1/series:${key}/series.selfGenerated` });
    expect(JSON.parse(entry!.detail)).toEqual({ round: 'r1', coder: 'bob', record: 'series', variable: 'series.selfGenerated', value: 'yes', previous: null });
    // The same value again writes nothing and audits nothing.
    await saveCodingValue(t.store, { round: 'r1', coder: 'bob', seriesKey: key, record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'yes' });
    expect(await listAudit(t.store.db, { actionPrefix: 'coding.value' })).toHaveLength(1);
    await codeSeries('bob', key);
    expect((await unitForm(t.store, 'r1', key, 'bob')).done).toBe(true);
    expect((await verifyAudit(t.store.db)).ok).toBe(true);
  });

  it('agrees with sheet import: a sheet imported after web values sees them as the coder\'s values', async () => {
    const key = (await mine('alice'))[0]!;
    await codeSeries('alice', key);
    const sheet = await exportSheet(t.store, 'r1', 'alice', 'csv');
    const line = sheet.text.split('\n').find((l) => l.includes(`,series,${key},${key},`))!;
    expect(line.endsWith(',no,' + (await unitForm(t.store, 'r1', key, 'alice')).victims.length + ',,,')).toBe(true);
    const [result] = await importSheets(t.store, [t.file('alice.csv', sheet.text)], { actor: 'alice' });
    expect(result).toMatchObject({ unchanged: true });
  });

  it.each([
    ['an unknown code', { variable: 'series.selfGenerated', value: 'maybe' }, 'VDX_CODE_INVALID', /series\.selfGenerated "maybe" is not a code of this variable \(allowed: yes, no, notDeterminable/],
    ['a count out of range', { variable: 'series.victimCount', value: -2 }, 'VDX_CODE_INVALID', /series\.victimCount "-2" is not a whole number in range \(allowed: a whole number from 0 to/],
    ['a variable not in the round', { variable: 'series.paraphilicThemes', value: 'no' }, 'VDX_CODE_INVALID', /not a variable of round r1 \(allowed: series\.selfGenerated/],
    ['a victim variable on the series', { variable: 'victim.gender', value: 'female' }, 'VDX_CODE_INVALID', /victim\.gender is a victim variable; it cannot be coded on a series/],
    ['a unit key that is not the series', { unitKey: 'other' }, 'VDX_CODING_UNIT_NOT_FOUND', /no series other is assigned/],
  ])('refuses %s and changes nothing', async (_name, over, code, message) => {
    const key = (await mine('alice'))[0]!;
    const before = await codingDump(t.store);
    await expect(saveCodingValue(t.store, { round: 'r1', coder: 'alice', seriesKey: key, record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'no', ...over })).rejects.toMatchObject({ code, message: expect.stringMatching(message) as string });
    expect(await codingDump(t.store)).toBe(before);
  });

  it("refuses another coder's unit and a victim of another series, as not found", async () => {
    const other = await notMine('alice');
    const otherVictim = (await unitForm(t.store, 'r1', other, (await roundAssignments(t.store, 'r1')).find((a) => a.seriesKey === other)!.coder)).victims[0]!;
    const key = (await mine('alice'))[0]!;
    const before = await codingDump(t.store);
    await expect(saveCodingValue(t.store, { round: 'r1', coder: 'alice', seriesKey: other, record: 'series', unitKey: other, variable: 'series.selfGenerated', value: 'no' })).rejects.toMatchObject({ code: 'VDX_CODING_UNIT_NOT_FOUND' });
    await expect(saveCodingValue(t.store, { round: 'r1', coder: 'alice', seriesKey: key, record: 'victim', unitKey: otherVictim, variable: 'victim.gender', value: 'female' })).rejects.toMatchObject({ code: 'VDX_CODING_UNIT_NOT_FOUND' });
    expect(await codingDump(t.store)).toBe(before);
  });

  it('reads a severity code on the victim\'s scale, and a new scale clears a code not on it', async () => {
    const key = (await mine('alice'))[0]!;
    const victim = (await unitForm(t.store, 'r1', key, 'alice')).victims[0]!;
    const save = (variable: string, value: string | null) => saveCodingValue(t.store, { round: 'r1', coder: 'alice', seriesKey: key, record: 'victim', unitKey: victim, variable, value });
    await expect(save('victim.severityCode', '3')).rejects.toMatchObject({ code: 'VDX_CODE_INVALID', message: expect.stringMatching(/code victim\.severityScale first/) as string });
    await save('victim.severityScale', 'sap');
    await expect(save('victim.severityCode', '7')).rejects.toMatchObject({ code: 'VDX_CODE_INVALID', message: expect.stringMatching(/"7" is not a code of the sap scale \(allowed: 1, 2, 3, 4, 5, notDeterminable\)/) as string });
    expect(await save('victim.severityCode', 'nd')).toMatchObject({ value: 'notDeterminable' });
    expect(await save('victim.severityCode', '4')).toMatchObject({ value: '4' });
    expect(await save('victim.severityScale', 'uk')).toMatchObject({ value: 'uk', cleared: ['victim.severityCode'] });
    expect((await unitForm(t.store, 'r1', key, 'alice')).values.victims[victim]).toEqual({ 'victim.severityScale': 'uk' });
    expect(await save('victim.severityCode', 'b')).toMatchObject({ value: 'B' });
    expect(await save('victim.severityScale', null)).toMatchObject({ value: null, cleared: ['victim.severityCode'] });
    expect((await unitForm(t.store, 'r1', key, 'alice')).values.victims[victim]).toEqual({});
    const last = (await listAudit(t.store.db, { actionPrefix: 'coding.value' })).at(-1)!;
    expect(JSON.parse(last.detail)).toMatchObject({ variable: 'victim.severityScale', value: null, previous: 'uk', cleared: ['victim.severityCode'] });
  });

  it('refuses values once the round is closed', async () => {
    for (const c of ['alice', 'bob']) for (const k of await mine(c)) await codeSeries(c, k);
    await closeRound(t.store, 'r1', 'lead');
    const key = (await mine('alice'))[0]!;
    await expect(saveCodingValue(t.store, { round: 'r1', coder: 'alice', seriesKey: key, record: 'series', unitKey: key, variable: 'series.selfGenerated', value: 'yes' })).rejects.toMatchObject({ code: 'VDX_ROUND_CLOSED' });
  });
});
