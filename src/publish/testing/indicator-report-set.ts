/**
 * A hand-made released indicator set for the report's indicators section: every observation
 * flagged (F, C, D), the same indicator twice (by country, by year), a count with a Poisson trend,
 * a Kaplan–Meier median with a "not reached" year and no trend. Codes only; values invented.
 *
 * `PLANTED` are numbers deliberately left in suppressed observations (which a correct release
 * never does): the report must not print any of them. `plantedSet()` carries them,
 * `cleanSet()` is the same set with the suppressed observations' figures null.
 */

import type { IndicatorDefinition, IndicatorManifest, Observation } from '../../indicators/types.ts';
import type { ConfStatus, PublishableObservation, PublishableResult, PublishableSet } from '../sdmx/rows.ts';
import { MEDIAN_DEFINITION, SHARE_DEFINITION } from './indicator-set.ts';

/** The SDMX fixture's share, broken down by country, region and year only. */
export const SHARE: IndicatorDefinition = { ...SHARE_DEFINITION, disaggregations: ['country', 'region', 'year'] };

export const COUNT: IndicatorDefinition = {
  id: 'series-count',
  title: 'Number of series',
  definition: 'Series counted by contributing country and first-sighting year.',
  unit: 'count',
  entity: 'series',
  numerator: {},
  denominator: null,
  disaggregations: ['country', 'region', 'year'],
  interval: 'poisson',
};

/** The Kaplan–Meier median of the SDMX fixture: one definition for both fixtures. */
export const MEDIAN: IndicatorDefinition = MEDIAN_DEFINITION;

/** Numbers planted in suppressed observations; none may appear in the report. */
export const PLANTED = { value: 0.987654, lower: 0.876543, upper: 0.998877, numerator: 98765, denominator: 99991, count: 54321 } as const;

const obs = (indicator: string, dims: Observation['dims'], value: number | null, lower: number | null, upper: number | null, n: number | null, d: number | null, conf: ConfStatus = 'F', status: Observation['status'] = 'estimated'): PublishableObservation => ({
  indicator,
  dims,
  value,
  lower,
  upper,
  numerator: n,
  denominator: d,
  status,
  confStatus: conf,
});

/** A suppressed share observation, with the planted figures when `planted`. */
const hidden = (indicator: string, dims: Observation['dims'], conf: 'C' | 'D', planted: boolean): PublishableObservation =>
  planted ? obs(indicator, dims, PLANTED.value, PLANTED.lower, PLANTED.upper, PLANTED.numerator, PLANTED.denominator, conf) : obs(indicator, dims, null, null, null, null, null, conf);

const hiddenCount = (dims: Observation['dims'], conf: 'C' | 'D', planted: boolean): PublishableObservation =>
  planted ? obs(COUNT.id, dims, PLANTED.count, PLANTED.count - 11, PLANTED.count + 13, PLANTED.count, null, conf) : obs(COUNT.id, dims, null, null, null, null, null, conf);

export const REPORT_MANIFEST: IndicatorManifest = {
  snapshotHash: 'b'.repeat(64),
  codebookVersion: '1.0.0',
  softwareVersion: '0.1.0',
  generatedAt: '2026-01-15T10:00:00.000Z',
  dataDate: '2025-12-31',
  synthetic: true,
  basis: 'census',
  level: 0.95,
};

function results(planted: boolean): PublishableResult[] {
  const s = SHARE.id;
  return [
    {
      definition: SHARE,
      by: ['country'],
      aggregation: 'pooled',
      aggregationNote: 'Regional and global shares pool the victims of their countries.',
      observations: [
        obs(s, { country: 'DE' }, 0.4, 0.3406, 0.4624, 80, 200),
        hidden(s, { country: 'FR' }, 'C', planted),
        hidden(s, { country: 'IT' }, 'D', planted),
        obs(s, { country: 'BR' }, 0.6, 0.5, 0.69, 60, 100),
        obs(s, { country: 'US' }, 0, null, null, 0, 0, 'F', 'no-data'),
        obs(s, { country: 'ZZ' }, 0.7, 0.6, 0.78, 70, 100),
        obs(s, { region: 'Europe' }, 0.45, 0.4, 0.5, 180, 400),
        obs(s, { region: 'Americas' }, 0.6, 0.5, 0.69, 60, 100),
        obs(s, { region: 'Not determinable' }, 0.7, 0.6, 0.78, 70, 100),
        obs(s, {}, 0.52, 0.5, 0.54, 520, 1000),
      ],
    },
    {
      definition: SHARE,
      by: ['year'],
      aggregation: 'pooled',
      aggregationNote: 'Regional and global shares pool the victims of their countries.',
      trend: { test: 'cochran-armitage', statistic: 4.41, pValue: 0.0357, slope: -0.021 },
      observations: [
        obs(s, { year: '2019' }, 0.55, 0.45, 0.65, 55, 100),
        hidden(s, { year: '2020' }, 'C', planted),
        obs(s, { year: '2021' }, 0.5, 0.44, 0.56, 150, 300),
        hidden(s, { year: '2022' }, 'D', planted),
        obs(s, { year: '2023' }, 0, null, null, 0, 0, 'F', 'no-data'),
        obs(s, {}, 0.52, 0.5, 0.54, 520, 1000),
      ],
    },
    {
      definition: COUNT,
      by: ['country', 'year'],
      aggregation: 'pooled',
      aggregationNote: 'Counts add up.',
      trend: { test: 'poisson-score', statistic: 0.5, pValue: 0.4795 },
      observations: [
        obs(COUNT.id, {}, 250, 220.1, 283.0, 250, null),
        obs(COUNT.id, { region: 'Europe' }, 240, 210.5, 272.3, 240, null),
        obs(COUNT.id, { country: 'DE' }, 236, 206.8, 268.1, 236, null),
        hiddenCount({ country: 'MT' }, 'C', planted),
        obs(COUNT.id, { year: '2020' }, 120, 99.5, 143.5, 120, null),
        obs(COUNT.id, { year: '2021' }, 130, 108.6, 154.4, 130, null),
        obs(COUNT.id, { country: 'DE', year: '2021' }, 128, 106.8, 152.2, 128, null),
      ],
    },
    {
      definition: MEDIAN,
      by: ['year'],
      aggregation: 'pooled',
      aggregationNote: 'One survival curve over all series.',
      observations: [obs(MEDIAN.id, {}, 3.5, 3.1, 4.2, 400, 1000), obs(MEDIAN.id, { year: '2023' }, 2.4, 1.2, 3.9, 20, 60), obs(MEDIAN.id, { year: '2024' }, 1.4, 1.1, null, 5, 60, 'F', 'not-reached')],
    },
  ];
}

export const plantedSet = (): PublishableSet => ({ manifest: REPORT_MANIFEST, results: results(true) });
export const cleanSet = (): PublishableSet => ({ manifest: REPORT_MANIFEST, results: results(false) });
