import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../audit/index.ts';
import { VindexError } from '../errors.ts';
import { importFiles } from './import.ts';
import type { ImportIssue } from './issues.ts';
import { Pseudonymiser } from './pseudonymise.ts';
import { offenderRecord, seriesRecord, toCsv, toJsonl, victimRecord, type TestRecord } from './testing/records.ts';
import { storeCounts, storeDump, tempStore, type TempStore } from './testing/temp-store.ts';

const TODAY = '2024-06-30';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

const run = (...files: string[]) => importFiles({ store: t.store, files, today: TODAY });

/** Runs an import that must fail; returns the error after checking that the store did not change. */
async function refused(...files: string[]): Promise<VindexError> {
  const before = await storeDump(t.store);
  const err = await run(...files).then(
    () => {
      throw new Error('the import was expected to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VindexError);
  expect(await storeDump(t.store)).toEqual(before);
  return err as VindexError;
}

const issues = (e: VindexError): ImportIssue[] => e.details as ImportIssue[];

/** A small known file: one source record, two series, three victims, one offender. */
const KNOWN: TestRecord[] = [
  { record: 'source', 'source.code': 'SRC-T', 'source.kind': 'national' },
  seriesRecord('S-1', { 'series.victimCount': 2, 'series.selfGenerated': 'N', 'series.victimGender': 'both' }),
  victimRecord('S-1', 'V-1', { 'victim.gender': 'F', 'victim.severityCode': '7', 'victim.penetration': 'no', 'victim.ethnicity': 'white' }),
  victimRecord('S-1', 'V-2', { 'victim.gender': 'Male', 'victim.ageBand': 'PUBESCENT', 'victim.severityScale': 'sap', 'victim.severityCode': '4' }),
  offenderRecord('S-1', 'O-1', { 'offender.ageBand': 'adult' }),
  seriesRecord('S-2', { 'series.country': 'FRA', 'series.firstSeen': '2016-03-01', 'series.identified': 'yes', 'series.identifiedOn': '2017-01-01' }),
  victimRecord('S-2', 'V-3', { 'victim.ageBand': 'infant', 'victim.identified': 'y', 'victim.identifiedOn': '2017-01-01', 'victim.severityScale': 'uk', 'victim.severityCode': 'a' }),
];

describe('importing a valid file', () => {
  it('reports what it imported and stores the coded values under keyed ids', async () => {
    const content = toCsv(KNOWN);
    const file = t.file('known.csv', content);
    const summaries = await run(file);
    const contentHash = createHash('sha256').update(content).digest('hex');
    expect(summaries).toEqual([{ file, format: 'csv', contentHash, status: 'imported', sources: 1, series: 2, victims: 3, offenders: 1 }]);

    const p = new Pseudonymiser(t.store.secret());
    const s1 = p.key('series', 'SRC-T', 'S-1');
    const s2 = p.key('series', 'SRC-T', 'S-2');
    expect(await t.store.db.selectFrom('source').selectAll().execute()).toEqual([{ code: 'SRC-T', kind: 'national' }]);
    // `id` is the store's surrogate for joins, assigned in insertion order.
    expect(await t.store.db.selectFrom('series').selectAll().orderBy('first_seen').execute()).toEqual([
      {
        id: 1, key: s1, source: 'SRC-T', country: 'DE', first_seen: '2015-03-01', identified: 'no', identified_on: null, offender_identified: null,
        abuse_country_confirmed: null, abuse_country_suspected: null, victim_count: 2, offender_count: null, image_count: null, video_count: null,
        self_generated: 'no', paraphilic_themes: null, victim_gender: 'both', victim_age_group: null, provenance: null, batch: contentHash,
      },
      {
        id: 2, key: s2, source: 'SRC-T', country: 'FR', first_seen: '2016-03-01', identified: 'yes', identified_on: '2017-01-01', offender_identified: null,
        abuse_country_confirmed: null, abuse_country_suspected: null, victim_count: null, offender_count: null, image_count: null, video_count: null,
        self_generated: null, paraphilic_themes: null, victim_gender: null, victim_age_group: null, provenance: null, batch: contentHash,
      },
    ]);
    const victims = await t.store.db.selectFrom('victim').selectAll().execute();
    const byKey = new Map(victims.map((v) => [v.key, v]));
    const common = { relation: null, baseline: null, batch: contentHash };
    expect(byKey.get(p.key('victim', 'SRC-T', 'V-1'))).toEqual({
      key: p.key('victim', 'SRC-T', 'V-1'), series_key: s1, series_id: 1, gender: 'female', age_band: 'prepubescent', ethnicity: 'white', identified: 'no', identified_on: null,
      severity_scale: 'copine', severity_code: '7', penetration: 'no', severity: 'catB', severity_ambiguous: 'no', ...common,
    });
    expect(byKey.get(p.key('victim', 'SRC-T', 'V-2'))).toEqual({
      key: p.key('victim', 'SRC-T', 'V-2'), series_key: s1, series_id: 1, gender: 'male', age_band: 'pubescent', ethnicity: null, identified: 'no', identified_on: null,
      severity_scale: 'sap', severity_code: '4', penetration: null, severity: 'catA', severity_ambiguous: 'no', ...common,
    });
    expect(byKey.get(p.key('victim', 'SRC-T', 'V-3'))).toEqual({
      key: p.key('victim', 'SRC-T', 'V-3'), series_key: s2, series_id: 2, gender: 'female', age_band: 'infantToddler', ethnicity: null, identified: 'yes', identified_on: '2017-01-01',
      severity_scale: 'uk', severity_code: 'A', penetration: null, severity: 'catA', severity_ambiguous: 'no', ...common,
    });
    expect(await t.store.db.selectFrom('offender').selectAll().execute()).toEqual([
      { key: p.key('offender', 'SRC-T', 'O-1'), series_key: s1, series_id: 1, visible: 'yes', gender: 'male', age_band: 'adult', ethnicity: null, batch: contentHash },
    ]);
    const batch = await t.store.db.selectFrom('import_batch').selectAll().execute();
    expect(batch).toEqual([
      { content_hash: contentHash, file_name: 'known.csv', format: 'csv', imported_at: batch[0]!.imported_at, codebook_version: '1.0.0', sources: 1, series: 2, victims: 3, offenders: 1 },
    ]);
  });

  it('records each imported file in the audit log, and nothing for a file imported before', async () => {
    const content = toCsv(KNOWN);
    const file = t.file('known.csv', content);
    await importFiles({ store: t.store, files: [file], today: TODAY, actor: 'alice' });
    await importFiles({ store: t.store, files: [file], today: TODAY, actor: 'bob' });
    const entries = await listAudit(t.store.db);
    const contentHash = createHash('sha256').update(content).digest('hex');
    expect(entries.map((e) => [e.actor, e.action, e.object, JSON.parse(e.detail)])).toEqual([
      ['alice', 'import', `batch:${contentHash}`, { file: 'known.csv', format: 'csv', sources: 1, series: 2, victims: 3, offenders: 1 }],
    ]);
    expect((await verifyAudit(t.store.db)).ok).toBe(true);
  });

  it('accepts victims before their series in the same file, and victims of a series imported earlier', async () => {
    await run(t.file('a.csv', toCsv([victimRecord('S-1', 'V-1'), seriesRecord('S-1')])));
    await run(t.file('b.csv', toCsv([victimRecord('S-1', 'V-2'), offenderRecord('S-1', 'O-1')])));
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 1, victims: 2, offenders: 1, batches: 2 });
  });

  it('registers a source named only by series rows, with no kind', async () => {
    await run(t.file('a.csv', toCsv([seriesRecord('S-1', { 'series.source': 'NAT-XX' })])));
    expect(await t.store.db.selectFrom('source').selectAll().execute()).toEqual([{ code: 'NAT-XX', kind: null }]);
  });

  it('the same external id in two sources is two series', async () => {
    await run(t.file('a.csv', toCsv([seriesRecord('S-1'), seriesRecord('S-1', { 'series.source': 'SRC-U' })])));
    expect(await storeCounts(t.store)).toEqual({ sources: 2, series: 2, victims: 0, offenders: 0, batches: 1 });
  });

  it('JSON Lines import stores exactly what CSV import of the same records stores', async () => {
    const csv = await tempStore();
    const jsonl = await tempStore();
    try {
      // Same secret in both stores, so the keys are comparable.
      writeFileSync(jsonl.store.secretFile, csv.store.secret().toString('hex') + '\n');
      await importFiles({ store: csv.store, files: [csv.file('known.csv', toCsv(KNOWN))], today: TODAY });
      // JSON keeps types: series.victimCount is the number 2 here, the text "2" in CSV.
      await importFiles({ store: jsonl.store, files: [jsonl.file('known.jsonl', toJsonl(KNOWN))], today: TODAY });
      const strip = (d: Record<string, unknown[]>) => {
        const { import_batch: _b, meta: _m, audit_log: _a, ...rest } = d;
        return JSON.parse(JSON.stringify(rest).replace(/"batch":"[0-9a-f]{64}"/g, '"batch":"-"'));
      };
      expect(strip(await storeDump(jsonl.store))).toEqual(strip(await storeDump(csv.store)));
      expect((await storeDump(jsonl.store)).victim).toHaveLength(3);
    } finally {
      await csv.cleanup();
      await jsonl.cleanup();
    }
  });

  it('JSON Lines with every column present and empty strings or nulls for the empty ones imports like CSV', async () => {
    const full = (r: TestRecord): Record<string, string | number | null> => {
      const out: Record<string, string | number | null> = {};
      for (const k of Object.keys(toCsvColumns())) out[k] = k in r ? r[k]! : k.endsWith('Count') ? null : '';
      return out;
    };
    const lines = KNOWN.map((r) => JSON.stringify(full(r))).join('\n') + '\n';
    await run(t.file('full.jsonl', lines));
    expect(await storeCounts(t.store)).toEqual({ sources: 1, series: 2, victims: 3, offenders: 1, batches: 1 });
  });
});

/** The columns of the record format as an object (for building full-width JSON records). */
function toCsvColumns(): Record<string, true> {
  const header = toCsv([]).trim().split(',');
  return Object.fromEntries(header.map((h) => [h, true]));
}

describe('error messages', () => {
  it('name file, line, field, value and what is allowed; the first problem of a row does not hide the others', async () => {
    const file = t.file('bad.csv', toCsv([
      seriesRecord('S-1'),
      victimRecord('S-1', 'V-1', { 'victim.gender': 'x', 'victim.ageBand': null }),
      seriesRecord('S-2', { 'series.country': 'XX', 'series.firstSeen': '2024-07-01' }),
    ]));
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_INVALID');
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe([
      '4 problem(s); nothing was written.',
      `${file}:3 field victim.gender value "x": is not a code of this variable (allowed: female, male, notDeterminable (codes or labels, any case))`,
      `${file}:3 field victim.ageBand value (empty): is required (allowed: infantToddler, prepubescent, pubescent, postPubescent, notDeterminable (codes or labels, any case))`,
      `${file}:4 field series.country value "XX": is not an ISO 3166-1 country code (allowed: an ISO 3166-1 alpha-2 or alpha-3 country code, or ZZ (not determinable))`,
      `${file}:4 field series.firstSeen value "2024-07-01": is in the future (after 2024-06-30) (allowed: a date YYYY-MM-DD, not in the future)`,
    ].join('\n'));
    expect(issues(err)[0]).toEqual({
      kind: 'invalid-value', file, row: 3, field: 'victim.gender', value: 'x', message: 'is not a code of this variable', allowed: 'female, male, notDeterminable (codes or labels, any case)',
    });
  });

  it('list the first 50 problems, then "… and N more"', async () => {
    const records = [seriesRecord('S-1'), ...Array.from({ length: 60 }, (_, i) => victimRecord('S-1', `V-${i}`, { 'victim.gender': 'x' }))];
    const file = t.file('many.csv', toCsv(records));
    const err = await refused(file);
    const lines = err.message.split('\n');
    expect(lines[0]).toBe('60 problem(s); nothing was written.');
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines[1]).toBe(`${file}:3 field victim.gender value "x": is not a code of this variable (allowed: female, male, notDeterminable (codes or labels, any case))`);
    expect(lines[50]).toBe(`${file}:52 field victim.gender value "x": is not a code of this variable (allowed: female, male, notDeterminable (codes or labels, any case))`);
    expect(lines[51]).toBe('… and 10 more problem(s) not listed');
    expect(issues(err)).toHaveLength(50);
  });

  it('count lines of the file, blank lines included', async () => {
    const content = toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1', { 'victim.gender': 'x' })]).replace('\nvictim', '\n\n\nvictim');
    const file = t.file('blank.csv', content);
    const err = await refused(file);
    expect(issues(err).map((i) => [i.row, i.field])).toEqual([[5, 'victim.gender']]);
  });

  it('count the lines of a quoted cell that spans lines', async () => {
    const file = t.file('multi.csv', 'record,series.source,series.id,series.country,series.firstSeen,series.identified\n'
      + 'series,SRC-T,"S-1\nS-2",DE,2015-03-01,no\n'
      + 'series,SRC-T,S-3,DE,2015-03-01,maybe\n');
    const err = await refused(file);
    expect(issues(err).map((i) => [i.row, i.field, i.message])).toEqual([
      [2, 'series.id', 'is not a valid identifier'],
      [4, 'series.identified', 'is not a code of this variable'],
    ]);
  });

  it('refuse unknown columns in the header (line 1)', async () => {
    const file = t.file('cols.csv', 'record,series.source,series.id,series.country,series.firstSeen,series.identified,colour\nseries,SRC-T,S-1,DE,2015-03-01,no,\n');
    const err = await refused(file);
    expect(err.message).toBe(`1 problem(s); nothing was written.\n${file}:1 field colour: is not a codebook variable (allowed: record and the variables of docs/codebook.md)`);
  });

  it('refuse an unknown or missing record type', async () => {
    const file = t.file('rec.csv', 'record,series.source,series.id\nphoto,SRC-T,S-1\n,SRC-T,S-2\n');
    const err = await refused(file);
    expect(err.message).toBe([
      '2 problem(s); nothing was written.',
      `${file}:2 field record value "photo": is not a record type (allowed: source, series, victim, offender)`,
      `${file}:3 field record value (empty): is required (allowed: source, series, victim, offender)`,
    ].join('\n'));
  });

  it('refuse a field of another entity on a row', async () => {
    const file = t.file('other.csv', toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1', { 'series.country': 'FR' })]));
    const err = await refused(file);
    expect(err.message).toBe(`1 problem(s); nothing was written.\n${file}:3 field series.country value "FR": does not belong to a victim record (allowed: leave it empty on this row)`);
  });

  it('refuse a CSV row with the wrong number of cells, naming its line', async () => {
    const file = t.file('cells.csv', 'record,series.source,series.id,series.country,series.firstSeen,series.identified\nseries,SRC-T,S-1,DE,2015-03-01,no\nseries,SRC-T,S-2,DE\n');
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_INVALID');
    expect(issues(err).map((i) => [i.kind, i.file, i.row, i.field])).toEqual([['malformed', file, 3, null]]);
    expect(err.message.split('\n')[1]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: .+ \\(allowed: RFC 4180 CSV with a header row\\)$`));
  });

  it('refuse a JSON Lines line that is not a JSON object', async () => {
    const file = t.file('bad.jsonl', toJsonl([seriesRecord('S-1')]) + '{"record": "series",\n');
    const err = await refused(file);
    expect(issues(err).map((i) => [i.kind, i.row, i.field, i.allowed])).toEqual([['malformed', 2, null, 'one JSON object per line']]);
    expect(issues(err)[0]!.message).toMatch(/^is not valid JSON \(/);
    const arr = t.file('arr.jsonl', '["series"]\n');
    expect(issues(await refused(arr))).toEqual([{ kind: 'malformed', file: arr, row: 1, field: null, value: null, message: 'is not a JSON object', allowed: 'one JSON object per line' }]);
  });

  it('refuse a file whose format cannot be told from its extension', async () => {
    const file = t.file('data.txt', 'record\n');
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_FORMAT');
    expect(err.message).toBe(`${file}: cannot tell the format from the extension ".txt"`);
  });

  it('refuse a file that does not exist', async () => {
    const err = await refused(`${t.dir}/missing.csv`);
    expect(err.code).toBe('VDX_FILE_NOT_FOUND');
    expect(err.message).toBe(`cannot read ${t.dir}/missing.csv: ENOENT`);
  });
});

describe('references and duplicates', () => {
  it('refuse victims and offenders naming a series that was not imported', async () => {
    const file = t.file('orphan.csv', toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1'), victimRecord('S-404', 'V-2'), offenderRecord('S-405', 'O-1')]));
    const err = await refused(file);
    expect(err.code).toBe('VDX_IMPORT_INVALID');
    expect(err.message).toBe([
      '2 problem(s); nothing was written.',
      `${file}:4 field series.id value "S-404": names a series that is neither in this import nor in the store (allowed: series.source and series.id of an imported series)`,
      `${file}:5 field series.id value "S-405": names a series that is neither in this import nor in the store (allowed: series.source and series.id of an imported series)`,
    ].join('\n'));
  });

  it('refuse a series id twice in one file', async () => {
    const file = t.file('dup.csv', toCsv([seriesRecord('S-1'), seriesRecord('S-2'), seriesRecord('S-1', { 'series.country': 'FR' })]));
    const err = await refused(file);
    expect(err.message).toBe(`1 problem(s); nothing was written.\n${file}:4 field series.id value "S-1": this series is already in the store or earlier in the import (allowed: each identifier once per source)`);
  });

  it('refuse a victim id twice in one file', async () => {
    const file = t.file('dupv.csv', toCsv([seriesRecord('S-1'), victimRecord('S-1', 'V-1'), victimRecord('S-1', 'V-1', { 'victim.gender': 'male' })]));
    const err = await refused(file);
    expect(err.message).toBe(`1 problem(s); nothing was written.\n${file}:4 field victim.id value "V-1": this victim is already in the store or earlier in the import (allowed: each identifier once per source)`);
  });

  it('refuse a series already in the store from another file', async () => {
    await run(t.file('a.csv', toCsv([seriesRecord('S-1')])));
    const file = t.file('b.csv', toCsv([seriesRecord('S-2'), seriesRecord('S-1', { 'series.firstSeen': '2016-01-01' })]));
    const err = await refused(file);
    expect(issues(err).map((i) => [i.kind, i.row, i.field, i.value])).toEqual([['duplicate', 3, 'series.id', 'S-1']]);
  });
});
