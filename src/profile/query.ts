import { sql } from 'kysely';
import { categoriesOf } from '../codebook/index.ts';
import type { Store } from '../store/index.ts';
import type { Cube, CubeCell } from './cube.ts';
import type { ProfileCubes } from './assemble.ts';
import { victimsPerSeriesBand } from './spec.ts';

/**
 * The profile's cubes, one scan per table, in portable SQL through Kysely. Victims and series are
 * grouped along covering indexes (no sort, no table access); offenders take their series'
 * identification status through the integer series id, counted by conditional sums over the
 * codebook's categories, which needs no sort either.
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
  const combos: Array<{ identified: string; visible: string; gender: string }> = [];
  for (const identified of categoriesOf('series.identified')) {
    for (const visible of categoriesOf('offender.visible')) {
      for (const gender of categoriesOf('offender.gender')) combos.push({ identified: identified.code, visible: visible.code, gender: gender.code });
    }
  }
  const sums = combos.map(
    (c, i) => sql<number>`sum(case when ${sql.ref('series.identified')} = ${c.identified} and ${sql.ref('offender.visible')} = ${c.visible} and ${sql.ref('offender.gender')} = ${c.gender} then 1 else 0 end)`.as(`c${i}`),
  );
  const row = (await store.db.selectFrom('offender').innerJoin('series', 'series.id', 'offender.series_id').select(sums).executeTakeFirst()) as Record<string, number | string | null> | undefined;
  const cells: CubeCell[] = [];
  combos.forEach((c, i) => {
    const n = Number(row?.[`c${i}`] ?? 0);
    if (n > 0) cells.push({ dims: c, n });
  });
  return cells;
}
