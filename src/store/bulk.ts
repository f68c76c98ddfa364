import type { Kysely } from 'kysely';
import type { Database, EntityTable } from './schema.ts';

/**
 * The dialect layer's fast path for imports: one transaction, batched inserts of prepared rows.
 * Everything else goes through Kysely.
 */
export interface BulkWriter {
  /** Kysely inside the writer's transaction (between begin and commit): what it writes lands or rolls back with the rows. */
  readonly db: Kysely<Database>;
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

/** Bulk writers' Kysely instances: bound to a connection inside BEGIN … COMMIT, though not a Kysely Transaction. */
const bound = new WeakSet<Kysely<Database>>();

/** Marks a bulk writer's Kysely (it must only be used between begin and commit). */
export function boundToTransaction(db: Kysely<Database>): void {
  bound.add(db);
}

/** Whether statements on `db` run inside an open transaction (a Kysely Transaction or a bulk writer's). */
export function isInTransaction(db: Kysely<Database>): boolean {
  return db.isTransaction || bound.has(db);
}

/** The unique key a bulk insert detects duplicates on: a source by its code, a batch by its content hash, an entity by its key. */
export function conflictKeyOf(table: EntityTable | 'import_batch'): 'code' | 'content_hash' | 'key' {
  return table === 'source' ? 'code' : table === 'import_batch' ? 'content_hash' : 'key';
}
