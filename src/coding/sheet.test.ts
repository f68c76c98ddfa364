import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/index.ts';
import type { TempStore } from '../ingest/testing/temp-store.ts';
import { createRound, roundAssignments } from './round.ts';
import { exportSheet, writeSheets } from './sheet-export.ts';
import { importSheets } from './sheet-import.ts';
import { codingDump, codingStore } from './testing/fixture.ts';

let t: TempStore;
beforeEach(async () => {
  t = await codingStore({ series: 40, sampleSize: 8 });
  await createRound(t.store, { sampleId: 's1', coders: ['alice', 'bob'], overlap: 0.5, seed: 2, actor: 'lead' });
});
afterEach(async () => t.cleanup());

type Row = Record<string, string>;
const parse = (text: string): { header: string[]; rows: Row[] } => {
  const [h, ...lines] = text.trimEnd().split('\n');
  const header = h!.split(',');
  return { header, rows: lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [header[i]!, c]))) };
};
const unparse = (header: readonly string[], rows: readonly Row[]): string => [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n') + '\n';

/** A complete sheet, spelled with labels and aliases as a coder might type them. */
function fill(rows: Row[]): Row[] {
  return rows.map((r) =>
    r.record === 'series'
      ? { ...r, 'series.victimCount': '1', 'series.selfGenerated': 'Yes', 'series.paraphilicThemes': 'n' }
      : { ...r, 'victim.gender': 'F', 'victim.ageBand': 'Prepubescent', 'victim.severityScale': 'copine', 'victim.severityCode': '7', 'victim.penetration': 'no' },
  );
}

async function aliceSheet(): Promise<{ header: string[]; rows: Row[] }> {
  return parse((await exportSheet(t.store, 'r1', 'alice', 'csv')).text);
}

const values = async (coder: string) => t.store.db.selectFrom('coding_value').select(['record', 'unit_key', 'variable', 'value']).where('coder', '=', coder).orderBy('record').orderBy('unit_key').orderBy('variable').execute();

describe('export → fill → import', () => {
  it('round-trips, canonicalises labels and aliases, pre-fills the next export and is idempotent', async () => {
    const blank = await aliceSheet();
    expect(blank.header).toEqual(['round', 'coder', 'record', 'series', 'unit', 'series.victimCount', 'series.selfGenerated', 'series.paraphilicThemes', 'victim.gender', 'victim.ageBand', 'victim.severityScale', 'victim.severityCode', 'victim.penetration']);
    const mine = (await roundAssignments(t.store, 'r1')).filter((a) => a.coder === 'alice');
    expect(blank.rows.filter((r) => r.record === 'series').map((r) => r.unit)).toEqual(mine.map((a) => a.seriesKey));
    for (const r of blank.rows) if (r.record === 'series') expect(r.unit).toBe(r.series);
    const file = t.file('alice.csv', unparse(blank.header, fill(blank.rows)));
    const [res] = await importSheets(t.store, [file], { actor: 'alice', now: '2026-02-01T00:00:00.000Z' });
    const nSeries = blank.rows.filter((r) => r.record === 'series').length;
    const nVictims = blank.rows.length - nSeries;
    expect(res).toMatchObject({ round: 'r1', coder: 'alice', units: blank.rows.length, values: 3 * nSeries + 5 * nVictims, removed: 0, unchanged: false });
    const stored = await values('alice');
    expect(new Set(stored.filter((v) => v.variable === 'victim.gender').map((v) => v.value))).toEqual(new Set(['female']));
    expect(new Set(stored.filter((v) => v.variable === 'series.selfGenerated').map((v) => v.value))).toEqual(new Set(['yes']));
    expect(new Set(stored.filter((v) => v.variable === 'series.paraphilicThemes').map((v) => v.value))).toEqual(new Set(['no']));
    const again = await aliceSheet();
    expect(again.rows).toEqual(fill(blank.rows).map((r) => (r.record === 'series' ? { ...r, 'series.selfGenerated': 'yes', 'series.paraphilicThemes': 'no' } : { ...r, 'victim.gender': 'female', 'victim.ageBand': 'prepubescent' })));
    const hash = res!.sheetHash;
    const row = await t.store.db.selectFrom('coding_value').select(['sheet_hash', 'coded_at', 'codebook_version']).where('coder', '=', 'alice').executeTakeFirstOrThrow();
    expect(row).toEqual({ sheet_hash: hash, coded_at: '2026-02-01T00:00:00.000Z', codebook_version: '1.0.0' });
    const audit = await listAudit(t.store.db, { actionPrefix: 'coding.sheet' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ round: 'r1', coder: 'alice', sheetHash: hash, values: res!.values, removed: 0, units: blank.rows.length });

    const before = await codingDump(t.store);
    const [same] = await importSheets(t.store, [file], { actor: 'alice' });
    expect(same).toMatchObject({ unchanged: true, values: 0 });
    expect(await codingDump(t.store)).toBe(before);

    // Changing one cell writes one value; clearing one removes the coder's earlier value.
    const edited = fill(blank.rows);
    edited[0] = { ...edited[0]!, 'series.victimCount': '2', 'series.selfGenerated': '' };
    const [changed] = await importSheets(t.store, [t.file('alice2.csv', unparse(blank.header, edited))], { actor: 'alice' });
    expect(changed).toMatchObject({ values: 1, removed: 1, unchanged: false });
    expect((await values('alice')).length).toBe(stored.length - 1);
  });

  it('JSON Lines sheets round-trip too', async () => {
    const [w] = await writeSheets(t.store, 'r1', { coder: 'bob', format: 'jsonl', out: join(t.dir, 'bob.jsonl') });
    const lines = readFileSync(w!.file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ round: 'r1', coder: 'bob', record: 'series', 'series.victimCount': null });
    expect(lines[0]).not.toHaveProperty('victim.gender');
    const filled = lines.map((o) => (o.record === 'series' ? { ...o, 'series.victimCount': 3, 'series.selfGenerated': 'no', 'series.paraphilicThemes': 'no' } : { ...o, 'victim.gender': 'male', 'victim.ageBand': 'pubescent', 'victim.severityScale': 'uk', 'victim.severityCode': 'b', 'victim.penetration': 'nd' }));
    const file = t.file('bob-filled.jsonl', filled.map((o) => JSON.stringify(o)).join('\n') + '\n');
    await importSheets(t.store, [file], { actor: 'bob' });
    const codes = await values('bob');
    expect(new Set(codes.filter((v) => v.variable === 'victim.severityCode').map((v) => v.value))).toEqual(new Set(['B']));
    expect(new Set(codes.filter((v) => v.variable === 'series.victimCount').map((v) => v.value))).toEqual(new Set(['3']));
    const again = (await exportSheet(t.store, 'r1', 'bob', 'jsonl')).text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(again[0]).toMatchObject({ 'series.victimCount': 3, 'series.selfGenerated': 'no' });
  });

  it('--out-dir writes one sheet per coder', async () => {
    const written = await writeSheets(t.store, 'r1', { format: 'csv', outDir: join(t.dir, 'sheets') });
    expect(written.map((w) => w.file)).toEqual([join(t.dir, 'sheets', 'r1-alice.csv'), join(t.dir, 'sheets', 'r1-bob.csv')]);
    expect(written.reduce((s, w) => s + w.units, 0)).toBe(8 + 4);
  });
});

