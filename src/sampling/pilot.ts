import type { Kysely, Transaction } from 'kysely';
import { CODEBOOK } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { columnOf, type Database, type SeriesTable } from '../store/schema.ts';
import { stratumLabel, strataColumns } from './strata.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The share a pilot estimates per stratum: series with `variable` = `code`. */
export interface PilotShare {
  readonly variable: string;
  readonly code: string;
}

/** Parses `--pilot-share series.selfGenerated=yes`: a categorical series variable and one of its codes (any case). */
export function parsePilotShare(text: string): PilotShare {
  const eq = text.indexOf('=');
  const variable = eq < 0 ? text.trim() : text.slice(0, eq).trim();
  const raw = eq < 0 ? '' : text.slice(eq + 1).trim();
  const series = CODEBOOK.entities.find((e) => e.name === 'series')!;
  const categorical = series.variables.filter((v) => v.type === 'category');
  const v = categorical.find((x) => x.name === variable);
  if (v === undefined || v.type !== 'category') {
    throw new VindexError('VDX_SAMPLE_INVALID', `--pilot-share "${text}": expected VARIABLE=CODE with a categorical series variable (${categorical.map((x) => x.name).join(', ')})`);
  }
  const codes = v.set.categories.map((c) => c.code);
  const code = codes.find((c) => c.toLowerCase() === raw.toLowerCase());
  if (code === undefined) throw new VindexError('VDX_SAMPLE_INVALID', `--pilot-share "${text}": "${raw}" is not a code of ${variable} (allowed: ${codes.join(', ')})`);
  return { variable, code };
}

/** A pilot unit: its series and its design weight in the pilot. */
export interface PilotUnit {
  readonly seriesId: number;
  readonly weight: number;
}

/** One pilot unit as the Neyman S_h need it: its stratum in the new stratification, its pilot weight, and whether it has the code. */
export interface PilotObservation {
  readonly stratum: string;
  readonly weight: number;
  readonly hit: boolean;
}

/**
 * The pilot's share per stratum and its standard deviation: p_h = Σ w·y / Σ w over the units in
 * h (the weighted domain mean, as R survey's svyby(~y, ~stratum, design, svymean)), S_h =
 * √(p_h(1 − p_h)) (Cochran 1977, §3.2 and §5.5), and n the pilot units in h. Strata in label order.
 */
export function pilotShares(observations: readonly PilotObservation[]): Map<string, { readonly n: number; readonly p: number; readonly sd: number }> {
  const sums = new Map<string, { w: number; wy: number; n: number }>();
  for (const o of observations) {
    const s = sums.get(o.stratum) ?? { w: 0, wy: 0, n: 0 };
    s.w += o.weight;
    if (o.hit) s.wy += o.weight;
    s.n += 1;
    sums.set(o.stratum, s);
  }
  const labels = [...sums.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(
    labels.map((label) => {
      const { w, wy, n } = sums.get(label)!;
      const p = wy / w;
      return [label, { n, p, sd: Math.sqrt(p * (1 - p)) }];
    }),
  );
}

/** Units per IN (…) query, well under SQLite's bound-parameter limit. */
const CHUNK = 5000;

/**
 * Neyman standard deviations from a pilot sample, for a share: S_h = √(p_h(1 − p_h)) of
 * pilotShares, over the pilot units that fall in stratum h of the new stratification (y = 1 when
 * the series' stored value of the variable is the code). Weighting makes p_h the pilot's estimate
 * even when the pilot was stratified differently. Every label in `labels` (the new frame's strata)
 * needs at least one pilot unit; otherwise VDX_SAMPLE_INVALID names the strata and suggests
 * --neyman-sd. Returns S_h per label.
 */
export async function pilotStandardDeviations(
  db: Db,
  pilotId: string,
  units: readonly PilotUnit[],
  share: PilotShare,
  strataBy: readonly string[],
  labels: readonly string[],
): Promise<Record<string, number>> {
  const column = columnOf(share.variable) as keyof SeriesTable;
  const columns = [...new Set<keyof SeriesTable>(['id', column, ...strataColumns(strataBy)])];
  const weightOf = new Map(units.map((u) => [u.seriesId, u.weight]));
  const observations: PilotObservation[] = [];
  const ids = [...weightOf.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = (await db.selectFrom('series').select(columns).where('id', 'in', ids.slice(i, i + CHUNK)).execute()) as unknown as Record<string, unknown>[];
    for (const row of rows) observations.push({ stratum: stratumLabel(row, strataBy), weight: weightOf.get(row.id as number)!, hit: row[column] === share.code });
  }
  const shares = pilotShares(observations);
  const missing = labels.filter((l) => !shares.has(l));
  if (missing.length > 0) {
    throw new VindexError(
      'VDX_SAMPLE_INVALID',
      `the pilot sample ${pilotId} has no units in stratum ${missing.map((l) => `"${l}"`).join(', ')}, so it cannot estimate S_h there; give prior values with --neyman-sd "label=0.5,…" instead, or use a pilot that covers every stratum`,
    );
  }
  return Object.fromEntries(labels.map((label) => [label, shares.get(label)!.sd]));
}
