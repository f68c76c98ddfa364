import { cubeOf } from './cube.ts';
import type { ProfileCubes } from './assemble.ts';
import { victimsPerSeriesBand } from './spec.ts';

/** Plain coded rows, as `vindex export` writes them (canonical variable names). */
export type PlainRow = Readonly<Record<string, string | number | null>>;

const s = (v: string | number | null | undefined): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/**
 * The reference path: cubes built from plain exported rows in memory, with no SQL. The profile
 * computed through the store must equal the profile computed from these (STYLE.md, convention 5).
 */
export function cubesFromRows(victims: Iterable<PlainRow>, series: Iterable<PlainRow>, offenders: Iterable<PlainRow>, seriesIdentified: ReadonlyMap<string, string>): ProfileCubes {
  return {
    victims: cubeOf(victims, {
      identified: (r) => s(r['victim.identified']),
      gender: (r) => s(r['victim.gender']),
      age_band: (r) => s(r['victim.ageBand']),
      severity: (r) => s(r['victim.severity']),
      ethnicity: (r) => s(r['victim.ethnicity']),
    }),
    series: cubeOf(series, {
      identified: (r) => s(r['series.identified']),
      victim_gender: (r) => s(r['series.victimGender']),
      victim_age_group: (r) => s(r['series.victimAgeGroup']),
      victims_band: (r) => victimsPerSeriesBand(s(r['series.victimCount']) === null ? null : Number(r['series.victimCount'])),
      self_generated: (r) => s(r['series.selfGenerated']),
    }),
    offenders: cubeOf(offenders, {
      identified: (r) => seriesIdentified.get(String(r['series.key'])) ?? null,
      visible: (r) => s(r['offender.visible']),
      gender: (r) => s(r['offender.gender']),
    }),
  };
}
