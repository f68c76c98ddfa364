import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CODEBOOK, importColumns, type EntityName } from '../codebook/index.ts';
import { SOURCES } from './sources.ts';
import { synthesize } from './records.ts';
import { SYNTH_END_DATE } from './model.ts';
import { validators, type Row } from './testing.ts';
import { writeSynthetic, type SynthOptions, type SynthSummary } from './write.ts';

/**
 * The contract with the importer: every generated row, read back as the importer reads CSV and JSON
 * Lines, passes the codebook validators (with today = 2025-12-31) and fills only its own record
 * type's fields; and the records agree with each other the way real coded data must.
 */

async function generate(options: SynthOptions): Promise<{ bytes: Buffer; summary: SynthSummary }> {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } });
  const summary = await writeSynthetic(options, out);
  return { bytes: Buffer.concat(chunks), summary };
}

/** CSV as the importer reads it: a header row, then one object per row with only the non-empty cells. */
function readCsv(bytes: Buffer): { header: string[]; rows: Row[]; widths: Set<number> } {
  const cells = parse(bytes, { relax_column_count: true }) as string[][];
  const header = cells[0]!;
  const widths = new Set(cells.map((r) => r.length));
  const rows = cells.slice(1).map((r) => Object.fromEntries(r.map((v, i) => [header[i]!, v] as const).filter(([, v]) => v !== '')));
  return { header, rows, widths };
}

const readJsonl = (bytes: Buffer): Row[] => bytes.toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Row);

const v = validators();
const COLUMNS = importColumns(CODEBOOK);

function problemsOf(rows: readonly Row[]): string[] {
  const out: string[] = [];
  rows.forEach((r, i) => {
    const entity = r.record as EntityName;
    const validator = v[entity];
    if (!validator) return void out.push(`row ${i}: record ${String(r.record)}`);
    for (const k of Object.keys(r)) if (k !== 'record' && !validator.accepted.has(k)) out.push(`row ${i}: ${entity} has ${k}`);
    for (const p of validator(r).problems) out.push(`row ${i}: ${p.field} ${String(p.value)} ${p.message}`);
  });
  return out;
}

describe('every row passes the codebook validators (the importer contract)', () => {
  it('CSV: header is importColumns(CODEBOOK), every row as wide, every row valid', async () => {
    const { bytes } = await generate({ seed: 11, series: 2_000 });
    const { header, rows, widths } = readCsv(bytes);
    expect(header).toEqual(COLUMNS);
    expect(widths).toEqual(new Set([COLUMNS.length]));
    expect(problemsOf(rows)).toEqual([]);
  });

  it('JSON Lines: flat objects with only the keys a record has, every row valid, the same records as the CSV', async () => {
    const csv = readCsv((await generate({ seed: 11, series: 2_000 })).bytes).rows;
    const jsonl = readJsonl((await generate({ seed: 11, series: 2_000, format: 'jsonl' })).bytes);
    expect(problemsOf(jsonl)).toEqual([]);
    for (const r of jsonl) for (const x of Object.values(r)) expect(['string', 'number']).toContain(typeof x);
    expect(jsonl.map((r) => Object.fromEntries(Object.entries(r).map(([k, x]) => [k, String(x)])))).toEqual(csv);
  });

  it('JSON Lines lines are JSON.stringify of the records synthesize() yields', async () => {
    const lines = (await generate({ seed: 5, victims: 2_000, format: 'jsonl' })).bytes.toString('utf8');
    expect([...synthesize({ seed: 5, victims: 2_000 })].map((r) => JSON.stringify(r) + '\n').join('')).toBe(lines);
  });

  it('victims mode is valid too, down to a single victim', async () => {
    expect(problemsOf([...synthesize({ seed: 2, victims: 5_000 })])).toEqual([]);
    expect(problemsOf([...synthesize({ seed: 2, victims: 1 })])).toEqual([]);
    expect(problemsOf([...synthesize({ seed: 2, series: 1 })])).toEqual([]);
  });
});

