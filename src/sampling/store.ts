/**
 * Samples kept in the store:
 *
 *   frame filter + strata → series of the store (queryFrame) → drawSample → sample + sample_unit rows
 *   + audit entry, in one transaction
 *
 * A stored sample records what is needed to redraw it (frame filter, strata, design, seed, PRNG)
 * and to tie it to the data it was drawn from (frame hash, snapshot hash, codebook and software
 * versions). verifySample redraws it from the current store.
 */
import { appendAudit, NAME_PATTERN } from '../audit/index.ts';
import { CODEBOOK } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { snapshotHash } from '../profile/compute.ts';
import type { Store } from '../store/index.ts';
import { nextId } from '../store/next-id.ts';
import { VERSION } from '../version.ts';
import type { SamplingDesign } from './design.ts';
import { isStratified, type DesignName } from './design-options.ts';
import { drawSample } from './draw-sample.ts';
import { frameHash } from './frame.ts';
import { canonicalFrameFilter, formatFrameFilter, frameFilterJson, type FrameFilter } from './frame-filter.ts';
import { pilotStandardDeviations, type PilotShare } from './pilot.ts';
import type { Sample, StratumAllocation } from './sample.ts';
import { MAX_SAMPLING_SEED } from './seeded-random.ts';
import { checkFrameSources, queryFrame, type FrameSeries } from './store-frame.ts';

export interface StoredSampleUnit {
  readonly seriesId: number;
  readonly seriesKey: string;
  readonly stratum: string | null;
  readonly inclusionProbability: number;
  readonly weight: number;
  readonly stratumSize: number;
}

export interface StoredSample {
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly unit: 'series';
  readonly frame: FrameFilter;
  readonly frameHash: string;
  readonly frameSize: number;
  readonly strataBy: readonly string[] | null;
  readonly design: SamplingDesign;
  readonly seed: number;
  readonly prng: 'mt19937';
  readonly allocation: readonly StratumAllocation[];
  readonly snapshotHash: string;
  readonly codebookVersion: string;
  readonly softwareVersion: string;
  readonly units: readonly StoredSampleUnit[];
}

export interface CreateSampleInput {
  readonly frame: FrameFilter;
  /** Stratification variables (see STRATIFIABLE), in label order; required for a stratified design, absent for srs. */
  readonly strataBy?: readonly string[] | null;
  readonly design: DesignName;
  /** Total sample size n. */
  readonly size: number;
  readonly minimumPerStratum?: number;
  /** Neyman: prior S_h per stratum label (every stratum of the frame, no other). */
  readonly neymanSd?: Readonly<Record<string, number>>;
  /** Neyman: S_h = √(p_h(1 − p_h)) of a share estimated from an earlier stored sample. */
  readonly pilot?: { readonly sampleId: string; readonly share: PilotShare };
  /** 0 … 2³² − 1. */
  readonly seed: number;
  /** The sample's id (NAME_PATTERN); default the next free `s1`, `s2`, … */
  readonly id?: string;
  /** Who draws it, for created_by and the audit log (resolveActor). */
  readonly actor: string;
  /** ISO time; default now. */
  readonly createdAt?: string;
}

const invalid = (message: string): VindexError => new VindexError('VDX_SAMPLE_INVALID', message);

/** Rows per INSERT of sample units (6 parameters each, far below SQLite's limit). */
const INSERT_CHUNK = 1000;

