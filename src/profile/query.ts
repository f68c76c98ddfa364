import { sql } from 'kysely';
import type { Store } from '../store/index.ts';
import type { Cube } from './cube.ts';
import type { ProfileCubes } from './assemble.ts';
import { victimsPerSeriesBand } from './spec.ts';

/** The profile's cubes by three GROUP BY queries, one scan per table (portable SQL through Kysely). */
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
  const offenders = await db
    .selectFrom('offender')
    .innerJoin('series', 'series.key', 'offender.series_key')
    .select(['series.identified as identified', 'offender.visible as visible', 'offender.gender as gender', sql<number>`count(*)`.as('n')])
    .groupBy(['series.identified', 'offender.visible', 'offender.gender'])
    .execute();
  const cube = <T extends { n: number | string | bigint }>(rows: readonly T[], dims: (r: T) => Record<string, string | null>): Cube =>
    rows.map((r) => ({ dims: dims(r), n: Number(r.n) }));
  return {
    victims: cube(victims, (r) => ({ identified: r.identified, gender: r.gender, age_band: r.age_band, severity: r.severity, ethnicity: r.ethnicity })),
    series: cube(series, (r) => ({ identified: r.identified, victim_gender: r.victim_gender, victim_age_group: r.victim_age_group, victims_band: victimsPerSeriesBand(r.victim_count === null ? null : Number(r.victim_count)), self_generated: r.self_generated })),
    offenders: cube(offenders, (r) => ({ identified: r.identified, visible: r.visible, gender: r.gender })),
  };
}
