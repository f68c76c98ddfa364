/**
 * The study profile estimated from a stored sample of series (src/sampling/):
 *
 *   sample_unit ⋈ series | victim | offender (one query per unit kind)
 *     → [final values of a coding round replace the store's coded values]
 *     → DesignUnits: series sampled individually; victims and offenders as one-stage cluster
 *       samples of their series (cluster = series, same stratum, weight N_h/n_h and fpc N_h)
 *     → assembleDesignProfile (src/profile/design.ts, proven against R survey)
 *
 * Every victim and offender of a sampled series is in the sample, so each series is a PSU taken
 * whole: R's svydesign(ids = ~series, strata = ~stratum, weights = ~weight, fpc = ~N_h).
 */
import { harmonise, type SeverityScale } from '../codebook/severity.ts';
import { finalValues, type FinalValues } from '../coding/final-values.ts';
import { loadRound } from '../coding/variables.ts';
import { VindexError } from '../errors.ts';
import { formatFrameFilter, loadSample, type StoredSample } from '../sampling/index.ts';
import { NumericalError } from '../stats/contract/method.ts';
import type { LonelyPsu } from '../stats/index.ts';
import type { Store } from '../store/index.ts';
import { columnOf } from '../store/schema.ts';
import { storeManifest } from './compute.ts';
import { assembleDesignProfile, type DesignSample, type DesignUnits } from './design.ts';
import { victimsPerSeriesBand } from './spec.ts';
import type { Profile, RoundManifest, SampleManifest } from './types.ts';

export interface SampleProfileOptions {
  /** A coding round of the sample: its final values replace the store's for the variables it coded. */
  readonly roundId?: string;
  /** With roundId: use the store's value where the round has no final value yet (counted in the manifest) instead of refusing. */
  readonly allowIncomplete?: boolean;
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
  readonly generatedAt?: string;
  /** Strata with a single sampled series (n_h = 1 < N_h), as R options(survey.lonely.psu); default "fail". */
  readonly lonelyPsu?: LonelyPsu;
}

/** The parts of a round's final values the profile reads (src/coding/final-values.ts). */
export type RoundValues = Pick<FinalValues, 'series' | 'victims' | 'unresolved' | 'uncoded'>;

/** A sampled series, victim or offender: its store columns plus the design quantities of its series. */
type Row = Record<string, string | number | boolean | null>;

interface DesignColumns {
  readonly seriesId: number;
  readonly stratum: string | null;
  readonly weight: number;
  /** N_h of the series' stratum. */
  readonly fpc: number;
  /** A sampled series without a unit of this kind, kept as a PSU of the design (DesignSample.placeholder). */
  readonly placeholder?: boolean;
}

const SERIES_COLUMNS = ['identified', 'victim_gender', 'victim_age_group', 'victim_count', 'self_generated', 'source'] as const;
const VICTIM_COLUMNS = ['identified', 'gender', 'age_band', 'severity', 'ethnicity', 'severity_scale', 'severity_code', 'penetration'] as const;
const SEVERITY_INPUTS = new Set(['victim.severityScale', 'victim.severityCode', 'victim.penetration']);
const ND = 'notDeterminable';

/** The store's rows of the sampled series, their victims and their offenders, each with its series' design columns (one query per kind). */
async function sampledRows(store: Store, sampleId: string): Promise<{ series: (Row & DesignColumns)[]; victims: (Row & DesignColumns)[]; offenders: (Row & DesignColumns)[] }> {
  const { db } = store;
  const design = ['sample_unit.series_id as seriesId', 'sample_unit.stratum as stratum', 'sample_unit.weight as weight', 'sample_unit.stratum_size as fpc'] as const;
  const series = await db
    .selectFrom('sample_unit')
    .innerJoin('series', 'series.id', 'sample_unit.series_id')
    .select([...design, 'series.key as key', ...SERIES_COLUMNS.map((c) => `series.${c} as ${c}` as const)])
    .where('sample_unit.sample_id', '=', sampleId)
    .orderBy('sample_unit.stratum')
    .orderBy('series.key')
    .execute();
  const victims = await db
    .selectFrom('sample_unit')
    .innerJoin('victim', 'victim.series_id', 'sample_unit.series_id')
    .select([...design, 'victim.key as key', ...VICTIM_COLUMNS.map((c) => `victim.${c} as ${c}` as const)])
    .where('sample_unit.sample_id', '=', sampleId)
    .orderBy('sample_unit.stratum')
    .orderBy('victim.series_key')
    .orderBy('victim.key')
    .execute();
  const offenders = await db
    .selectFrom('sample_unit')
    .innerJoin('offender', 'offender.series_id', 'sample_unit.series_id')
    .innerJoin('series', 'series.id', 'sample_unit.series_id')
    .select([...design, 'offender.key as key', 'series.identified as identified', 'offender.visible as visible', 'offender.gender as gender'])
    .where('sample_unit.sample_id', '=', sampleId)
    .orderBy('sample_unit.stratum')
    .orderBy('offender.series_key')
    .orderBy('offender.key')
    .execute();
  const typed = (rows: readonly Record<string, unknown>[]): (Row & DesignColumns)[] =>
    rows.map((r) => ({ ...(r as Row), seriesId: Number(r.seriesId), stratum: (r.stratum as string | null) ?? null, weight: Number(r.weight), fpc: Number(r.fpc) }));
  const s = typed(series);
  return { series: s, victims: withEmptySeries(typed(victims), s), offenders: withEmptySeries(typed(offenders), s) };
}

