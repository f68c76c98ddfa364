/**
 * Indicator observations → flat SDMX rows (one per observation, every component a string, empty =
 * not reported). Both data writers (SDMX-CSV, SDMX-JSON) and the validators work on these rows,
 * so the two formats cannot drift apart.
 *
 * Suppression is fail-closed: an observation flagged confidential (confStatus C or D) is written
 * with OBS_VALUE and both bounds empty, whatever value it carries.
 */

import { COUNTRIES, COUNTRY_NOT_DETERMINABLE } from '../../codebook/countries.ts';
import type { IndicatorManifest, IndicatorResult, Observation } from '../../indicators/types.ts';
import { AREA_NOT_DETERMINABLE, AREA_WORLD, FREQ_ANNUAL, FREQ_CUMULATIVE, REGION_M49, SEX_CODES, TOTAL, ageCode, areaOf, components, scaleOf, unitOf, type Dsd } from './dsd.ts';

/** SDMX CONF_STATUS: F free, C primary confidential, D secondary (complementary) confidential. */
export type ConfStatus = 'F' | 'C' | 'D';

/** An observation as disclosure control hands it on: value null when suppressed, with its confidentiality status. */
export type PublishableObservation = Omit<Observation, 'value'> & { readonly value: number | null; readonly confStatus?: ConfStatus };

export type PublishableResult = Omit<IndicatorResult, 'observations'> & { readonly observations: readonly PublishableObservation[] };

/** An IndicatorSet, or one whose observations carry disclosure flags. */
export interface PublishableSet {
  readonly manifest: IndicatorManifest;
  readonly results: readonly PublishableResult[];
}

/** Component id → value as written ('' = empty). */
export type SdmxRow = Readonly<Record<string, string>>;

/** Rounds to 6 decimals (float noise is not information) and writes without exponent or trailing zeros. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`non-finite number ${x}`);
  const r = Number(x.toFixed(6));
  return String(Object.is(r, -0) ? 0 : r);
}

function refArea(dims: Observation['dims']): string {
  if (dims.country !== undefined) {
    if (dims.country === COUNTRY_NOT_DETERMINABLE) return AREA_NOT_DETERMINABLE;
    const c = COUNTRIES.get(dims.country);
    if (c === undefined) throw new Error(`country "${dims.country}" is not an ISO 3166-1 alpha-2 code of the codebook`);
    return areaOf(c);
  }
  if (dims.region !== undefined) {
    const m49 = REGION_M49[dims.region];
    if (m49 === undefined) throw new Error(`region "${dims.region}" has no M49 code`);
    return m49;
  }
  return AREA_WORLD;
}

function sex(gender: string | undefined): string {
  if (gender === undefined) return TOTAL;
  const code = SEX_CODES[gender];
  if (code === undefined) throw new Error(`gender "${gender}" has no SEX code`);
  return code;
}

/** The SDMX key of a row (dimension values joined by '.'), as in the SDMX REST API. */
export function keyOf(dsd: Dsd, row: SdmxRow): string {
  return dsd.dimensions.map((d) => row[d.id] ?? '').join('.');
}

/** One row per observation, in result then observation order; identical duplicates (e.g. country ZZ and region "Not determinable") are written once. */
export function toRows(set: PublishableSet, dsd: Dsd): SdmxRow[] {
  const census = set.manifest.basis === 'census';
  const rows: SdmxRow[] = [];
  const byKey = new Map<string, SdmxRow>();
  for (const result of set.results) {
    const def = result.definition;
    const scale = scaleOf(def);
    for (const [i, obs] of result.observations.entries()) {
      const where = `indicator ${def.id}, observation ${i}`;
      try {
        const conf: ConfStatus = obs.confStatus ?? 'F';
        const suppressed = conf !== 'F';
        const missing = obs.status === 'no-data' || obs.status === 'not-reached';
        if (!suppressed && !missing && (obs.value === null || !Number.isFinite(obs.value))) {
          throw new Error('value is null or not finite but the observation is neither suppressed (confStatus C/D) nor no-data/not-reached');
        }
        const bound = (b: number | null): string => (suppressed || b === null ? '' : formatNumber(b * scale));
        const row: SdmxRow = {
          FREQ: obs.dims.year === undefined ? FREQ_CUMULATIVE : FREQ_ANNUAL,
          SERIES: def.id,
          REF_AREA: refArea(obs.dims),
          SEX: sex(obs.dims.gender),
          AGE: obs.dims.ageBand === undefined ? TOTAL : ageCode(obs.dims.ageBand),
          SOURCE: obs.dims.source ?? TOTAL,
          TIME_PERIOD: obs.dims.year ?? set.manifest.dataDate,
          OBS_VALUE: suppressed || missing || obs.value === null ? '' : formatNumber(obs.value * scale),
          UNIT_MEASURE: unitOf(def),
          UNIT_MULT: '0',
          LOWER_BOUND: bound(obs.lower),
          UPPER_BOUND: bound(obs.upper),
          OBS_STATUS: obs.status === 'no-data' ? 'M' : obs.status === 'not-reached' ? 'O' : census ? 'A' : 'E',
          CONF_STATUS: conf,
          NATURE: census ? 'C' : 'E',
        };
        const key = keyOf(dsd, row);
        const before = byKey.get(key);
        // The region "Not determinable" holds exactly the units of country ZZ: one area in SDMX. The
        // country row is kept; with equal-country aggregation the region has no mean of its own.
        if (before !== undefined && obs.dims.country === undefined && obs.dims.region !== undefined && row.REF_AREA === AREA_NOT_DETERMINABLE) continue;
        if (before !== undefined) {
          if (components(dsd).some((c) => before[c.id] !== row[c.id])) throw new Error(`two different observations have the SDMX key ${key}`);
          continue;
        }
        byKey.set(key, row);
        rows.push(row);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
      }
    }
  }
  return rows;
}

/** Source codes used by a set's observations (for CL_SOURCE). */
export function sourcesOf(set: PublishableSet): string[] {
  const out = new Set<string>();
  for (const r of set.results) for (const o of r.observations) if (o.dims.source !== undefined) out.add(o.dims.source);
  return [...out].sort();
}

/**
 * CONF_STATUS of a disclosure-control cell status (src/disclosure CellStatus): primary
 * suppression → C, complementary (secondary) suppression → D, anything published (as is,
 * rounded or noised) → F. An unknown status throws: suppression must never be lost on the way.
 */
export function confStatusOf(status: string): ConfStatus {
  switch (status) {
    case 'primary':
      return 'C';
    case 'secondary':
      return 'D';
    case 'published':
    case 'rounded':
    case 'noised':
      return 'F';
    default:
      throw new Error(`unknown disclosure status "${status}"`);
  }
}