describe('bad sheets are refused whole, naming file, line and field, and write nothing', () => {
  async function refused(name: string, mutate: (s: { header: string[]; rows: Row[] }) => { header: string[]; rows: Row[] } | Buffer, code = 'VDX_SHEET_INVALID'): Promise<string> {
    const s = await aliceSheet();
    const good = { header: s.header, rows: fill(s.rows) };
    const out = mutate(good);
    const file = t.file(name, Buffer.isBuffer(out) ? out : unparse(out.header, out.rows));
    const before = await codingDump(t.store);
    const err = await importSheets(t.store, [file], { actor: 'alice' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code });
    expect(await codingDump(t.store)).toBe(before);
    return (err as Error).message;
  }

  it('unknown unit', async () => {
    const m = await refused('u.csv', (s) => ({ ...s, rows: s.rows.map((r, i) => (i === 1 ? { ...r, unit: 'noSuchVictimKey' } : r)) }));
    expect(m).toMatch(/u\.csv:3 field unit value "noSuchVictimKey": is not a victim of this store/);
  });

  it('unknown code, naming what is allowed', async () => {
    const m = await refused('c.csv', (s) => ({ ...s, rows: s.rows.map((r, i) => (i === 1 ? { ...r, 'victim.gender': 'purple' } : r)) }));
    expect(m).toMatch(/c\.csv:3 field victim\.gender value "purple": is not a code of this variable \(allowed: female, male, notDeterminable/);
  });

  it('a unit not assigned to this coder', async () => {
    const bobOnly = (await roundAssignments(t.store, 'r1')).filter((a) => a.coder === 'bob' && !a.overlap)[0]!;
    const m = await refused('n.csv', (s) => ({ ...s, rows: [...s.rows, { round: 'r1', coder: 'alice', record: 'series', series: bobOnly.seriesKey, unit: bobOnly.seriesKey, 'series.victimCount': '1' }] }));
    expect(m).toMatch(new RegExp(`n\\.csv:\\d+ field unit value "${bobOnly.seriesKey}": is not assigned to alice in round r1`));
  });

  it('unknown columns, calling out media-looking ones', async () => {
    const m = await refused('k.csv', (s) => ({ header: [...s.header, 'victim.ethnicity', 'imageUrl'], rows: s.rows }));
    expect(m).toMatch(/k\.csv:1 field victim\.ethnicity: is not a variable of round r1/);
    expect(m).toMatch(/k\.csv:1 field imageUrl: looks like a media, link or free-text column/);
  });

  it('a missing required column', async () => {
    const m = await refused('q.csv', (s) => ({ header: s.header.filter((h) => h !== 'record'), rows: s.rows }));
    expect(m).toMatch(/q\.csv:1 field record: is a required column and is missing/);
  });

  it('a duplicate unit row', async () => {
    const m = await refused('d.csv', (s) => ({ ...s, rows: [...s.rows, s.rows[1]!] }));
    expect(m).toMatch(/d\.csv:\d+ field unit value "[^"]+": repeats the victim of line 3/);
  });

  it('a file mixing coders', async () => {
    const m = await refused('x.csv', (s) => ({ ...s, rows: s.rows.map((r, i) => (i === 2 ? { ...r, coder: 'bob' } : r)) }));
    expect(m).toMatch(/x\.csv:4 field coder value "bob": differs from the sheet's coder alice/);
  });

  it('a series variable on a victim row, and a severity code off its scale', async () => {
    const m = await refused('v.csv', (s) => ({ ...s, rows: s.rows.map((r, i) => (i === 1 ? { ...r, 'series.victimCount': '2', 'victim.severityScale': 'sap', 'victim.severityCode': '8' } : r)) }));
    expect(m).toMatch(/v\.csv:3 field series\.victimCount value "2": is a series variable; leave it empty on a victim row/);
    expect(m).toMatch(/v\.csv:3 field victim\.severityCode value "8": is not a code of the sap scale \(allowed: 1, 2, 3, 4, 5\)/);
  });

  it('a closed round', async () => {
    await t.store.db.updateTable('coding_round').set({ closed_at: '2026-03-01T00:00:00.000Z', closed_by: 'lead' }).execute();
    const m = await refused('z.csv', (s) => s);
    expect(m).toMatch(/z\.csv:2 field round value "r1": round r1 was closed/);
  });

  it('an unknown round', async () => {
    const m = await refused('r.csv', (s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, round: 'r9' })) }));
    expect(m).toMatch(/r\.csv:2 field round value "r9": is not a coding round of this store/);
    expect(m).not.toMatch(/is not a sheet column/);
  });

  it('a file mixing rounds', async () => {
    await createRound(t.store, { sampleId: 's1', coders: ['alice', 'bob'], overlap: 0, seed: 3, actor: 'lead' });
    const m = await refused('w.csv', (s) => ({ ...s, rows: s.rows.map((r, i) => (i === 1 ? { ...r, round: 'r2' } : r)) }));
    expect(m).toMatch(/w\.csv:3 field round value "r2": differs from the sheet's round r1; one sheet holds one round/);
  });

  it('media bytes and links', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const m = await refused('m.csv', (s) => Buffer.concat([Buffer.from(unparse(s.header, s.rows)), png]), 'VDX_IMPORT_IMAGERY');
    expect(m).toMatch(/m\.csv:\d+: contains PNG image data/);
    const l = await refused('l.csv', (s) => ({ ...s, rows: s.rows.map((r, i) => (i === 0 ? { ...r, 'series.selfGenerated': 'http://example.org/a' } : r)) }), 'VDX_IMPORT_IMAGERY');
    expect(l).toMatch(/l\.csv:2 field series\.selfGenerated value "http:\/\/example\.org\/a": is a link/);
  });

  it('one bad file among several refuses all of them', async () => {
    const s = await aliceSheet();
    const good = t.file('good.csv', unparse(s.header, fill(s.rows)));
    const bad = t.file('bad.csv', unparse(s.header, fill(s.rows).map((r, i) => (i === 0 ? { ...r, 'series.victimCount': '-1' } : r))));
    const before = await codingDump(t.store);
    await expect(importSheets(t.store, [good, bad], { actor: 'alice' })).rejects.toMatchObject({ code: 'VDX_SHEET_INVALID', message: expect.stringMatching(/bad\.csv:2 field series\.victimCount value "-1"/) });
    expect(await codingDump(t.store)).toBe(before);
  });
});
