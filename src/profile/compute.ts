/**
 * The study profile:
 *
 *   store → cubes (one GROUP BY per unit) → margins per table and population
 *         → Wilson intervals, χ² / Cramér's V (stats engine) → Profile (+ manifest)
 */
import { createHash } from 'node:crypto';
import { CODEBOOK } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { isSyntheticStore, type Store } from '../store/index.ts';
import { VERSION } from '../version.ts';
import { assembleProfile } from './assemble.ts';
import type { Cube } from './cube.ts';
import { queryCubes } from './query.ts';
import type { Profile, ProfileManifest } from './types.ts';

export const PROFILE_METHOD =
  'Shares with 95% Wilson score intervals (Wilson 1927; R prop.test(correct = FALSE)); Pearson χ² without continuity correction and Cramér\'s V on determinable categories (not-determinable codes excluded from tests); populations by identification status (victims: victim.identified; series and offenders: series.identified).';

/**
 * Snapshot of the data: SHA-256 over the sorted content hashes of every imported batch. The store
 * holds exactly the union of its batches, so equal hashes mean equal data.
 */
export async function snapshotHash(store: Store): Promise<string> {
  const batches = await store.db.selectFrom('import_batch').select('content_hash').orderBy('content_hash').execute();
  return createHash('sha256').update(batches.map((b) => b.content_hash).join('\n')).digest('hex');
}

type Counts = ProfileManifest['counts'];

async function countRows(store: Store, table: 'source' | 'series' | 'victim' | 'offender'): Promise<number> {
  return Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Row counts of the store (the profile takes them from its cubes instead, saving three scans). */
export async function storeCounts(store: Store): Promise<Counts> {
  return { sources: await countRows(store, 'source'), series: await countRows(store, 'series'), victims: await countRows(store, 'victim'), offenders: await countRows(store, 'offender') };
}

/** The manifest of an output from this store; `synthetic` is set when the store was filled by the demo. */
export async function storeManifest(store: Store, options: { generatedAt?: string; level?: number; method?: string; counts?: Counts } = {}): Promise<ProfileManifest> {
  const synthetic = await isSyntheticStore(store);
  return {
    ...(synthetic ? { synthetic } : {}),
    snapshotHash: await snapshotHash(store),
    codebookVersion: CODEBOOK.version,
    softwareVersion: VERSION,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    counts: options.counts ?? (await storeCounts(store)),
    method: options.method ?? PROFILE_METHOD,
    level: options.level ?? 0.95,
  };
}

/** Computes the study profile of everything in the store. */
export async function computeProfile(store: Store, options: { generatedAt?: string; level?: number } = {}): Promise<Profile> {
  const cubes = await queryCubes(store);
  const total = (c: Cube): number => c.reduce((a, cell) => a + cell.n, 0);
  const counts = { sources: await countRows(store, 'source'), series: total(cubes.series), victims: total(cubes.victims), offenders: total(cubes.offenders) };
  if (counts.victims === 0) throw new VindexError('VDX_STORE_EMPTY', `the store ${store.location} holds no victims`);
  return assembleProfile(cubes, await storeManifest(store, { ...options, counts }));
}