/**
 * Units of one kind plus a placeholder row for each sampled series that holds none of them: the
 * series is still a sampled PSU of its stratum (n_h counts it, and it contributes zero to every
 * total), as it is in R's svydesign over the series with subset() to the units.
 */
function withEmptySeries(units: (Row & DesignColumns)[], series: readonly (Row & DesignColumns)[]): (Row & DesignColumns)[] {
  const holding = new Set(units.map((u) => u.seriesId));
  const empty = series.filter((s) => !holding.has(s.seriesId));
  return [...units, ...empty.map((s) => ({ seriesId: s.seriesId, stratum: s.stratum, weight: s.weight, fpc: s.fpc, key: null, placeholder: true }))];
}

/**
 * Replaces, in place, the store's values of the sampled series and victims by a round's final
 * values: each coded variable's column (series.victimCount → victim_count, victim.ageBand →
 * age_band, …); when the severity scale, code or penetration was coded, the harmonised severity
 * is derived again through the codebook crosswalk (src/codebook/severity.ts). Units or variables
 * without a final value keep the store's value. Returns how many values were replaced.
 */
export function applyFinalValues(rows: { series: Row[]; victims: Row[] }, values: RoundValues): number {
  let replaced = 0;
  const apply = (row: Row, record: Readonly<Record<string, string>> | undefined): boolean => {
    if (!record) return false;
    let severity = false;
    for (const [variable, code] of Object.entries(record)) {
      const column = columnOf(variable);
      if (!(column in row)) continue;
      row[column] = column === 'victim_count' ? countOf(code) : code;
      replaced++;
      if (SEVERITY_INPUTS.has(variable)) severity = true;
    }
    return severity;
  };
  for (const s of rows.series) apply(s, values.series.get(String(s.key)));
  // Placeholder rows (key null) stand for series without victims: nothing to replace.
  for (const v of rows.victims) {
    if (v.key === null) continue;
    if (!apply(v, values.victims.get(String(v.key)))) continue;
    const scale = (v.severity_scale ?? ND) as SeverityScale | typeof ND;
    const raw = String(v.severity_code ?? ND);
    const code = raw === ND ? ND : raw.toUpperCase();
    v.severity_code = code;
    v.severity = harmonise(scale, code, (v.penetration ?? ND) as 'yes' | 'no' | typeof ND).severity;
  }
  return replaced;
}

/** A coded count (a decimal string) as a number; anything else (not determinable) as null. */
function countOf(code: string): number | null {
  return /^\d+$/.test(code) ? Number(code) : null;
}

function designSample(rows: readonly (Row & DesignColumns)[], codes: Record<string, (r: Row) => string | null>, clustered: boolean, stratified: boolean): DesignSample {
  return {
    codes: Object.fromEntries(Object.entries(codes).map(([dim, of]) => [dim, rows.map(of)])),
    weights: rows.map((r) => r.weight),
    fpc: rows.map((r) => r.fpc),
    ...(stratified ? { strata: rows.map((r) => r.stratum ?? '') } : {}),
    ...(clustered ? { clusters: rows.map((r) => r.seriesId) } : {}),
    ...(rows.some((r) => r.placeholder === true) ? { placeholder: rows.map((r) => r.placeholder === true) } : {}),
  };
}

const col = (name: string) => (r: Row): string | null => (r[name] === null || r[name] === undefined ? null : String(r[name]));

/** The DesignUnits of sampled rows: series individually, victims and offenders clustered in their series. */
export function sampleDesignUnits(rows: { series: readonly (Row & DesignColumns)[]; victims: readonly (Row & DesignColumns)[]; offenders: readonly (Row & DesignColumns)[] }): DesignUnits {
  const stratified = rows.series.some((s) => s.stratum !== null);
  return {
    series: designSample(
      rows.series,
      {
        identified: col('identified'),
        victim_gender: col('victim_gender'),
        victim_age_group: col('victim_age_group'),
        victims_band: (r) => victimsPerSeriesBand(r.victim_count === null ? null : Number(r.victim_count)),
        self_generated: col('self_generated'),
      },
      false,
      stratified,
    ),
    victims: designSample(rows.victims, { identified: col('identified'), gender: col('gender'), age_band: col('age_band'), severity: col('severity'), ethnicity: col('ethnicity') }, true, stratified),
    offenders: designSample(rows.offenders, { identified: col('identified'), visible: col('visible'), gender: col('gender') }, true, stratified),
  };
}

