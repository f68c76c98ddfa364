import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATASET_CHOICES, FORMAT_CHOICES } from '../cli/commands/export.ts';
import { runCli, type CliRun } from '../cli/testing/run-cli.ts';
import { importFiles } from '../ingest/import.ts';
import { Pseudonymiser } from '../ingest/pseudonymise.ts';
import { manyRecords, offenderRecord, seriesRecord, toCsv, victimRecord, type TestRecord } from '../ingest/testing/records.ts';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { EXPORT_DATASETS, EXPORT_FORMATS, exportColumns, exportDataset, type ExportDataset, type ExportFormat } from './index.ts';

/** A fixed installation secret, so the keys (and so the row order) below are known. */
const SECRET = Buffer.alloc(32, 7);

const KNOWN: TestRecord[] = [
  { record: 'source', 'source.code': 'SRC-T', 'source.kind': 'national' },
  seriesRecord('S-1', { 'series.victimCount': 2, 'series.selfGenerated': 'N', 'series.victimGender': 'both' }),
  victimRecord('S-1', 'V-1', { 'victim.gender': 'F', 'victim.severityCode': '7', 'victim.penetration': 'no', 'victim.ethnicity': 'white' }),
  victimRecord('S-1', 'V-2', { 'victim.gender': 'Male', 'victim.ageBand': 'PUBESCENT', 'victim.severityScale': 'sap', 'victim.severityCode': '4' }),
  offenderRecord('S-1', 'O-1', { 'offender.ageBand': 'adult' }),
  seriesRecord('S-2', { 'series.country': 'FRA', 'series.firstSeen': '2016-03-01', 'series.identified': 'yes', 'series.identifiedOn': '2017-01-01', 'series.imageCount': 12 }),
  victimRecord('S-2', 'V-3', { 'victim.ageBand': 'infant', 'victim.identified': 'y', 'victim.identifiedOn': '2017-01-01', 'victim.severityScale': 'uk', 'victim.severityCode': 'a' }),
];

/** Keys of KNOWN under SECRET (HMAC-SHA-256 over entity, source and id; 128 bits, base64url). */
const K = {
  S1: '5GVElwCHBbHjGSg9GpNI_Q',
  S2: 'nfng6nqW0A98MRcxwWrPng',
  V1: '54FZf4raFaGUchhxwZlTmw',
  V2: 'a-oXYOfV5nmsc9-k6U1jgg',
  V3: 'IEbmOMS-eWkbj-tlUPLEYQ',
  O1: 'kqxLW9Q21gOm5Mk-2I2tKw',
};

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
  writeFileSync(t.store.secretFile, SECRET.toString('hex') + '\n'); // overwriting keeps mode 600; read lazily on first import
});
afterEach(async () => {
  await t.cleanup();
});

const load = async (records: Iterable<TestRecord>, name = 'data.csv') => importFiles({ store: t.store, files: [t.file(name, toCsv(records))], today: '2024-06-30' });

/** A sink that collects text; `slow` answers each write later and with a tiny buffer, to exercise waiting for drain. */
function sink(slow = false): Writable & { text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    highWaterMark: slow ? 64 : 16_384,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      if (slow) setTimeout(done, 1);
      else done();
    },
  });
  return Object.assign(w, { text: () => chunks.join('') });
}

async function exported(dataset: ExportDataset, format: ExportFormat, pageSize?: number, slow = false): Promise<string> {
  const out = sink(slow);
  await exportDataset({ store: t.store, dataset, format, out, ...(pageSize === undefined ? {} : { pageSize }) });
  return out.text();
}

