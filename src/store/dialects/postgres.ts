import { createHash } from 'node:crypto';
import {
  ColumnDefinitionNode,
  Kysely,
  OperationNodeTransformer,
  PostgresAdapter,
  PostgresDialect,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import { VindexError } from '../../errors.ts';
import { boundToTransaction, conflictKeyOf, type BulkWriter } from '../bulk.ts';
import type { Database as Schema, EntityTable } from '../schema.ts';

/** `postgres://…` or `postgresql://…`: a PostgreSQL connection string rather than a file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The connection string without its password: safe to print and log (Store.location). */
export function redactUrl(url: string): string {
  const u = new URL(url);
  u.password = '';
  return u.toString();
}

/** user@host:port/database: what names one PostgreSQL store, whatever the password or options (keys the default secret file). */
export function storeIdentity(url: string): string {
  const u = new URL(url);
  return `${decodeURIComponent(u.username) || 'postgres'}@${u.hostname || 'localhost'}:${u.port || '5432'}/${decodeURIComponent(u.pathname.slice(1)) || decodeURIComponent(u.username) || 'postgres'}`;
}

/** A short stable name for the store, for file names: pg-<16 hex of SHA-256 of storeIdentity>. */
export function storeFileName(url: string): string {
  return `pg-${createHash('sha256').update(storeIdentity(url)).digest('hex').slice(0, 16)}`;
}

// count(*) and sum() of integers are int8, avg() and sum() of int8 are numeric: pg returns both as
// strings by default (they may exceed 2^53). Vindex's counts never do, and the code expects numbers,
// as SQLite gives. Scoped to this pool: the global pg.types stay untouched.
const INT8 = 20;
const NUMERIC = 1700;
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Text columns collate bytewise ("C") on PostgreSQL, as SQLite compares text: ORDER BY key, the
 * sampling frame and every keyset page then come out in the same order on both backends and on
 * every server, whatever the database's locale. Applied to every CREATE TABLE / ADD COLUMN, so the
 * migrations stay the same text for both dialects.
 */
class ByteOrderText extends OperationNodeTransformer {
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const d = node.dataType as { kind: string; dataType?: string };
    const base = super.transformColumnDefinition(node);
    return d.kind === 'DataTypeNode' && d.dataType === 'text' ? ColumnDefinitionNode.cloneWithEndModifier(base, sql`collate "C"`.toOperationNode()) : base;
  }
}

const byteOrderText: KyselyPlugin = {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return node.kind === 'CreateTableNode' || node.kind === 'AlterTableNode' ? new ByteOrderText().transformNode(node) : node;
  },
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  },
};

/** Whether a Kysely instance (or transaction) talks to PostgreSQL. */
export function isPostgres(db: Kysely<Schema>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** What a failed connection means for the user, as a VindexError (or the error itself). */
export function connectionError(e: unknown, location: string): unknown {
  const code = (e as { code?: string }).code;
  if (code === '3D000') return new VindexError('VDX_STORE_NOT_INITIALISED', `the PostgreSQL database of ${location} does not exist: create it first (createdb), then run vindex init`);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === '28P01' || code === '28000') {
    return new VindexError('VDX_STORE_UNREACHABLE', `cannot connect to the PostgreSQL store ${location}: ${(e as Error).message}`);
  }
  return e;
}

/** PostgreSQL through a pg.Pool: one Kysely over the pool, plus the pool itself for the bulk writer. */
export function openPostgres(url: string): { db: Kysely<Schema>; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, types: typeParsers, max: 8 });
  // An idle client that loses its server (restart, network) emits here; without a listener it would crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }), plugins: [byteOrderText] });
  return { db, pool };
}

/** Advisory lock ids (pg_advisory_xact_lock): one per kind of writer that must not overlap. */
export const LOCK = { import: 0x76646901, audit: 0x76646902 } as const;

// PostgreSQL takes at most 65535 parameters per statement.
const MAX_PARAMETERS = 65_000;

/**
 * Multi-row INSERT … ON CONFLICT DO NOTHING RETURNING the key, on one dedicated connection inside
 * one transaction: the rows whose key is not returned are the duplicates. `db` is a Kysely bound to
 * the same connection, so what the import writes through Kysely (its audit entries) commits or
 * rolls back with the rows. Imports take an advisory lock first: the next series id is read inside
 * the transaction, so two imports at once must not interleave (SQLite serialises writers by itself).
 */
export function postgresBulkWriter(pool: pg.Pool): BulkWriter {
  let client: pg.PoolClient | undefined;
  const connection = (): pg.PoolClient => {
    if (!client) throw new Error('the bulk writer has no open transaction: call begin() first');
    return client;
  };
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({
      // A pool of the one connection of the writer's transaction; Kysely's release() must not return it.
      pool: {
        connect: async () => {
          const c = connection();
          return { query: (...args: Parameters<pg.PoolClient['query']>) => c.query(...args), release: () => undefined };
        },
        end: async () => undefined,
      } as unknown as pg.Pool,
    }),
  });
  boundToTransaction(db);
  const finish = async (statement: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    const c = client;
    if (!c) return;
    client = undefined;
    try {
      await c.query(statement);
      c.release();
    } catch (e) {
      c.release(e as Error); // a connection in an unknown state is discarded, not reused
      throw e;
    }
  };
  return {
    db,
    async begin() {
      client = await pool.connect();
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK.import]);
    },
    async insert(table: EntityTable | 'import_batch', columns, rows) {
      const c = connection();
      const conflictKey = conflictKeyOf(table);
      const keyAt = columns.indexOf(conflictKey);
      const head = `INSERT INTO "${table}" (${columns.map((col) => `"${col}"`).join(', ')}) VALUES `;
      const tail = ` ON CONFLICT ("${conflictKey}") DO NOTHING RETURNING "${conflictKey}" AS k`;
      const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const duplicates: number[] = [];
      for (let from = 0; from < rows.length; from += chunk) {
        const part = rows.slice(from, from + chunk);
        const values: unknown[] = [];
        const tuples = part.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(', ')})`);
        const inserted = new Set((await c.query<{ k: unknown }>(head + tuples.join(', ') + tail, values)).rows.map((r) => String(r.k)));
        // The same key twice in one statement: PostgreSQL keeps the first, as SQLite's row-by-row insert does.
        const seen = new Set<string>();
        part.forEach((row, i) => {
          const key = String(row[keyAt]);
          if (!inserted.has(key) || seen.has(key)) duplicates.push(from + i);
          seen.add(key);
        });
      }
      return duplicates;
    },
    async seriesIds(keys) {
      const found = new Map<string, number>();
      const c = connection();
      for (let from = 0; from < keys.length; from += MAX_PARAMETERS) {
        const { rows } = await c.query<{ id: number; key: string }>('SELECT "id", "key" FROM "series" WHERE "key" = ANY($1::text[])', [keys.slice(from, from + MAX_PARAMETERS)]);
        for (const r of rows) found.set(r.key, r.id);
      }
      return found;
    },
    async maxSeriesId() {
      const { rows } = await connection().query<{ m: number }>('SELECT coalesce(max("id"), 0) AS m FROM "series"');
      return Number(rows[0]!.m);
    },
    commit: () => finish('COMMIT'),
    rollback: () => finish('ROLLBACK'),
  };
}
