import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { BulkWriter } from '../bulk.ts';
import type { Database as Schema, EntityTable } from '../schema.ts';

/** SQLite through better-sqlite3: the embedded default, one file. */
export function openSqlite(file: string): { db: Kysely<Schema>; raw: Database.Database } {
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('temp_store = MEMORY');
  // Reads through a memory map: a cold scan of a million-row index then costs no read() per page.
  raw.pragma('mmap_size = 4294967296');
  raw.pragma('cache_size = -262144'); // 256 MiB: large imports are one transaction; spilling the cache mid-transaction is slow
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  return { db, raw };
}

/** Prepared-statement inserts inside one BEGIN … COMMIT; conflicts are detected per row, not thrown. */
export function sqliteBulkWriter(raw: Database.Database): BulkWriter {
  const statements = new Map<string, Database.Statement>();
  const statement = (table: EntityTable | 'import_batch', columns: readonly string[]): Database.Statement => {
    const id = table + '\u0000' + columns.join(',');
    let s = statements.get(id);
    if (!s) {
      const conflictKey = table === 'source' ? 'code' : table === 'import_batch' ? 'content_hash' : 'key';
      s = raw.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT ("${conflictKey}") DO NOTHING`);
      statements.set(id, s);
    }
    return s;
  };
  return {
    async begin() {
      raw.exec('BEGIN');
    },
    async insert(table, columns, rows) {
      const s = statement(table, columns);
      const duplicates: number[] = [];
      for (let i = 0; i < rows.length; i++) if (s.run(rows[i] as unknown[]).changes === 0) duplicates.push(i);
      return duplicates;
    },
    async seriesIds(keys) {
      const found = new Map<string, number>();
      const s = raw.prepare('SELECT "id" FROM "series" WHERE "key" = ?').pluck();
      for (const k of keys) {
        const id = s.get(k) as number | undefined;
        if (id !== undefined) found.set(k, id);
      }
      return found;
    },
    async maxSeriesId() {
      return Number(raw.prepare('SELECT coalesce(max("id"), 0) FROM "series"').pluck().get());
    },
    async commit() {
      raw.exec('COMMIT');
    },
    async rollback() {
      if (raw.inTransaction) raw.exec('ROLLBACK');
    },
  };
}
