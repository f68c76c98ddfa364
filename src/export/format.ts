import { stringify } from 'csv-stringify/sync';
import type { ExportColumn } from './columns.ts';

/** A row as read from the store: cell values by column name (text, integer or null). */
export type StoredRow = Readonly<Record<string, string | number | null>>;

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

/** The CSV header line: the canonical variable names. */
export function csvHeader(columns: readonly ExportColumn[]): string {
  return stringify([columns.map((c) => c.name)]);
}

/**
 * Rows as CSV text (RFC 4180 quoting, `\n` line ends); null is an empty cell, which R
 * (`read.csv(na.strings = "")`) and Stata (`import delimited`) read as missing.
 */
export function csvRows(columns: readonly ExportColumn[], rows: readonly StoredRow[]): string {
  return rows.length ? stringify(rows.map((r) => columns.map((c) => r[c.name] ?? null))) : '';
}

/** Rows as JSON Lines: one object per row, keys in column order, null for missing, counts as numbers. */
export function jsonlRows(columns: readonly ExportColumn[], rows: readonly StoredRow[]): string {
  let out = '';
  for (const r of rows) {
    const o: Record<string, string | number | null> = {};
    for (const c of columns) {
      const v = r[c.name] ?? null;
      o[c.name] = v === null || !c.numeric ? v : Number(v);
    }
    out += JSON.stringify(o) + '\n';
  }
  return out;
}
