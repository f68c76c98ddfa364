/**
 * Coder sheets out: one row per assigned series, each followed by its victims, with one column per
 * round variable. Only keys and codes: no media, no free text. Values the coder already gave are
 * filled in, so a coder continues where they stopped.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VindexError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { codableVariable, loadRound, type CodedRecord, type CodingRound } from './variables.ts';

export type SheetFormat = 'csv' | 'jsonl';
export const SHEET_FORMATS: readonly SheetFormat[] = ['csv', 'jsonl'];

/** The key columns of every sheet, before the variables. `series` is the series key, `unit` the series or victim key. */
export const SHEET_KEY_COLUMNS = ['round', 'coder', 'record', 'series', 'unit'] as const;

export interface SheetRow {
  readonly record: CodedRecord;
  readonly series: string;
  readonly unit: string;
  /** Variable → canonical code (counts as decimal strings); absent when not coded. */
  readonly values: Readonly<Record<string, string>>;
}

/** The units of a coder's sheet in sheet order: each assigned series (by key), then its victims (by key). */
export async function sheetUnits(store: Store, round: CodingRound, coder: string): Promise<{ seriesId: number; record: CodedRecord; series: string; unit: string }[]> {
  if (!round.coders.includes(coder)) throw new VindexError('VDX_USAGE', `coder ${coder} is not a coder of round ${round.id} (coders: ${round.coders.join(', ')})`);
  const series = await store.db
    .selectFrom('coding_assignment')
    .innerJoin('series', 'series.id', 'coding_assignment.series_id')
    .select(['series.id', 'series.key'])
    .where('coding_assignment.round_id', '=', round.id)
    .where('coding_assignment.coder', '=', coder)
    .orderBy('series.key')
    .execute();
  const victims = await store.db
    .selectFrom('victim')
    .innerJoin('coding_assignment', 'coding_assignment.series_id', 'victim.series_id')
    .select(['victim.series_id', 'victim.key'])
    .where('coding_assignment.round_id', '=', round.id)
    .where('coding_assignment.coder', '=', coder)
    .orderBy('victim.key')
    .execute();
  const victimsOf = new Map<number, string[]>();
  for (const v of victims) (victimsOf.get(v.series_id) ?? victimsOf.set(v.series_id, []).get(v.series_id)!).push(v.key);
  return series.flatMap((s) => [
    { seriesId: s.id, record: 'series' as const, series: s.key, unit: s.key },
    ...(victimsOf.get(s.id) ?? []).map((k) => ({ seriesId: s.id, record: 'victim' as const, series: s.key, unit: k })),
  ]);
}

/** The coder's sheet rows with the values they already coded. */
export async function sheetRows(store: Store, round: CodingRound, coder: string): Promise<SheetRow[]> {
  const units = await sheetUnits(store, round, coder);
  const coded = await store.db
    .selectFrom('coding_value')
    .select(['record', 'unit_key', 'variable', 'value'])
    .where('round_id', '=', round.id)
    .where('coder', '=', coder)
    .execute();
  const byUnit = new Map<string, Record<string, string>>();
  for (const c of coded) {
    if (!round.variables.includes(c.variable)) continue;
    const k = `${c.record}\u0000${c.unit_key}`;
    (byUnit.get(k) ?? byUnit.set(k, {}).get(k)!)[c.variable] = c.value;
  }
  return units.map((u) => ({ record: u.record, series: u.series, unit: u.unit, values: byUnit.get(`${u.record}\u0000${u.unit}`) ?? {} }));
}

/** RFC 4180 cell: quoted only when it holds a comma, quote or line break. */
function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The sheet's bytes. CSV: header of SHEET_KEY_COLUMNS then the round variables; a variable of the
 * other record type is an empty cell. JSON Lines: the same keys, counts as numbers, uncoded values
 * null, and the other record type's variables left out.
 */
export function encodeSheet(round: CodingRound, coder: string, rows: readonly SheetRow[], format: SheetFormat): string {
  const vars = round.variables.map((v) => codableVariable(v));
  const out: string[] = [];
  if (format === 'csv') {
    out.push([...SHEET_KEY_COLUMNS, ...round.variables].map(csvCell).join(','));
    for (const r of rows) {
      out.push([round.id, coder, r.record, r.series, r.unit, ...vars.map((v) => (v.record === r.record ? (r.values[v.name] ?? '') : ''))].map(csvCell).join(','));
    }
  } else {
    for (const r of rows) {
      const o: Record<string, string | number | null> = { round: round.id, coder, record: r.record, series: r.series, unit: r.unit };
      for (const v of vars) {
        if (v.record !== r.record) continue;
        const value = r.values[v.name];
        o[v.name] = value === undefined ? null : v.level === 'ratio' ? Number(value) : value;
      }
      out.push(JSON.stringify(o));
    }
  }
  return out.join('\n') + '\n';
}

export async function exportSheet(store: Store, roundId: string, coder: string, format: SheetFormat): Promise<{ text: string; rows: number; units: number }> {
  const round = await loadRound(store, roundId);
  const rows = await sheetRows(store, round, coder);
  return { text: encodeSheet(round, coder, rows, format), rows: rows.length, units: rows.filter((r) => r.record === 'series').length };
}

/** `r1-alice.csv`. */
export function sheetFileName(roundId: string, coder: string, format: SheetFormat): string {
  return `${roundId}-${coder}.${format}`;
}

/** Writes through FILE.partial-PID renamed when complete, so a failure leaves no half sheet. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.partial-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export interface WrittenSheet {
  readonly coder: string;
  readonly file: string;
  readonly rows: number;
  readonly units: number;
}

/** One coder's sheet to `out`, or every coder's (or the one named) into `outDir` as `r1-alice.csv`. */
export async function writeSheets(store: Store, roundId: string, options: { coder?: string; format: SheetFormat; out?: string; outDir?: string }): Promise<WrittenSheet[]> {
  const round = await loadRound(store, roundId);
  if (options.out && options.outDir) throw new VindexError('VDX_USAGE', 'give either --out FILE (one coder) or --out-dir DIR, not both');
  if (!options.out && !options.outDir) throw new VindexError('VDX_USAGE', 'give --out FILE (with --coder) or --out-dir DIR');
  if (options.out && !options.coder) throw new VindexError('VDX_USAGE', '--out FILE writes one coder\'s sheet: name the coder with --coder');
  const coders = options.coder ? [options.coder] : round.coders;
  const written: WrittenSheet[] = [];
  if (options.outDir) mkdirSync(options.outDir, { recursive: true });
  for (const coder of coders) {
    const { text, rows, units } = await exportSheet(store, roundId, coder, options.format);
    const file = options.out ?? join(options.outDir!, sheetFileName(roundId, coder, options.format));
    writeFileAtomic(file, text);
    written.push({ coder, file, rows, units });
  }
  return written;
}
