import { sql } from 'kysely';
import type { Store } from '../store/index.ts';
import type { Cube } from './cube.ts';
import type { ProfileCubes } from './assemble.ts';
import { victimsPerSeriesBand } from './spec.ts';

/**
 * The profile's cubes, one scan per table, in portable SQL through Kysely. Victims and series are
 * grouped along covering indexes (no sort, no table access); offenders take their series'
 * identification status through the integer series id (a rowid lookup, in insertion order).
 */
export async function queryCubes(store: Store): Promise<ProfileCubes> {
  const { db } = store;
  const victims = await db
    .selectFrom('victim')
    .select(['identified', 'gender', 'age_band', 'severity', 'ethnicity', sql<number>`count(*)`.as('n')])
    .groupBy(['identified', 'gender', 'age_band', 'severity', 'ethnicity'])
    .execute();
  const series = await db
    .selectFrom('series')
    .select(['identified', 'victim_gender', 'victim_age_group', 'victim_count', 'self_generated', sql<number>`count(*)`.as('n')])
    .groupBy(['identified', 'victim_gender', 'victim_age_group', 'victim_count', 'self_generated'])
    .execute();
  const cube = <T extends { n: number | string | bigint }>(rows: readonly T[], dims: (r: T) => Record<string, string | null>): Cube =>
    rows.map((r) => ({ dims: dims(r), n: Number(r.n) }));
  return {
    victims: cube(victims, (r) => ({ identified: r.identified, gender: r.gender, age_band: r.age_band, severity: r.severity, ethnicity: r.ethnicity })),
    series: cube(series, (r) => ({ identified: r.identified, victim_gender: r.victim_gender, victim_age_group: r.victim_age_group, victims_band: victimsPerSeriesBand(r.victim_count === null ? null : Number(r.victim_count)), self_generated: r.self_generated })),
    offenders: await offenderCube(store),
  };
}

async function offenderCube(store: Store): Promise<Cube> {
  const rows = await store.db
    .selectFrom('offender')
    .innerJoin('series', 'series.id', 'offender.series_id')
    .select(['series.identified as identified', 'offender.visible as visible', 'offender.gender as gender', sql<number>`count(*)`.as('n')])
    .groupBy(['series.identified', 'offender.visible', 'offender.gender'])
    .execute();
  return rows.map((r) => ({ dims: { identified: r.identified, visible: r.visible, gender: r.gender }, n: Number(r.n) }));
}
