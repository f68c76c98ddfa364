import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODEBOOK, importColumns } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { checkFieldValue, importFiles, MediaByteScanner, type ImportIssue } from '../ingest/index.ts';
import { isPostgresRun, tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { CORRUPT_KINDS, CORRUPTIONS, ORPHAN_SERIES_ID, type CorruptKind } from './corrupt.ts';
import type { SynthFormat } from './encode.ts';
import { validators, type Row } from './testing.ts';
import { writeSynthetic, type SynthOptions, type SynthSummary } from './write.ts';

/** Each defect is where the documentation says, is the only difference from the clean file, and is what the importer refuses. */

async function generate(options: SynthOptions): Promise<{ bytes: Buffer; summary: SynthSummary }> {
  const chunks: Buffer[] = [];
  const summary = await writeSynthetic(options, new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } }));
  return { bytes: Buffer.concat(chunks), summary };
}

const RAW: Partial<Record<CorruptKind, string>> = { 'png-bytes': 'PNG image', 'jpeg-bytes': 'JPEG image', 'gif-bytes': 'GIF image', 'mp4-bytes': 'MP4/QuickTime/3GP video or HEIC image' };
const COLUMNS = importColumns(CODEBOOK);
const v = validators();
const lines = (b: Buffer): string[] => b.toString('latin1').split('\n');
/** Byte offset where 1-based line `n` starts. */
function offsetOfLine(b: Buffer, n: number): number {
  let at = 0;
  for (let i = 1; i < n; i++) at = b.indexOf(0x0a, at) + 1;
  return at;
}

/** One line of a generated file read as a record (CSV with the clean header; JSON Lines as JSON). */
function recordOf(line: string, format: SynthFormat, header: readonly string[] = COLUMNS): Row {
  if (format === 'jsonl') return JSON.parse(line) as Row;
  const cells = (parse(line) as string[][])[0]!;
  return Object.fromEntries(cells.map((c, i) => [header[i]!, c] as const).filter(([, c]) => c !== ''));
}

let t: TempStore;
beforeAll(async () => {
  t = await tempStore();
});
afterAll(async () => {
  await t.cleanup();
});

async function importIssues(name: string, bytes: Buffer): Promise<{ code: string; issues: ImportIssue[] }> {
  const file = t.file(name, bytes);
  try {
    await importFiles({ store: t.store, files: [file], today: '2025-12-31' });
  } catch (e) {
    if (e instanceof VindexError) return { code: e.code, issues: e.details as ImportIssue[] };
    throw e;
  }
  return { code: 'none', issues: [] };
}

