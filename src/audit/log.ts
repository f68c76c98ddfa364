/**
 * The audit log: append-only and hash-chained. Each entry's hash is SHA-256 over the previous
 * entry's hash and the entry's own fields, so editing, deleting or reordering any entry breaks
 * the chain from that entry on; the head (last seq and hash) is also kept in `meta`, so removing
 * the newest entries shows too. Details hold codes, ids and counts only — never free text.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { isInTransaction } from '../store/bulk.ts';
import { isPostgres, LOCK } from '../store/dialects/postgres.ts';
import type { Database } from '../store/schema.ts';

export const AUDIT_GENESIS = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

export interface AuditEntryInput {
  readonly actor: string;
  /** Dotted verb, e.g. `sample.create`, `coding.sheet.import`, `coding.adjudicate`. */
  readonly action: string;
  /** The object acted on, e.g. `sample:s1`, `round:r1/unit:…/victim.gender`. */
  readonly object: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly object: string;
  readonly detail: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** JSON with object keys sorted at every depth, so the same detail always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The hash of one entry: SHA-256 (hex) of the previous hash and the entry's fields as a JSON array. */
export function entryHash(prevHash: string, e: { seq: number; at: string; actor: string; action: string; object: string; detail: string }): string {
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify([e.seq, e.at, e.actor, e.action, e.object, e.detail])).digest('hex');
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Appends one entry. Call it inside the transaction that makes the change it records, so the
 * change and its entry land together or not at all.
 */
export async function appendAudit(db: Db, input: AuditEntryInput, at: string = new Date().toISOString()): Promise<AuditEntry> {
  // Reading the head and appending after it must be one transaction, or two concurrent calls both write entry seq+1.
  if (!isInTransaction(db)) return db.transaction().execute((trx) => appendAudit(trx, input, at));
  // SQLite has one writer at a time; PostgreSQL runs transactions concurrently. The lock, held to
  // the end of the transaction, makes each writer read the head the previous one committed.
  if (isPostgres(db)) await sql`select pg_advisory_xact_lock(${LOCK.audit})`.execute(db);
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const detail = canonicalJson(input.detail ?? {});
  const row = { seq, at, actor: input.actor, action: input.action, object: input.object, detail };
  const hash = entryHash(prevHash, row);
  await db.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash }).execute();
  const head = `${seq}:${hash}`;
  const updated = await db.updateTable('meta').set({ value: head }).where('key', '=', HEAD_KEY).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('meta').values({ key: HEAD_KEY, value: head }).execute();
  return { ...row, prevHash, hash };
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry that does not verify, and why. */
  readonly failure?: { readonly seq: number; readonly reason: string };
}

/** Walks the chain from the first entry; reports the first entry that was edited, removed or moved. */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = AUDIT_GENESIS;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const fail = (reason: string): AuditVerification => ({ ok: false, entries: rows.length, failure: { seq: r.seq, reason } });
    if (r.seq !== i + 1) return fail(`expected entry ${i + 1} here but found entry ${r.seq}: an entry before it was deleted or the entries were renumbered`);
    if (r.prev_hash !== prev) return fail(`its previous-hash does not match entry ${i}'s hash: an entry was deleted, inserted or reordered`);
    if (entryHash(prev, r) !== r.hash) return fail('its content does not match its hash: the entry was edited');
    prev = r.hash;
  }
  const head = (await db.selectFrom('meta').select('value').where('key', '=', HEAD_KEY).executeTakeFirst())?.value;
  const tail = rows.length ? `${rows.length}:${prev}` : undefined;
  if (head !== tail) {
    const headSeq = head ? Number(head.split(':')[0]) : 0;
    return { ok: false, entries: rows.length, failure: { seq: Math.max(headSeq, rows.length), reason: `the log ends at entry ${rows.length} but the recorded head is ${head ?? 'absent'}: entries at the end were deleted or the head was altered` } };
  }
  return { ok: true, entries: rows.length };
}

/** The audit entries in order, optionally only those of an action prefix (e.g. `coding.`). */
export async function listAudit(db: Db, options: { actionPrefix?: string; limit?: number } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq');
  if (options.actionPrefix) q = q.where('action', 'like', `${options.actionPrefix}%`);
  if (options.limit) q = q.limit(options.limit);
  const rows = await q.execute();
  return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, object: r.object, detail: r.detail, prevHash: r.prev_hash, hash: r.hash }));
}