describe('records agree with each other', () => {
  const records = [...synthesize({ seed: 4, series: 6_000 })];
  const series = new Map<string, Row>();
  const victims = new Map<string, Row[]>();
  const offenders = new Map<string, Row[]>();
  const keyOf = (r: Row): string => `${r['series.source']}|${r['series.id']}`;
  for (const r of records) {
    if (r.record === 'series') series.set(keyOf(r), r);
    else if (r.record === 'victim') (victims.get(keyOf(r)) ?? victims.set(keyOf(r), []).get(keyOf(r))!).push(r);
    else if (r.record === 'offender') (offenders.get(keyOf(r)) ?? offenders.set(keyOf(r), []).get(keyOf(r))!).push(r);
  }

  it('source rows first, then each series row followed by its own victims and offenders', () => {
    expect(records.slice(0, SOURCES.length).map((r) => [r.record, r['source.code'], r['source.kind']])).toEqual(SOURCES.map((s) => ['source', s.code, s.kind]));
    let current = '';
    let phase = 0; // 0 series, 1 victims, 2 offenders
    for (const r of records.slice(SOURCES.length)) {
      if (r.record === 'series') {
        current = keyOf(r);
        phase = 0;
      } else {
        expect(keyOf(r)).toBe(current);
        const p = r.record === 'victim' ? 1 : 2;
        expect(p).toBeGreaterThanOrEqual(phase);
        phase = p;
      }
    }
  });

  it('series summaries match their victims; counts match the rows', () => {
    const bad: string[] = [];
    for (const [key, s] of series) {
      const vs = victims.get(key) ?? [];
      const os = offenders.get(key) ?? [];
      const genders = new Set(vs.map((x) => x['victim.gender']).filter((g) => g !== 'notDeterminable'));
      const gender = genders.size === 2 ? 'both' : genders.size === 1 ? [...genders][0] : 'notDeterminable';
      const groups = new Set(vs.map((x) => (x['victim.ageBand'] === 'postPubescent' ? 'pubescent' : x['victim.ageBand'])).filter((a) => a !== 'notDeterminable'));
      const group = groups.size > 1 ? 'multiple' : groups.size === 1 ? [...groups][0] : 'notDeterminable';
      if (s['series.victimGender'] !== gender) bad.push(`${key} gender ${s['series.victimGender']} vs ${gender}`);
      if (s['series.victimAgeGroup'] !== group) bad.push(`${key} age ${s['series.victimAgeGroup']} vs ${group}`);
      if (s['series.victimCount'] !== vs.length) bad.push(`${key} victimCount ${s['series.victimCount']} vs ${vs.length}`);
      if (s['series.offenderCount'] !== os.length) bad.push(`${key} offenderCount ${s['series.offenderCount']} vs ${os.length}`);
    }
    expect(bad).toEqual([]);
    expect(Math.max(...[...victims.values()].map((x) => x.length))).toBeLessThanOrEqual(10);
    expect(Math.max(...[...offenders.values()].map((x) => x.length))).toBeLessThanOrEqual(3);
  });

  it('series identified iff a victim is; identifiedOn is the earliest victim date, after first-seen; no date after 2025-12-31', () => {
    const bad: string[] = [];
    for (const [key, s] of series) {
      const vs = victims.get(key) ?? [];
      const dates = vs.filter((x) => x['victim.identified'] === 'yes').map((x) => String(x['victim.identifiedOn'])).sort();
      const expected = dates.length ? 'yes' : vs.every((x) => x['victim.identified'] === 'notDeterminable') ? 'notDeterminable' : 'no';
      if (s['series.identified'] !== expected) bad.push(`${key} identified ${s['series.identified']} vs ${expected}`);
      if ((s['series.identifiedOn'] ?? null) !== (dates[0] ?? null)) bad.push(`${key} identifiedOn ${s['series.identifiedOn']} vs ${dates[0]}`);
      const first = String(s['series.firstSeen']);
      if (first < '2010-01-01' || first > SYNTH_END_DATE) bad.push(`${key} firstSeen ${first}`);
      for (const x of vs) {
        if ((x['victim.identified'] === 'yes') !== (x['victim.identifiedOn'] !== undefined)) bad.push(`${key} victim identifiedOn`);
        const on = x['victim.identifiedOn'];
        if (on !== undefined && (String(on) <= first || String(on) > SYNTH_END_DATE)) bad.push(`${key} victim identifiedOn ${on} (first seen ${first})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('identifiers are synthetic (S-/V-/O-SOURCE-sSEED-nnnnnnn) and unique per source', () => {
    const seen = new Set<string>();
    for (const r of records) {
      if (r.record === 'source') continue;
      const field = r.record === 'series' ? 'series.id' : `${r.record}.id`;
      const id = String(r[field]);
      expect(id).toMatch(new RegExp(`^${String(r.record)[0]!.toUpperCase()}-${String(r['series.source'])}-s4-\\d{7}$`));
      const k = `${r.record}|${r['series.source']}|${id}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  });

  it('every importable variable is filled, with a small share of notDeterminable codes', () => {
    const filled = new Map<string, number>();
    const nd = new Map<string, number>();
    for (const r of records) {
      for (const [k, x] of Object.entries(r)) {
        filled.set(k, (filled.get(k) ?? 0) + 1);
        if (x === 'notDeterminable' || x === 'ZZ') nd.set(k, (nd.get(k) ?? 0) + 1);
      }
    }
    expect(COLUMNS.filter((c) => !filled.has(c))).toEqual([]);
    // Variables every record of its type fills (the identification dates only when identified).
    const perType: Record<string, number> = { source: 0, series: series.size, victim: [...victims.values()].flat().length, offender: [...offenders.values()].flat().length };
    for (const c of COLUMNS.filter((x) => x !== 'record' && !x.endsWith('identifiedOn') && !x.startsWith('source.'))) {
      const type = c.split('.')[0]!;
      expect(filled.get(c), c).toBeGreaterThanOrEqual(perType[type]!);
    }
    // Small shares of notDeterminable; larger where the study could not see (hidden offenders, relation of unidentified victims, country of abuse of unidentified series).
    const larger = new Set(['victim.relation', 'offender.gender', 'offender.ageBand', 'offender.ethnicity', 'series.abuseCountryConfirmed', 'series.abuseCountrySuspected', 'series.offenderIdentified']);
    for (const c of ['victim.gender', 'victim.ageBand', 'victim.ethnicity', 'victim.identified', 'victim.severityScale', 'victim.severityCode', 'victim.penetration', 'victim.baseline', 'series.selfGenerated', 'series.paraphilicThemes', 'series.victimGender', 'series.victimAgeGroup', 'series.provenance', 'series.country', 'offender.visible']) {
      expect(larger.has(c)).toBe(false);
      const share = (nd.get(c) ?? 0) / filled.get(c)!;
      expect(share, `${c} notDeterminable share`).toBeGreaterThan(0);
      expect(share, `${c} notDeterminable share`).toBeLessThan(0.06);
    }
  });

  it('severity: COPINE mostly, SAP and UK by source; COPINE 7 resolved by penetration, a few ambiguous', () => {
    const vs = [...victims.values()].flat();
    const scales = new Map<string, number>();
    for (const x of vs) scales.set(String(x['victim.severityScale']), (scales.get(String(x['victim.severityScale'])) ?? 0) + 1);
    expect(scales.get('copine')! / vs.length).toBeGreaterThan(0.7);
    expect(scales.get('sap')).toBeGreaterThan(0);
    expect(scales.get('uk')).toBeGreaterThan(0);
    expect(new Set(vs.filter((x) => x['victim.severityScale'] === 'uk').map((x) => x['series.source']))).toEqual(new Set(['NAT-GB', 'HOTLINE']));
    expect(new Set(vs.filter((x) => x['victim.severityScale'] === 'sap').map((x) => x['series.source']))).toEqual(new Set(['NAT-GB', 'NAT-DE']));
    const seven = vs.filter((x) => x['victim.severityScale'] === 'copine' && x['victim.severityCode'] === '7');
    const derived = seven.map((x) => v.victim(x).values);
    expect(derived.filter((d) => d['victim.severity'] === 'catA').length).toBeGreaterThan(0);
    expect(derived.filter((d) => d['victim.severity'] === 'catB' && d['victim.severityAmbiguous'] === 'no').length).toBeGreaterThan(0);
    const ambiguous = derived.filter((d) => d['victim.severityAmbiguous'] === 'yes').length / seven.length;
    expect(ambiguous).toBeGreaterThan(0);
    expect(ambiguous).toBeLessThan(0.08);
  });
});

describe('overlapping sources', () => {
  it('holds some series in several sources, under different ids; the summary gives the capture histories', async () => {
    const { summary } = await generate({ seed: 9, series: 5_000 });
    expect(summary.series).toBe(5_000);
    const histories = Object.entries(summary.captureHistories);
    const written = histories.reduce((s, [k, n]) => s + n * k.split('+').length, 0);
    expect(written).toBe(summary.series);
    const multi = histories.filter(([k]) => k.includes('+')).reduce((s, [, n]) => s + n, 0);
    const latentWritten = summary.latentSeries - summary.unseenSeries;
    expect(latentWritten).toBe(histories.reduce((s, [, n]) => s + n, 0));
    expect(multi / latentWritten).toBeGreaterThan(0.2);
    expect(summary.unseenSeries).toBeGreaterThan(0);
    const icse = histories.filter(([k]) => k.split('+').includes('ICSE')).reduce((s, [, n]) => s + n, 0);
    expect(icse / latentWritten, 'the international database holds most series').toBeGreaterThan(0.75);
  });
});
