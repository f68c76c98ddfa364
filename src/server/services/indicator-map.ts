/**
 * The world map of one indicator by country, as a standalone SVG file: the analyst's view of
 * computeIndicators (unprotected figures, as `vindex indicators compute`), drawn as the report
 * draws its maps (mapValuesOf → choroplethSvg, legend from mapLegendOf).
 */
import { VindexError } from '../../errors.ts';
import { computeIndicators, type AggregationMethod, type IndicatorResult } from '../../indicators/index.ts';
import { choroplethSvg, mapLegendOf, mapValuesOf } from '../../publish/index.ts';
import type { Store } from '../../store/index.ts';

export interface MapOptions {
  /** Map the countries' figures of this first-sighting year instead of all years together. */
  readonly year?: string;
  readonly aggregation?: AggregationMethod;
  readonly dataDate?: string;
}

/** The indicator computed by country (and year when one is asked for). VDX_USAGE for an unknown id or one without a country breakdown. */
export async function indicatorByCountry(store: Store, indicator: string, options: MapOptions = {}): Promise<IndicatorResult> {
  const set = await computeIndicators(store, {
    indicators: [indicator],
    by: options.year === undefined ? ['country'] : ['country', 'year'],
    ...(options.aggregation === undefined ? {} : { aggregation: options.aggregation }),
    ...(options.dataDate === undefined ? {} : { dataDate: options.dataDate }),
  });
  const result = set.results[0]!;
  if (!result.by.includes('country')) throw new VindexError('VDX_USAGE', `indicator ${indicator} is not broken down by country (its breakdowns: ${result.definition.disaggregations.join(', ') || 'none'}), so it has no map`);
  return result;
}

/** The standalone SVG of a country result; countries without a figure are grey. */
export function indicatorMapSvg(result: IndicatorResult, options: Pick<MapOptions, 'year'> = {}): string {
  const values = mapValuesOf(result, options.year === undefined ? {} : { year: options.year });
  const when = options.year === undefined ? 'all first-sighting years' : `first sighted in ${options.year}`;
  return choroplethSvg(values, { title: `${result.definition.title}, by country (${when})`, legend: mapLegendOf(result), standalone: true });
}
