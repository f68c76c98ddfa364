import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { VindexError } from '../../errors.ts';
import { boundToTransaction, conflictKeyOf, type BulkWriter } from '../bulk.ts';
import type { Database as Schema, EntityTable } from '../schema.ts';

/** The key as an SQL string literal for PRAGMA key (quotes doubled). */
const quoted = (key: string): string => `'${key.replace(/'/g, "''")}'`;

/**
 * SQLite through better-sqlite3-multiple-ciphers: the embedded default, one file; encrypted at
 * rest (SQLCipher 4 format) when a key is given. A wrong key, a key for a plain file or no key for
 * an encrypted one all fail here, on the first read, with VDX_STORE_KEY.
 */
export function openSqlite(file: string, key?: string): { db: Kysely<Schema>; raw: Database.Database } {
  const raw = new Database(file);
  if (key !== undefined) {
    raw.pragma("cipher = 'sqlcipher'");
    raw.pragma('legacy = 4');
    raw.pragma(`key = ${quoted(key)}`);
  }
  try {
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    raw.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new VindexError(
        'VDX_STORE_KEY',
        key === undefined
          ? `${file} is encrypted (or not a SQLite file): set VINDEX_DB_KEYFILE or VINDEX_DB_KEY to its key`
          : `${file} cannot be opened with this key: the key is wrong, or the file is not an encrypted Vindex store`,
      );
    }
    throw e;
  }
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('temp_store = MEMORY');
  // Reads through a memory map: a cold scan of a million-row index then costs no read() per page.
  raw.pragma('mmap_size = 4294967296');
  raw.pragma('cache_size = -262144'); // 256 MiB: large imports are one transaction; spilling the cache mid-transaction is slow
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  return { db, raw };
}

/** Statements kept prepared at once (distinct SQL texts: a few per query shape). */
const MAX_STATEMENTS = 512;

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a large share of a small query's
 * cost (a server's session and version reads), so statements are kept by their SQL text. A
 * statement still busy (an unfinished iterate()) is never handed out twice: a fresh one is.
 */
function withStatementCache(raw: Database.Database): { prepare(sql: string): Database.Statement; close(): void } {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept && !kept.busy) return kept;
      const fresh = raw.prepare(sql);
      if (!kept) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statements.set(sql, fresh);
      }
      return fresh;
    },
    close: () => raw.close(),
  };
}

/**
 * Prepared-statement inserts inside one BEGIN … COMMIT; conflicts are detected per row, not thrown.
 * Its `db` is a Kysely over the same connection, so what it writes lands inside that transaction.
 */
export function sqliteBulkWriter(raw: Database.Database): BulkWriter {
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  boundToTransaction(db);
  const statements = new Map<string, Database.Statement>();
  const statement = (table: EntityTable | 'import_batch', columns: readonly string[]): Database.Statement => {
    const id = table + '\u0000' + columns.join(',');
    let s = statements.get(id);
    if (!s) {
      const conflictKey = conflictKeyOf(table);
      s = raw.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT ("${conflictKey}") DO NOTHING`);
      statements.set(id, s);
    }
    return s;
  };
  return {
    db,
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
