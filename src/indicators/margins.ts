import { COUNTRY_NOT_DETERMINABLE, regionOf } from '../codebook/index.ts';
import type { QueryDimension } from './query.ts';
import type { Dimension, Observation } from './types.ts';

type Dims = Partial<Record<QueryDimension, string>>;

/** The dimensions actually used for an indicator: those of `by` it allows, in the order of `by`. */
export function effectiveBy(by: readonly Dimension[], allowed: readonly Dimension[]): Dimension[] {
  return by.filter((d, i) => allowed.includes(d) && by.indexOf(d) === i);
}

/**
 * Every grouping published for `by`: geography at each level of its hierarchy (country, region,
 * total) crossed with every subset of the other dimensions. `by` itself comes first, the grand
 * total last; the margins are what a reader can add up, so disclosure control needs them all.
 */
export function groupings(by: readonly Dimension[]): Dimension[][] {
  const geo: (Dimension | null)[] = by.includes('country') ? ['country', 'region', null] : by.includes('region') ? ['region', null] : [null];
  const others = by.filter((d) => d !== 'country' && d !== 'region');
  const subsets: Dimension[][] = [];
  for (let mask = (1 << others.length) - 1; mask >= 0; mask--) subsets.push(others.filter((_, i) => mask & (1 << i)));
  const out: Dimension[][] = [];
  for (const g of geo) for (const s of subsets) out.push(g === null ? s : [g, ...s]);
  return out;
}

/** The SQL dimensions needed to build every grouping of `by` (region comes from country). */
export function queryDimensions(by: readonly Dimension[], needCountry: boolean): QueryDimension[] {
  const dims: QueryDimension[] = [];
  if (needCountry || by.includes('country') || by.includes('region')) dims.push('country');
  for (const d of by) if (d !== 'country' && d !== 'region') dims.push(d);
  return dims;
}

/** The dims of a finest cell at a grouping: region from the country, absent dimensions dropped. */
export function project(cell: Dims, grouping: readonly Dimension[]): Observation['dims'] {
  const out: Partial<Record<Dimension, string>> = {};
  for (const d of grouping) {
    const code = d === 'region' ? regionOf(cell.country ?? COUNTRY_NOT_DETERMINABLE) : cell[d];
    if (code !== undefined) out[d] = code;
  }
  return out;
}

/** A stable key of dims in grouping order. */
export function dimsKey(dims: Observation['dims'], grouping: readonly Dimension[]): string {
  return grouping.map((d) => dims[d] ?? '').join('\u0000');
}

/** Groups items by their projection onto a grouping, in first-seen order. */
export function groupBy<T extends { dims: Dims }>(items: readonly T[], grouping: readonly Dimension[]): { dims: Observation['dims']; items: T[] }[] {
  const groups = new Map<string, { dims: Observation['dims']; items: T[] }>();
  for (const item of items) {
    const dims = project(item.dims, grouping);
    const key = dimsKey(dims, grouping);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { dims, items: [] }));
    g.items.push(item);
  }
  return [...groups.values()];
}

/** Sorts observations of one grouping by their dimension codes (years numerically as text is fine: four digits). */
export function sortByDims<T extends { dims: Observation['dims'] }>(items: T[], grouping: readonly Dimension[]): T[] {
  return items.sort((a, b) => {
    for (const d of grouping) {
      const c = (a.dims[d] ?? '').localeCompare(b.dims[d] ?? '', 'en');
      if (c !== 0) return c;
    }
    return 0;
  });
}
