import { COUNTRIES, COUNTRY_NOT_DETERMINABLE, categoriesOf, normaliseCountry, regionOf } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';

/**
 * Which series a sample is drawn from. Keys combine with AND, values of one key with OR; an
 * absent key does not restrict. The empty filter `{}` is every series of the store.
 */
export interface FrameFilter {
  /** series.source codes. */
  readonly source?: readonly string[];
  /** series.country (contributing country), ISO alpha-2 or ZZ. */
  readonly country?: readonly string[];
  /** Regions of series.country, as named in src/codebook/countries.ts (e.g. Europe). */
  readonly region?: readonly string[];
  /** Year of series.firstSeen, inclusive at both ends. */
  readonly years?: { readonly from: number; readonly to: number };
  /** series.identified codes. */
  readonly identified?: readonly string[];
}

export const FRAME_FILTER_KEYS = ['source', 'country', 'region', 'years', 'identified'] as const;
type FrameKey = (typeof FRAME_FILTER_KEYS)[number];

/** The region a country without a region (ZZ) belongs to, as regionOf names it. */
const REGION_NOT_DETERMINABLE = regionOf(COUNTRY_NOT_DETERMINABLE);

/** Every region name, sorted: those of the country table plus the not-determinable one. */
export const REGIONS: readonly string[] = Object.freeze([...new Set([...[...COUNTRIES.values()].map((c) => c.region), REGION_NOT_DETERMINABLE])].sort());

/** The country codes (alpha-2, or ZZ) of a region; the region name must be one of REGIONS exactly. */
export function countriesOfRegion(region: string): string[] {
  if (region === REGION_NOT_DETERMINABLE) return [COUNTRY_NOT_DETERMINABLE];
  return [...COUNTRIES.values()].filter((c) => c.region === region).map((c) => c.alpha2).sort();
}

const SOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

function bad(part: string, message: string): VindexError {
  return new VindexError('VDX_SAMPLE_INVALID', `--frame part "${part}": ${message}`);
}

const uniqueSorted = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * Parses `key=value[,value];key=value…` (keys: source, country, region, years, identified).
 * Countries accept alpha-2 or alpha-3 in any case; regions and identification codes are matched
 * case-insensitively; years are `YYYY` or `YYYY-YYYY`. The result is canonical (see
 * canonicalFrameFilter). An empty or blank text is every series. Throws VDX_SAMPLE_INVALID
 * naming the part that is wrong and what is allowed.
 */
export function parseFrameFilter(text: string | undefined): FrameFilter {
  const filter: Record<string, unknown> = {};
  if (text === undefined || text.trim() === '') return filter;
  for (const rawPart of text.split(';')) {
    const part = rawPart.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw bad(part, `expected key=value (keys: ${FRAME_FILTER_KEYS.join(', ')})`);
    const key = part.slice(0, eq).trim().toLowerCase();
    const values = part.slice(eq + 1).split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (!(FRAME_FILTER_KEYS as readonly string[]).includes(key)) throw bad(part, `unknown key "${key}" (keys: ${FRAME_FILTER_KEYS.join(', ')})`);
    if (key in filter) throw bad(part, `${key} is given twice; list its values once, separated by commas`);
    if (values.length === 0) throw bad(part, `${key} has no value`);
    filter[key] = parseValues(key as FrameKey, values, part);
  }
  return canonicalFrameFilter(filter as FrameFilter);
}

function parseValues(key: FrameKey, values: string[], part: string): unknown {
  switch (key) {
    case 'source':
      for (const v of values) if (!SOURCE_PATTERN.test(v)) throw bad(part, `"${v}" is not a source code (1–32 letters, digits, "_", "." or "-")`);
      return values;
    case 'country':
      return values.map((v) => {
        const c = normaliseCountry(v);
        if (c === undefined) throw bad(part, `"${v}" is not an ISO 3166-1 country code (alpha-2 or alpha-3, or ZZ for not determinable)`);
        return c;
      });
    case 'region':
      return values.map((v) => {
        const r = REGIONS.find((name) => name.toLowerCase() === v.toLowerCase());
        if (r === undefined) throw bad(part, `"${v}" is not a region (allowed: ${REGIONS.join(', ')})`);
        return r;
      });
    case 'identified': {
      const codes = categoriesOf('series.identified').map((c) => c.code);
      return values.map((v) => {
        const c = codes.find((code) => code.toLowerCase() === v.toLowerCase());
        if (c === undefined) throw bad(part, `"${v}" is not a code of series.identified (allowed: ${codes.join(', ')})`);
        return c;
      });
    }
    case 'years': {
      if (values.length !== 1) throw bad(part, 'give one year or one range, e.g. years=2015-2020');
      const m = /^(\d{4})(?:\s*-\s*(\d{4}))?$/.exec(values[0]!);
      if (m === null) throw bad(part, `"${values[0]}" is not a year or a range of years (YYYY or YYYY-YYYY)`);
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (from > to) throw bad(part, `the range ${from}-${to} ends before it starts`);
      return { from, to };
    }
  }
}

/** The filter with every list de-duplicated and sorted and no empty keys, so equal filters have one JSON form. */
export function canonicalFrameFilter(filter: FrameFilter): FrameFilter {
  const out: { -readonly [K in keyof FrameFilter]: FrameFilter[K] } = {};
  for (const key of ['country', 'identified', 'region', 'source'] as const) {
    const v = filter[key];
    if (v !== undefined && v.length > 0) out[key] = Object.freeze(uniqueSorted(v));
  }
  if (filter.years !== undefined) out.years = Object.freeze({ from: filter.years.from, to: filter.years.to });
  return Object.freeze(Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)))) as FrameFilter;
}

/** The filter in the --frame syntax (canonical order); `all series` for the empty filter. */
export function formatFrameFilter(filter: FrameFilter): string {
  const parts: string[] = [];
  for (const key of FRAME_FILTER_KEYS) {
    if (key === 'years') {
      if (filter.years) parts.push(`years=${filter.years.from === filter.years.to ? filter.years.from : `${filter.years.from}-${filter.years.to}`}`);
      continue;
    }
    const v = filter[key];
    if (v !== undefined && v.length > 0) parts.push(`${key}=${v.join(',')}`);
  }
  return parts.length === 0 ? 'all series' : parts.join(';');
}

/** The stored JSON of a filter (canonical: sorted keys and values). */
export function frameFilterJson(filter: FrameFilter): string {
  return JSON.stringify(canonicalFrameFilter(filter));
}
