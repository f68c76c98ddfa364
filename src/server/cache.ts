/**
 * Memoised reads (profile, indicators, map, reliability, dashboard). Every write appends an audit
 * entry, so the sequence number of the newest entry is a version of the whole store: a value
 * computed at version N is valid until a newer entry appears. One cheap query per read checks it.
 * Entries of sign-ins, sign-outs and account changes (session.*, user.*) change nothing a cached
 * read shows, so they do not count: a morning of sign-ins does not recompute the indicators.
 *
 * Under load that one query per read is most of a cached read's cost, so the version read is
 * itself trusted for `recheckMs`: this server's own writes call invalidate() and show at once;
 * a write by another process (the CLI, a second server on PostgreSQL) shows within recheckMs.
 */
import type { Store } from '../store/index.ts';

export interface ReadCache {
  /** The value for `key` at the store's current audit head, computing (once, even when asked concurrently) if needed. */
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** The store version the cache is keyed by: the newest audit entry's seq, sign-in and account entries aside (0 for none). */
  version(): Promise<number>;
  clear(): void;
  /** Forgets the version read, so the next read checks the store (called after every write of this server). */
  invalidate(): void;
}

/** Keys kept at once; the cache is emptied when it grows past this (keys are few: one per read route and parameters). */
const MAX_KEYS = 256;

export function createReadCache(store: Store, options: { recheckMs?: number } = {}): ReadCache {
  const recheckMs = options.recheckMs ?? 0;
  let at = -1;
  const values = new Map<string, Promise<unknown>>();
  // The last version read and when; concurrent reads share one query.
  let known: { at: number; version: Promise<number> } | undefined;
  const version = (): Promise<number> => {
    const now = performance.now();
    if (known && now - known.at < recheckMs) return known.version;
    const read = readVersion();
    known = { at: now, version: read };
    read.catch(() => {
      if (known?.version === read) known = undefined;
    });
    return read;
  };
  const readVersion = async (): Promise<number> => {
    const row = await store.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', 'not like', 'session.%')
      .where('action', 'not like', 'user.%')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.seq ?? 0;
  };
  return {
    async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const v = await version();
      if (v !== at) {
        values.clear();
        at = v;
      }
      let p = values.get(key) as Promise<T> | undefined;
      if (!p) {
        if (values.size >= MAX_KEYS) values.clear();
        p = compute();
        values.set(key, p);
        // A failed computation is not remembered: the next read tries again.
        p.catch(() => {
          if (values.get(key) === p) values.delete(key);
        });
      }
      return p;
    },
    version,
    clear: () => values.clear(),
    invalidate: () => {
      known = undefined;
    },
  };
}