describe.each(['csv', 'jsonl'] as const)('--corrupt in %s', (format) => {
  const base = { seed: 3, series: 400, format } as const;

  it.each(CORRUPT_KINDS.map((k) => [k]))('%s', async (kind) => {
    const clean = await generate(base);
    const { bytes, summary } = await generate({ ...base, corrupt: kind });
    const c = CORRUPTIONS[kind];
    const report = summary.corruption!;
    expect(report.kind).toBe(kind);
    expect(summary.series).toBe(clean.summary.series);
    expect(summary.victims).toBe(clean.summary.victims);
    const L = report.line;
    const cleanLines = lines(clean.bytes);
    const first = (record: string): number => cleanLines.findIndex((l) => (format === 'csv' ? l.startsWith(record + ',') : l.startsWith(`{"record":"${record}"`))) + 1;

    // The place.
    switch (c.place) {
      case 'first-series':
        if (!(c.extraColumn && format === 'csv')) expect(L).toBe(first('series'));
        break;
      case 'first-victim':
        expect(L).toBe(first('victim'));
        break;
      case 'last-row':
        expect(L).toBe(cleanLines.length - 1); // the file ends with a newline
        break;
      case 'last-victim':
        expect(L).toBe(cleanLines.findLastIndex((l) => l.startsWith(format === 'csv' ? 'victim,' : '{"record":"victim"')) + 1);
        break;
      case 'middle-victim': {
        const victimLines = cleanLines.map((l, i) => [l, i + 1] as const).filter(([l]) => l.startsWith(format === 'csv' ? 'victim,' : '{"record":"victim"'));
        const seriesBefore = cleanLines.slice(0, L - 1).filter((l) => l.startsWith(format === 'csv' ? 'series,' : '{"record":"series"')).length;
        expect(victimLines.some(([, n]) => n === L)).toBe(true);
        expect(seriesBefore * 2).toBeGreaterThanOrEqual(base.series);
        expect(seriesBefore * 2).toBeLessThanOrEqual(base.series + 4);
        break;
      }
    }

    // The only difference from the clean file.
    if (RAW[kind]) {
      const start = offsetOfLine(bytes, L);
      expect(bytes.subarray(0, start).equals(clean.bytes.subarray(0, start))).toBe(true);
      const cleanTail = clean.bytes.subarray(offsetOfLine(clean.bytes, L + 1));
      expect(bytes.subarray(bytes.length - cleanTail.length).equals(cleanTail)).toBe(true);
      expect(bytes.subarray(start, bytes.length - cleanTail.length).includes(c.value as Buffer)).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
      // The byte scan finds the format on that line.
      const scan = new MediaByteScanner();
      scan.push(bytes);
      expect(scan.hit?.format).toBe(RAW[kind]);
      expect(bytes.subarray(0, scan.hit!.offset).filter((x) => x === 0x0a).length + 1).toBe(L);
      const cleanScan = new MediaByteScanner();
      cleanScan.push(clean.bytes);
      expect(cleanScan.hit).toBeNull();
    } else {
      const badLines = lines(bytes);
      expect(badLines.length).toBe(cleanLines.length);
      const extra = c.extraColumn !== undefined && format === 'csv';
      badLines.forEach((l, i) => {
        if (i + 1 === L || (extra && i === 0)) return;
        const expected = extra && cleanLines[i] !== '' && !(c.place === 'first-series' && i + 1 === first('series')) ? cleanLines[i] + ',' : cleanLines[i];
        if (!(extra && i + 1 === first('series'))) expect(l, `line ${i + 1}`).toBe(expected);
      });
      if (extra) expect(badLines[0]).toBe(cleanLines[0] + ',notes');
    }

    // The defect itself, as the codebook validators and the imagery guard see it.
    if (!RAW[kind]) {
      const header = format === 'csv' ? (parse(lines(bytes)[0]!) as string[][])[0]! : COLUMNS;
      const line = lines(bytes)[(c.extraColumn && format === 'csv' ? first('series') : L) - 1]!;
      const record = recordOf(line, format, header);
      const entity = record.record as 'series' | 'victim' | 'offender';
      const problems = v[entity](record).problems.map((p) => `${p.field}: ${p.message}`);
      switch (kind) {
        case 'bad-code-last-row':
          expect(problems).toEqual([`${entity}.gender: is not a code of this variable`]);
          expect(report.field).toBe(`${entity}.gender`);
          break;
        case 'missing-required':
          expect(problems).toEqual(['victim.ageBand: is required']);
          break;
        case 'bad-date':
          expect(problems).toEqual(['series.firstSeen: is not a valid date']);
          break;
        case 'unknown-column':
          expect(record.notes).toBe('to be reviewed');
          expect(v.series.accepted.has('notes')).toBe(false);
          break;
        case 'orphan-victim':
          expect(problems).toEqual([]);
          expect(record['series.id']).toBe(ORPHAN_SERIES_ID);
          expect(bytes.toString('latin1').split(ORPHAN_SERIES_ID).length).toBe(2);
          break;
        default:
          expect(problems).toEqual([]); // a valid identifier as far as the codebook goes: only the imagery guard stops it
          expect(record['victim.id']).toBe(c.value);
          expect(checkFieldValue(String(record['victim.id']))?.kind).toBe('imagery');
      }
    }

    // What the importer says.
    const { code, issues } = await importIssues(`${kind}.${format}`, bytes);
    const expectedCode = c.importer.split(' ')[0];
    expect(code).toBe(expectedCode);
    expect(issues.length).toBeGreaterThan(0);
    const issue = issues[0]!;
    expect(issue.row).toBe(L);
    if (!RAW[kind]) expect(issue.field).toBe(report.field);
    expect(issues.length, issues.map((i) => `${i.row} ${i.field} ${i.message}`).join('\n')).toBe(1);
  });
});

describe('a clean synthetic file imports', () => {
  // SQLite only: it scans the bytes of the store's file; a PostgreSQL store has none of its own.
  it.skipIf(isPostgresRun)('with every record, and none of its identifiers in the database file', async () => {
    const { bytes, summary } = await generate({ seed: 21, series: 300 });
    const s = await tempStore();
    try {
      const file = s.file('clean.csv', bytes);
      const [result] = await importFiles({ store: s.store, files: [file], today: '2025-12-31' });
      expect(result).toMatchObject({ status: 'imported', series: summary.series, victims: summary.victims, offenders: summary.offenders, sources: summary.sources });
      await s.closeStore();
      const { readdirSync, readFileSync } = await import('node:fs');
      const db = Buffer.concat(readdirSync(s.dir).filter((f) => f.startsWith('test.db')).map((f) => readFileSync(`${s.dir}/${f}`)));
      expect(db.length).toBeGreaterThan(0);
      for (const prefix of ['S-ICSE-', 'V-ICSE-', 'O-ICSE-', 'S-NAT-', 'V-NAT-', 'V-HOTLINE-', '-0000001']) expect(db.includes(prefix), prefix).toBe(false);
    } finally {
      await s.cleanup();
    }
  });
});
