import type { Kysely, Transaction } from 'kysely';
import { VindexError } from '../errors.ts';
import type { Database } from '../store/schema.ts';
import { countriesOfRegion, type FrameFilter } from './frame-filter.ts';
import { stratumLabel, strataColumns } from './strata.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One series of a frame: its surrogate id, keyed hash (the frame's unit id) and stratum label. */
export interface FrameSeries {
  readonly id: number;
  readonly key: string;
  /** Null when the frame is not stratified. */
  readonly stratum: string | null;
}

/**
 * The series of the store that match the filter, in key order, each with its stratum label under
 * `strataBy` (null, or an empty list, for an unstratified frame). A region becomes the list of its
 * countries; years compare the ISO date strings of series.firstSeen.
 */
export async function queryFrame(db: Db, filter: FrameFilter, strataBy: readonly string[] | null): Promise<FrameSeries[]> {
  const by = strataBy !== null && strataBy.length > 0 ? strataBy : null;
  let q = db.selectFrom('series').select(['id', 'key', ...(by ? strataColumns(by) : [])]);
  if (filter.source) q = q.where('source', 'in', [...filter.source]);
  if (filter.country) q = q.where('country', 'in', [...filter.country]);
  if (filter.region) q = q.where('country', 'in', filter.region.flatMap(countriesOfRegion));
  if (filter.identified) q = q.where('identified', 'in', [...filter.identified]);
  if (filter.years) q = q.where('first_seen', '>=', `${filter.years.from}-01-01`).where('first_seen', '<=', `${filter.years.to}-12-31`);
  const rows = (await q.orderBy('key').execute()) as unknown as ({ id: number; key: string } & Record<string, unknown>)[];
  return rows.map((r) => ({ id: r.id, key: r.key, stratum: by ? stratumLabel(r, by) : null }));
}

/**
 * Refuses (VDX_SAMPLE_INVALID) a frame naming a source that holds no series in this store, most
 * likely a typo that would otherwise silently shrink the frame; lists the store's sources.
 */
export async function checkFrameSources(db: Db, filter: FrameFilter): Promise<void> {
  if (!filter.source) return;
  const present = (await db.selectFrom('series').select('source').distinct().orderBy('source').execute()).map((r) => r.source);
  const unknown = filter.source.filter((s) => !present.includes(s));
  if (unknown.length > 0) {
    throw new VindexError('VDX_SAMPLE_INVALID', `--frame: source ${unknown.map((s) => `"${s}"`).join(', ')} has no series in this store (its sources: ${present.join(', ') || 'none'})`);
  }
}
