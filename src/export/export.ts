/**
 * Exporting the coded data for analysis elsewhere (R, Stata):
 *
 *   dataset → columns (codebook names) → read a page in key order (keyset: key > last)
 *           → format (CSV | JSON Lines) → write, waiting for the sink to drain → next page
 *
 * Only keyed hashes and codes leave: external identifiers are never stored, so cannot be exported.
 * Memory is bounded by one page, whatever the size of the store. All pages are read inside one
 * transaction, so an import running meanwhile cannot tear the export.
 */
import type { Writable } from 'node:stream';
import { type RawBuilder, sql } from 'kysely';
import type { Store } from '../store/index.ts';
import { exportColumns, tableOf, type ExportDataset } from './columns.ts';
import { csvHeader, csvRows, jsonlRows, type ExportFormat, type StoredRow } from './format.ts';
import { writeDrained as write } from './sink.ts';

export interface ExportOptions {
  readonly store: Store;
  readonly dataset: ExportDataset;
  readonly format: ExportFormat;
  readonly out: Writable;
  /** Rows read per query; the default keeps memory small and queries few. */
  readonly pageSize?: number;
}

export interface ExportSummary {
  readonly dataset: ExportDataset;
  readonly format: ExportFormat;
  readonly rows: number;
  readonly columns: readonly string[];
}

const DEFAULT_PAGE = 10_000;

/** Writes one dataset to `out` (which is not ended), in key order; returns what was written. */
export async function exportDataset(options: ExportOptions): Promise<ExportSummary> {
  const { store, dataset, format, out } = options;
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer, not ${pageSize}`);
  const columns = exportColumns(dataset);
  const table = tableOf(dataset);
  const select = sql.join(columns.map((c) => sql`${sql.ref(`${c.table === 'own' ? 'o' : 's'}.${c.column}`)} AS ${sql.id(c.name)}`));
  const from = table === 'series' ? sql`"series" AS "o"` : sql`${sql.table(table)} AS "o" JOIN "series" AS "s" ON "s"."id" = "o"."series_id"`;
  const rowsText = (rows: readonly StoredRow[]): string => (format === 'csv' ? csvRows(columns, rows) : jsonlRows(columns, rows));

  let rows = 0;
  // One snapshot for every page: SQLite's transaction gives it; PostgreSQL's default (read committed) would not.
  await store.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    if (format === 'csv') await write(out, csvHeader(columns));
    let after: string | null = null;
    for (;;) {
      // Keyset pagination on the primary key: each page is an index range scan, never an OFFSET.
      // (SQLite compares text bytewise, and PostgreSQL too: Vindex's text columns collate "C"; so the
      // order is the same on every machine and both backends.)
      const where: RawBuilder<unknown> = after === null ? sql`` : sql`WHERE "o"."key" > ${after}`;
      const page: StoredRow[] = (await sql<StoredRow>`SELECT ${select} FROM ${from} ${where} ORDER BY "o"."key" LIMIT ${pageSize}`.execute(trx)).rows;
      if (!page.length) break;
      await write(out, rowsText(page));
      rows += page.length;
      if (page.length < pageSize) break;
      after = String(page[page.length - 1]![columns[0]!.name]);
    }
  });
  return { dataset, format, rows, columns: columns.map((c) => c.name) };
}
