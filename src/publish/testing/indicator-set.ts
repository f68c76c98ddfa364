/**
 * A small hand-made indicator set for the publishing tests: one share by country and year, one
 * count, one Kaplan–Meier median with a "not reached" cell, a no-data cell and two suppressed
 * cells (primary C, complementary D). Codes only; values are invented.
 */

import type { IndicatorDefinition, IndicatorManifest, Observation } from '../../indicators/types.ts';
import type { PublishableObservation, PublishableSet } from '../sdmx/rows.ts';

export const SHARE_DEFINITION: IndicatorDefinition = {
  id: 'victims-unidentified',
  title: 'Share of victims who remain unidentified',
  definition: 'Victims not identified, out of all victims.',
  unit: 'share',
  entity: 'victim',
  numerator: { 'victim.identified': ['no'] },
  denominator: {},
  disaggregations: ['country', 'region', 'year', 'gender', 'ageBand'],
  interval: 'wilson',
};

const count: IndicatorDefinition = {
  id: 'series-by-abuse-country',
  title: 'Number of series by suspected country of abuse',
  definition: 'Series counted by the suspected country of abuse.',
  unit: 'count',
  entity: 'series',
  numerator: {},
  denominator: null,
  disaggregations: ['country', 'region', 'source'],
  interval: 'poisson',
  countryVariable: 'series.abuseCountrySuspected',
};

export const MEDIAN_DEFINITION: IndicatorDefinition = {
  id: 'time-to-identification',
  title: 'Median time from first sighting to identification',
  definition: 'Kaplan–Meier median in years.',
  unit: 'median-time',
  entity: 'series',
  numerator: {},
  denominator: null,
  disaggregations: ['year'],
  interval: 'kaplan-meier',
  time: { start: 'series.firstSeen', event: 'series.identified', eventDate: 'series.identifiedOn' },
};

const obs = (indicator: string, dims: Observation['dims'], value: number | null, lower: number | null, upper: number | null, n: number | null, d: number | null, extra: Partial<PublishableObservation> = {}): PublishableObservation => ({
  indicator,
  dims,
  value,
  lower,
  upper,
  numerator: n,
  denominator: d,
  status: 'estimated',
  ...extra,
});

export const MANIFEST: IndicatorManifest = {
  snapshotHash: 'a'.repeat(64),
  codebookVersion: '1.0.0',
  softwareVersion: '0.1.0',
  generatedAt: '2026-01-15T10:00:00.000Z',
  dataDate: '2025-12-31',
  synthetic: true,
  basis: 'census',
  level: 0.95,
};

export function sampleSet(): PublishableSet {
  return {
    manifest: MANIFEST,
    results: [
      {
        definition: SHARE_DEFINITION,
        by: ['country', 'year'],
        aggregation: 'pooled',
        aggregationNote: 'Regional and global shares pool the victims of their countries.',
        observations: [
          obs(SHARE_DEFINITION.id, {}, 0.52, 0.5, 0.54, 520, 1000),
          obs(SHARE_DEFINITION.id, { region: 'Europe' }, 0.4, 0.35, 0.45, 160, 400),
          obs(SHARE_DEFINITION.id, { country: 'DE' }, 0.4, 0.3406, 0.4624, 80, 200),
          obs(SHARE_DEFINITION.id, { country: 'DE', year: '2020' }, 0.25, 0.1, 0.5, 12, 48),
          obs(SHARE_DEFINITION.id, { country: 'FR', year: '2020' }, null, null, null, 3, 7, { confStatus: 'C' }),
          obs(SHARE_DEFINITION.id, { country: 'FR', year: '2021' }, 0.5, 0.3, 0.7, 10, 20, { confStatus: 'D' }),
          obs(SHARE_DEFINITION.id, { country: 'ZZ' }, 0.7, 0.6, 0.78, 70, 100),
          obs(SHARE_DEFINITION.id, { region: 'Not determinable' }, 0.7, 0.6, 0.78, 70, 100),
          obs(SHARE_DEFINITION.id, { country: 'IT', year: '2021' }, 0, null, null, 0, 0, { status: 'no-data' }),
          obs(SHARE_DEFINITION.id, { gender: 'male', ageBand: 'infantToddler' }, 0.6, 0.5, 0.7, 60, 100),
          obs(SHARE_DEFINITION.id, { gender: 'notDeterminable', ageBand: 'postPubescent' }, 0.1234567891, 0.05, 0.2, 12, 97),
        ],
      },
      {
        definition: count,
        by: ['country', 'source'],
        aggregation: 'pooled',
        aggregationNote: 'Counts add up.',
        observations: [obs(count.id, {}, 250, null, null, 250, null), obs(count.id, { country: 'BR' }, 40, null, null, 40, null), obs(count.id, { country: 'BR', source: 'NAT-BR' }, 25, null, null, 25, null), obs(count.id, { region: 'Americas' }, 90, null, null, 90, null)],
      },
      {
        definition: MEDIAN_DEFINITION,
        by: ['year'],
        aggregation: 'pooled',
        aggregationNote: 'One survival curve over all series.',
        observations: [obs(MEDIAN_DEFINITION.id, {}, 3.5, 3.1, 4.2, 400, 1000), obs(MEDIAN_DEFINITION.id, { year: '2024' }, 0, 1.2, null, 5, 60, { status: 'not-reached' })],
      },
    ],
  };
}
