/**
 * The map values of an indicator result: its country-level observations (country present, no
 * other breakdown, or the chosen year), in the published unit (shares as percentages, like the
 * SDMX files). Suppressed observations (confStatus C/D) become null — hatched on the map — and
 * no-data or not-estimable ones are left out (grey). `ZZ` (not determinable) has no shape and is
 * left out too.
 */

import { COUNTRY_NOT_DETERMINABLE } from '../../codebook/countries.ts';
import type { Dimension } from '../../indicators/types.ts';
import { scaleOf } from '../sdmx/dsd.ts';
import type { PublishableResult } from '../sdmx/rows.ts';

export function mapValuesOf(result: PublishableResult, opts: { readonly year?: string } = {}): Map<string, number | null> {
  const scale = scaleOf(result.definition);
  const out = new Map<string, number | null>();
  for (const o of result.observations) {
    const country = o.dims.country;
    if (country === undefined || country === COUNTRY_NOT_DETERMINABLE) continue;
    const others = (Object.keys(o.dims) as Dimension[]).filter((d) => d !== 'country' && o.dims[d] !== undefined);
    const wanted = opts.year === undefined ? others.length === 0 : others.length === 1 && o.dims.year === opts.year;
    if (!wanted) continue;
    if (o.confStatus === 'C' || o.confStatus === 'D') out.set(country, null);
    else if (o.status === 'estimated' && o.value !== null) out.set(country, o.value * scale);
  }
  return out;
}

/** The legend of an indicator's map: its title and unit, e.g. "Share of victims who remain unidentified (%)". */
export function mapLegendOf(result: PublishableResult): string {
  const def = result.definition;
  const unit = def.unit === 'share' ? '%' : def.unit === 'median-time' ? 'years' : def.unit === 'rate' ? `per ${def.per ?? 1}` : 'number';
  return `${def.title} (${unit})`;
}
