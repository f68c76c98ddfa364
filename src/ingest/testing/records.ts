import { CODEBOOK, importColumns } from '../../codebook/index.ts';

/**
 * Synthetic import records for tests: codes, dates and made-up identifiers only (never real case data).
 * A record is a flat object of codebook variable names; null or absent means an empty cell.
 */
export type TestRecord = Readonly<Record<string, string | number | null>>;

/** Every column of the record format, in codebook order. */
export const ALL_COLUMNS: readonly string[] = importColumns(CODEBOOK);

export const TEST_SOURCE = 'SRC-T';

export function seriesRecord(id: string, over: TestRecord = {}): TestRecord {
  return { record: 'series', 'series.source': TEST_SOURCE, 'series.id': id, 'series.country': 'DE', 'series.firstSeen': '2015-03-01', 'series.identified': 'no', ...over };
}

export function victimRecord(seriesId: string, id: string, over: TestRecord = {}): TestRecord {
  return {
    record: 'victim', 'series.source': TEST_SOURCE, 'series.id': seriesId, 'victim.id': id, 'victim.gender': 'female', 'victim.ageBand': 'prepubescent',
    'victim.identified': 'no', 'victim.severityScale': 'copine', 'victim.severityCode': '4', ...over,
  };
}

export function offenderRecord(seriesId: string, id: string, over: TestRecord = {}): TestRecord {
  return { record: 'offender', 'series.source': TEST_SOURCE, 'series.id': seriesId, 'offender.id': id, 'offender.visible': 'yes', 'offender.gender': 'male', ...over };
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row of `columns` (default: every column of the record format). */
export function toCsv(records: Iterable<TestRecord>, columns: readonly string[] = ALL_COLUMNS): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

/** JSON Lines, one object per record, leaving out null fields. */
export function toJsonl(records: Iterable<TestRecord>): string {
  const lines: string[] = [];
  for (const r of records) lines.push(JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null))));
  return lines.join('\n') + '\n';
}

/**
 * `series` series, each with `victimsPerSeries` victims and one offender, codes cycling through
 * their categories. Series ids are `S-000001`…, victim ids `V-000001`… (deterministic).
 */
export function* manyRecords(series: number, victimsPerSeries: number): Generator<TestRecord> {
  const genders = ['female', 'male', 'notDeterminable'];
  const ages = ['infantToddler', 'prepubescent', 'pubescent', 'postPubescent', 'notDeterminable'];
  const countries = ['DE', 'FR', 'US', 'PH', 'ZZ'];
  let v = 0;
  for (let s = 1; s <= series; s++) {
    const sid = `S-${String(s).padStart(6, '0')}`;
    const identified = s % 3 === 0;
    yield seriesRecord(sid, { 'series.country': countries[s % countries.length]!, 'series.identified': identified ? 'yes' : 'no', 'series.identifiedOn': identified ? '2019-06-01' : null });
    for (let k = 0; k < victimsPerSeries; k++) {
      v++;
      yield victimRecord(sid, `V-${String(v).padStart(6, '0')}`, {
        'victim.gender': genders[v % genders.length]!,
        'victim.ageBand': ages[v % ages.length]!,
        'victim.severityCode': String((v % 10) + 1),
      });
    }
    yield offenderRecord(sid, `O-${String(s).padStart(6, '0')}`);
  }
}