/** The manifest's account of the sample. */
export function sampleManifest(sample: StoredSample): SampleManifest {
  return {
    id: sample.id,
    frame: formatFrameFilter(sample.frame),
    design: sample.design as unknown as SampleManifest['design'],
    frameHash: sample.frameHash,
    drawnFromSnapshot: sample.snapshotHash,
    frameSize: sample.frameSize,
    sampleSize: sample.units.length,
    seed: sample.seed,
    prng: sample.prng,
    strataBy: sample.strataBy,
    allocation: sample.allocation.map((a) => ({ stratum: a.stratum, populationSize: a.populationSize, sampleSize: a.sampleSize })),
  };
}

async function roundValues(store: Store, sampleId: string, roundId: string, allowIncomplete: boolean): Promise<{ values: FinalValues; manifest: RoundManifest }> {
  const round = await loadRound(store, roundId);
  if (round.sampleId !== sampleId) throw new VindexError('VDX_ROUND_INVALID', `coding round ${roundId} codes sample ${round.sampleId}, not sample ${sampleId}; give --sample ${round.sampleId} or a round of sample ${sampleId}`);
  const values = await finalValues(store, roundId);
  const missing = values.unresolved + values.uncoded;
  if (missing > 0 && !allowIncomplete) {
    throw new VindexError(
      'VDX_ROUND_INVALID',
      `coding round ${roundId} has no final value yet for ${missing} unit × variable ${missing === 1 ? 'value' : 'values'} (${values.unresolved} unresolved disagreements, ${values.uncoded} not yet coded): ` +
        `see \`vindex coding status ${roundId}\` and \`vindex coding disagreements ${roundId}\`, settle them with \`vindex coding adjudicate\`, ` +
        'or pass --allow-incomplete to use the store\'s values for those (the report then says how many)',
    );
  }
  const adjudicated = Number(
    (await store.db.selectFrom('adjudication').select((eb) => eb.fn.countAll().as('n')).where('round_id', '=', roundId).executeTakeFirstOrThrow()).n,
  );
  return { values, manifest: { id: round.id, coders: round.coders, variables: round.variables, unresolvedUsedStoreValue: missing, adjudicated } };
}

/**
 * The study profile of a stored sample: every share a design-based estimate for the sample's
 * frame (assembleDesignProfile), the manifest extended with the sample (and round). With
 * `roundId`, the round's final values replace the store's values of the variables it coded;
 * VDX_ROUND_INVALID while any of its values is unresolved or uncoded, unless `allowIncomplete`.
 * VDX_SAMPLE_NOT_FOUND / VDX_ROUND_NOT_FOUND for unknown ids; VDX_SAMPLE_INVALID for a stratum
 * with a single sampled series under lonelyPsu "fail".
 */
export async function computeSampleProfile(store: Store, sampleId: string, options: SampleProfileOptions = {}): Promise<Profile> {
  const sample = await loadSample(store, sampleId);
  const round = options.roundId === undefined ? undefined : await roundValues(store, sampleId, options.roundId, options.allowIncomplete === true);
  const rows = await sampledRows(store, sampleId);
  if (round) applyFinalValues(rows, round.values);
  const units = (r: readonly { placeholder?: boolean }[]): number => r.filter((x) => x.placeholder !== true).length;
  const counts = { sources: new Set(rows.series.map((s) => s.source)).size, series: rows.series.length, victims: units(rows.victims), offenders: units(rows.offenders) };
  const manifest = {
    ...(await storeManifest(store, { counts, ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }), ...(options.level === undefined ? {} : { level: options.level }) })),
    sample: sampleManifest(sample),
    ...(round ? { round: round.manifest } : {}),
  };
  try {
    return assembleDesignProfile(sampleDesignUnits(rows), manifest, { lonelyPsu: options.lonelyPsu ?? 'fail' });
  } catch (e) {
    throw lonelyPsuError(e, sampleId);
  }
}

/** A survey-design error about strata with one sampled series, in the sample's terms (VDX_SAMPLE_INVALID); any other error as it was. */
export function lonelyPsuError(e: unknown, sampleId: string): unknown {
  if (e instanceof NumericalError && /only one PSU/.test(e.message)) {
    return new VindexError('VDX_SAMPLE_INVALID', `sample ${sampleId}: ${e.message.replace(/PSU/g, 'sampled series')} (choose with --lonely-psu how to treat them, e.g. --lonely-psu certainty)`);
  }
  return e;
}