describe('export of a small known import', () => {
  beforeEach(async () => {
    await load(KNOWN);
  });

  it('the keys are the ones the importer derives under the secret', () => {
    const p = new Pseudonymiser(SECRET);
    expect([p.key('series', 'SRC-T', 'S-1'), p.key('series', 'SRC-T', 'S-2'), p.key('victim', 'SRC-T', 'V-1'), p.key('victim', 'SRC-T', 'V-2'), p.key('victim', 'SRC-T', 'V-3'), p.key('offender', 'SRC-T', 'O-1')])
      .toEqual([K.S1, K.S2, K.V1, K.V2, K.V3, K.O1]);
  });

  it('victims as CSV: codebook names as headers, series columns to group by, rows in key order', async () => {
    expect(await exported('victims', 'csv')).toBe([
      'victim.key,series.key,victim.gender,victim.ageBand,victim.ethnicity,victim.identified,victim.identifiedOn,victim.relation,victim.severityScale,victim.severityCode,victim.penetration,victim.severity,victim.severityAmbiguous,victim.baseline,series.source,series.country,series.firstSeen,series.identified',
      `${K.V1},${K.S1},female,prepubescent,white,no,,,copine,7,no,catB,no,,SRC-T,DE,2015-03-01,no`,
      `${K.V3},${K.S2},female,infantToddler,,yes,2017-01-01,,uk,A,,catA,no,,SRC-T,FR,2016-03-01,yes`,
      `${K.V2},${K.S1},male,pubescent,,no,,,sap,4,,catA,no,,SRC-T,DE,2015-03-01,no`,
      '',
    ].join('\n'));
  });

  it('series as CSV', async () => {
    expect(await exported('series', 'csv')).toBe([
      'series.key,series.source,series.country,series.firstSeen,series.identified,series.identifiedOn,series.offenderIdentified,series.abuseCountryConfirmed,series.abuseCountrySuspected,series.victimCount,series.offenderCount,series.imageCount,series.videoCount,series.selfGenerated,series.paraphilicThemes,series.victimGender,series.victimAgeGroup,series.provenance',
      `${K.S1},SRC-T,DE,2015-03-01,no,,,,,2,,,,no,,both,,`,
      `${K.S2},SRC-T,FR,2016-03-01,yes,2017-01-01,,,,,,12,,,,,,`,
      '',
    ].join('\n'));
  });

  it('offenders as CSV', async () => {
    expect(await exported('offenders', 'csv')).toBe(['offender.key,series.key,offender.visible,offender.gender,offender.ageBand,offender.ethnicity', `${K.O1},${K.S1},yes,male,adult,`, ''].join('\n'));
  });

  it('JSON Lines round-trips the values: codes as text, counts as numbers, missing as null', async () => {
    const series = (await exported('series', 'jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(series[1]).toEqual({
      'series.key': K.S2, 'series.source': 'SRC-T', 'series.country': 'FR', 'series.firstSeen': '2016-03-01', 'series.identified': 'yes', 'series.identifiedOn': '2017-01-01',
      'series.offenderIdentified': null, 'series.abuseCountryConfirmed': null, 'series.abuseCountrySuspected': null, 'series.victimCount': null, 'series.offenderCount': null,
      'series.imageCount': 12, 'series.videoCount': null, 'series.selfGenerated': null, 'series.paraphilicThemes': null, 'series.victimGender': null, 'series.victimAgeGroup': null,
      'series.provenance': null,
    });
    expect(Object.keys(series[0])).toEqual(exportColumns('series').map((c) => c.name));
    expect(series[0]['series.victimCount']).toBe(2);

    const victims = (await exported('victims', 'jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(victims.map((v) => v['victim.key'])).toEqual([K.V1, K.V3, K.V2]);
    expect(victims[0]).toEqual({
      'victim.key': K.V1, 'series.key': K.S1, 'victim.gender': 'female', 'victim.ageBand': 'prepubescent', 'victim.ethnicity': 'white', 'victim.identified': 'no',
      'victim.identifiedOn': null, 'victim.relation': null, 'victim.severityScale': 'copine', 'victim.severityCode': '7', 'victim.penetration': 'no', 'victim.severity': 'catB',
      'victim.severityAmbiguous': 'no', 'victim.baseline': null, 'series.source': 'SRC-T', 'series.country': 'DE', 'series.firstSeen': '2015-03-01', 'series.identified': 'no',
    });
  });

  it('JSON Lines and CSV carry the same values', async () => {
    for (const dataset of ['series', 'victims', 'offenders'] as const) {
      const [header, ...rows] = (await exported(dataset, 'csv')).trimEnd().split('\n').map((l) => l.split(','));
      const fromJson = (await exported(dataset, 'jsonl')).trimEnd().split('\n').map((l) => Object.values(JSON.parse(l) as Record<string, unknown>).map((v) => (v === null ? '' : String(v))));
      expect(fromJson, dataset).toEqual(rows);
      expect(header).toEqual(exportColumns(dataset).map((c) => c.name));
    }
  });

  it('never writes an external identifier', async () => {
    for (const dataset of ['series', 'victims', 'offenders'] as const) {
      for (const format of ['csv', 'jsonl'] as const) {
        const text = await exported(dataset, format);
        for (const id of ['S-1', 'S-2', 'V-1', 'V-2', 'V-3', 'O-1']) expect(text.includes(id), `${id} in ${dataset} ${format}`).toBe(false);
      }
    }
  });
});

describe('streaming', () => {
  it('an empty store gives the header only (CSV) or nothing (JSON Lines)', async () => {
    expect(await exported('offenders', 'csv')).toBe('offender.key,series.key,offender.visible,offender.gender,offender.ageBand,offender.ethnicity\n');
    expect(await exported('offenders', 'jsonl')).toBe('');
  });

  it('pages of any size, and a slow reader, give the same bytes as one page', async () => {
    await load(manyRecords(40, 3));
    for (const dataset of ['series', 'victims', 'offenders'] as const) {
      for (const format of ['csv', 'jsonl'] as const) {
        const whole = await exported(dataset, format, 1_000_000);
        expect(whole.trimEnd().split('\n')).toHaveLength((dataset === 'victims' ? 120 : 40) + (format === 'csv' ? 1 : 0));
        for (const pageSize of [1, 2, 7, 40, 120]) expect(await exported(dataset, format, pageSize), `${dataset} ${format} page ${pageSize}`).toBe(whole);
        expect(await exported(dataset, format, 5, true), `${dataset} ${format} slow`).toBe(whole);
      }
    }
  });

  it('rows are in strictly increasing key order', async () => {
    await load(manyRecords(30, 4));
    const keys = (await exported('victims', 'jsonl', 9)).trimEnd().split('\n').map((l) => JSON.parse(l)['victim.key'] as string);
    expect(keys).toHaveLength(120);
    expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(new Set(keys).size).toBe(120);
  });

  it('refuses a page size that is not a positive integer', async () => {
    await expect(exportDataset({ store: t.store, dataset: 'series', format: 'csv', out: sink(), pageSize: 0 })).rejects.toThrow('pageSize must be a positive integer, not 0');
  });

  it('stops with an error when the output closes early', async () => {
    await load(manyRecords(20, 1));
    const out = new Writable({
      highWaterMark: 16,
      write(_c, _e, done) {
        setTimeout(() => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), 1);
      },
    });
    out.on('error', () => undefined);
    await expect(exportDataset({ store: t.store, dataset: 'series', format: 'csv', out, pageSize: 2 })).rejects.toThrow('write EPIPE');
  });
});

describe('vindex export', () => {
  let last: CliRun; // the latest run of the CLI
  beforeEach(async () => {
    await load(KNOWN);
    await t.closeStore(); // the CLI opens the store itself
  });

  const vindex = async (...args: string[]): Promise<number> => (last = await runCli(['export', ...args])).code;

  it('offers exactly the datasets and formats the export module has', () => {
    expect(DATASET_CHOICES).toEqual(EXPORT_DATASETS);
    expect(FORMAT_CHOICES).toEqual(EXPORT_FORMATS);
  });

  it('writes to --out and reports what it wrote, leaving no partial file', async () => {
    const file = `${t.dir}/victims.csv`;
    expect(await vindex('victims', '--db', t.dbArg, '--out', file)).toBe(0);
    expect(last.out).toBe(`Wrote 3 victims (18 columns) to ${file}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[1]).toBe(`${K.V1},${K.S1},female,prepubescent,white,no,,,copine,7,no,catB,no,,SRC-T,DE,2015-03-01,no`);
    expect(readdirSync(t.dir).filter((f) => f.includes('.partial-'))).toEqual([]);

    const jsonl = `${t.dir}/series.jsonl`;
    expect(await vindex('series', '--db', t.dbArg, '--format', 'jsonl', '--out', jsonl, '--json')).toBe(0);
    expect(JSON.parse(last.out)).toEqual({ dataset: 'series', format: 'jsonl', file: jsonl, rows: 2, columns: exportColumns('series').map((c) => c.name) });
    expect(readFileSync(jsonl, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l)['series.key'])).toEqual([K.S1, K.S2]);
  });

  it('writes to standard output without --out', async () => {
    expect(await vindex('offenders', '--db', t.dbArg)).toBe(0);
    expect(last.out).toBe(['offender.key,series.key,offender.visible,offender.gender,offender.ageBand,offender.ethnicity', `${K.O1},${K.S1},yes,male,adult,`, ''].join('\n'));
  });

  it('exits 2 for an unknown dataset or format, and 2 when the output directory does not exist', async () => {
    expect(await vindex('pictures', '--db', t.dbArg)).toBe(2);
    expect(last.err).toContain("error: command-argument value 'pictures' is invalid for argument 'dataset'. Allowed choices are series, victims, offenders.");
    expect(await vindex('series', '--db', t.dbArg, '--format', 'xlsx')).toBe(2);
    const file = `${t.dir}/no/such/dir/series.csv`;
    expect(await vindex('series', '--db', t.dbArg, '--out', file)).toBe(2);
    expect(last.err).toBe(`vindex: error VDX_FILE_NOT_FOUND: cannot write ${file}: ENOENT\n  Check the path.\n`);
    expect(existsSync(file)).toBe(false);
  });
});
