import type { EntityTable } from './schema.ts';

/**
 * The dialect layer's fast path for imports: one transaction, batched inserts of prepared rows.
 * Everything else goes through Kysely.
 */
export interface BulkWriter {
  begin(): Promise<void>;
  /** Inserts rows (values in `columns` order); returns the indices of rows whose key already existed (nothing written for them). */
  insert(table: EntityTable | 'import_batch', columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<number[]>;
  /** Surrogate ids of the series among `keys` that exist (inside the open transaction). */
  seriesIds(keys: readonly string[]): Promise<Map<string, number>>;
  /** The largest series id in use, 0 when there is none. */
  maxSeriesId(): Promise<number>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