/** Checks the options against each other and the frame, builds the design (with Neyman S_h), and draws. */
async function drawFromStore(store: Store, input: CreateSampleInput, frame: readonly FrameSeries[], strataBy: readonly string[] | null): Promise<Sample> {
  const { size, design: name } = input;
  const N = frame.length;
  if (N === 0) throw invalid(`the frame (${formatFrameFilter(input.frame)}) has no series in this store; widen --frame`);
  if (!Number.isInteger(size) || size < 1) throw invalid(`--size must be a whole number ≥ 1; got ${size}`);
  if (size > N) throw invalid(`--size ${size} is larger than the frame (${N} series; frame: ${formatFrameFilter(input.frame)}); lower --size to at most ${N} or widen --frame`);
  if (!Number.isInteger(input.seed) || input.seed < 0 || input.seed > MAX_SAMPLING_SEED) throw invalid(`--seed must be a whole number from 0 to ${MAX_SAMPLING_SEED}; got ${input.seed}`);

  if (!isStratified(name)) {
    if (input.minimumPerStratum !== undefined) throw invalid('--min-per-stratum needs a stratified design (--design proportional|equal|neyman with --strata)');
    return drawSample({ ids: frame.map((s) => s.key) }, { kind: 'srs', n: size }, input.seed);
  }
  if (strataBy === null) throw invalid(`--design ${name} needs --strata (for example --strata series.victimGender,region)`);
  const sizes = new Map<string, number>();
  for (const s of frame) sizes.set(s.stratum!, (sizes.get(s.stratum!) ?? 0) + 1);
  const labels = [...sizes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const m = input.minimumPerStratum;
  if (m !== undefined) {
    if (!Number.isInteger(m) || m < 0) throw invalid(`--min-per-stratum must be a whole number ≥ 0; got ${m}`);
    const needed = labels.reduce((t, l) => t + Math.min(m, sizes.get(l)!), 0);
    if (needed > size) {
      throw invalid(`--min-per-stratum ${m} needs ${needed} series over the ${labels.length} strata (smaller strata taken whole) but --size is ${size}; raise --size to at least ${needed} or lower --min-per-stratum`);
    }
  }

  let standardDeviations: Record<string, number> | undefined;
  if (name === 'neyman') {
    if ((input.neymanSd === undefined) === (input.pilot === undefined)) throw invalid('--design neyman needs the stratum standard deviations: give either --neyman-sd "label=0.3,…" or --pilot ID --pilot-share VARIABLE=CODE');
    if (input.neymanSd !== undefined) {
      const given = input.neymanSd;
      const unknown = Object.keys(given).filter((l) => !sizes.has(l));
      if (unknown.length > 0) throw invalid(`--neyman-sd names stratum ${unknown.map((l) => `"${l}"`).join(', ')}, which the frame does not have (its strata: ${labels.map((l) => `"${l}"`).join(', ')})`);
      const missing = labels.filter((l) => !Object.prototype.hasOwnProperty.call(given, l));
      if (missing.length > 0) throw invalid(`--neyman-sd gives no standard deviation for stratum ${missing.map((l) => `"${l}"`).join(', ')}; give one for every stratum of the frame`);
      standardDeviations = Object.fromEntries(labels.map((l) => [l, given[l]!]));
    } else {
      const pilot = await loadSample(store, input.pilot!.sampleId);
      standardDeviations = await pilotStandardDeviations(store.db, pilot.id, pilot.units, input.pilot!.share, strataBy, labels);
    }
    if (labels.every((l) => standardDeviations![l] === 0)) {
      throw invalid(`every stratum has S_h = 0, so Neyman allocation is undefined; use --design proportional, or give positive --neyman-sd values`);
    }
  } else if (input.neymanSd !== undefined || input.pilot !== undefined) {
    throw invalid(`--neyman-sd and --pilot apply to --design neyman only, not ${name}`);
  }

  const design: SamplingDesign = {
    kind: 'stratified',
    n: size,
    allocation: name,
    ...(m !== undefined ? { minimumPerStratum: m } : {}),
    ...(standardDeviations !== undefined ? { standardDeviations } : {}),
  };
  try {
    return drawSample({ ids: frame.map((s) => s.key), strata: frame.map((s) => s.stratum!) }, design, input.seed);
  } catch (err) {
    if (err instanceof RangeError) throw invalid(err.message);
    throw err;
  }
}

/**
 * Draws a sample of series from the store and stores it with its units and an audit entry
 * (`sample.create`, object `sample:<id>`) in one transaction; on any error nothing is written.
 * Throws VDX_SAMPLE_INVALID (with what to change) for an empty frame, a size larger than the frame,
 * an impossible minimum, missing or unknown Neyman standard deviations, or a taken id;
 * VDX_SAMPLE_NOT_FOUND for an unknown pilot.
 */
export async function createStoredSample(store: Store, input: CreateSampleInput): Promise<StoredSample> {
  if (input.id !== undefined && !NAME_PATTERN.test(input.id)) {
    throw new VindexError('VDX_USAGE', `--id "${input.id}" is not a valid sample id: use a lower-case letter, then letters, digits, ".", "_" or "-" (at most 32)`);
  }
  const filter = canonicalFrameFilter(input.frame);
  const strataBy = input.strataBy && input.strataBy.length > 0 ? [...input.strataBy] : null;
  if (!isStratified(input.design) && strataBy !== null) throw invalid('--strata needs a stratified design: --design proportional, equal or neyman');
  const createdAt = input.createdAt ?? new Date().toISOString();

  // Reads and writes share one transaction, so the recorded frame, snapshot and units agree even if another process imports meanwhile.
  const id = await store.db.transaction().execute(async (trx) => {
    const inTrx: Store = { ...store, db: trx };
    await checkFrameSources(trx, filter);
    const frame = await queryFrame(trx, filter, isStratified(input.design) ? strataBy : null);
    const sample = await drawFromStore(inTrx, input, frame, strataBy);
    const idOfKey = new Map(frame.map((s) => [s.key, s.id]));
    const snapshot = await snapshotHash(inTrx);
    const taken = (await trx.selectFrom('sample').select('id').execute()).map((r) => r.id);
    const id = input.id ?? nextId('s', taken);
    if (taken.includes(id)) throw invalid(`a sample with id ${id} already exists in this store; choose another --id (or leave it out for ${nextId('s', taken)})`);
    await trx
      .insertInto('sample')
      .values({
        id,
        created_at: createdAt,
        created_by: input.actor,
        unit: 'series',
        frame: frameFilterJson(filter),
        frame_hash: sample.frameHash,
        frame_size: sample.frameSize,
        strata_by: strataBy === null ? null : JSON.stringify(strataBy),
        design: JSON.stringify(sample.design),
        seed: sample.seed,
        prng: sample.prng,
        allocation: JSON.stringify(sample.allocation),
        snapshot_hash: snapshot,
        codebook_version: CODEBOOK.version,
        software_version: VERSION,
      })
      .execute();
    const rows = sample.units.map((u) => ({
      sample_id: id,
      series_id: idOfKey.get(u.id)!,
      stratum: u.stratum,
      inclusion_probability: u.inclusionProbability,
      weight: u.weight,
      stratum_size: u.stratumSize,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await trx.insertInto('sample_unit').values(rows.slice(i, i + INSERT_CHUNK)).execute();
    await appendAudit(
      trx,
      {
        actor: input.actor,
        action: 'sample.create',
        object: `sample:${id}`,
        detail: {
          design: input.design,
          n: sample.units.length,
          N: sample.frameSize,
          seed: sample.seed,
          frameHash: sample.frameHash,
          ...(input.pilot ? { pilot: input.pilot.sampleId } : {}),
        },
      },
      createdAt,
    );
    return id;
  });
  return loadSample(store, id);
}

type SampleRow = Awaited<ReturnType<typeof sampleRows>>[number];

function sampleRows(store: Store, id?: string) {
  let q = store.db.selectFrom('sample').selectAll();
  if (id !== undefined) q = q.where('id', '=', id);
  return q.orderBy('created_at').orderBy('id').execute();
}

function header(row: SampleRow): Omit<StoredSample, 'units'> {
  return Object.freeze({
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    unit: 'series' as const,
    frame: canonicalFrameFilter(JSON.parse(row.frame) as FrameFilter),
    frameHash: row.frame_hash,
    frameSize: Number(row.frame_size),
    strataBy: row.strata_by === null ? null : Object.freeze(JSON.parse(row.strata_by) as string[]),
    design: JSON.parse(row.design) as SamplingDesign,
    seed: Number(row.seed),
    prng: 'mt19937' as const,
    allocation: Object.freeze(JSON.parse(row.allocation) as StratumAllocation[]),
    snapshotHash: row.snapshot_hash,
    codebookVersion: row.codebook_version,
    softwareVersion: row.software_version,
  });
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A stored sample with its units (by stratum label, then series key, as drawSample orders them); VDX_SAMPLE_NOT_FOUND if absent. */
export async function loadSample(store: Store, id: string): Promise<StoredSample> {
  const [row] = await sampleRows(store, id);
  if (row === undefined) throw new VindexError('VDX_SAMPLE_NOT_FOUND', `there is no sample ${id} in ${store.location}`);
  const units = await store.db
    .selectFrom('sample_unit')
    .innerJoin('series', 'series.id', 'sample_unit.series_id')
    .select(['sample_unit.series_id', 'series.key', 'sample_unit.stratum', 'sample_unit.inclusion_probability', 'sample_unit.weight', 'sample_unit.stratum_size'])
    .where('sample_unit.sample_id', '=', id)
    .execute();
  const list: StoredSampleUnit[] = units.map((u) =>
    Object.freeze({
      seriesId: u.series_id,
      seriesKey: u.key,
      stratum: u.stratum,
      inclusionProbability: u.inclusion_probability,
      weight: u.weight,
      stratumSize: Number(u.stratum_size),
    }),
  );
  list.sort((a, b) => byCodeUnits(a.stratum ?? '', b.stratum ?? '') || byCodeUnits(a.seriesKey, b.seriesKey));
  return Object.freeze({ ...header(row), units: Object.freeze(list) });
}

/** Every stored sample without its units, oldest first. */
export async function listSamples(store: Store): Promise<Omit<StoredSample, 'units'>[]> {
  return (await sampleRows(store)).map(header);
}

/** Whether a stored sample still matches the store it lives in. */
export interface SampleVerification {
  readonly id: string;
  /** The frame rebuilt from the current store: its hash (null when it is empty now) and size. */
  readonly currentFrameHash: string | null;
  readonly currentFrameSize: number;
  /** The rebuilt frame hashes to the recorded frame hash. */
  readonly frameMatches: boolean;
  /** Redrawing with the recorded design and seed from the rebuilt frame selects exactly the stored units. */
  readonly unitsMatch: boolean;
  /** The store holds the same imports as when the sample was drawn (snapshot hash). */
  readonly snapshotMatches: boolean;
}

/**
 * Rebuilds the frame of a stored sample from the current store (recorded filter and strata),
 * compares its hash with the recorded one, and redraws with the recorded design and seed to see
 * whether the same series come out. New imports that add series to the frame change the hash.
 * Takes the sample's id, or the sample already loaded (then it is not read again).
 */
export async function verifySample(store: Store, which: string | StoredSample): Promise<SampleVerification> {
  const sample = typeof which === 'string' ? await loadSample(store, which) : which;
  const id = sample.id;
  const frame = await queryFrame(store.db, sample.frame, sample.strataBy);
  const snapshotMatches = (await snapshotHash(store)) === sample.snapshotHash;
  if (frame.length === 0) return { id, currentFrameHash: null, currentFrameSize: 0, frameMatches: false, unitsMatch: false, snapshotMatches };
  const ids = frame.map((s) => s.key);
  const strata = sample.strataBy === null ? undefined : frame.map((s) => s.stratum!);
  const currentFrameHash = frameHash(ids, strata);
  let unitsMatch = false;
  try {
    const redraw = drawSample(strata === undefined ? { ids } : { ids, strata }, sample.design, sample.seed);
    const stored = sample.units.map((u) => u.seriesKey);
    const again = redraw.units.map((u) => u.id);
    unitsMatch = stored.length === again.length && stored.every((k, i) => k === again[i]);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  return { id, currentFrameHash, currentFrameSize: frame.length, frameMatches: currentFrameHash === sample.frameHash, unitsMatch, snapshotMatches };
}
