/**
 * Exports the sample behind src/profile/fixtures/sample-profile.json (src/profile/sample-profile.test.ts):
 *
 *   300 seeded synthetic series (syntheticStore, seed 1, fixed secret) → stored sample s1
 *   (SAMPLE_INPUT: equal allocation over region strata, so weights differ between strata)
 *   → CSVs of the sampled series, their victims and their offenders with stratum, weight, fpc
 *   (N_h), cluster (the series) and the profile's codes, read with plain SQL (not through
 *   src/profile/sample-profile.ts, which the R values check).
 *
 * Run from the repository root: npx tsx scripts/reference/sample-profile-export.ts
 * then Rscript scripts/reference/sample-profile.R. Only codes: no imagery, no real data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStoredSample } from '../../src/sampling/index.ts';
import { syntheticStore } from '../../src/sampling/testing/synthetic-store.ts';
import { SAMPLE_FIXTURE } from '../../src/profile/fixtures/sample-profile-input.ts';

const out = join('src', 'profile', 'fixtures', 'sample-profile');
const csv = (rows: readonly Record<string, unknown>[]): string => {
  const header = Object.keys(rows[0]!);
  const cell = (v: unknown): string => (v === null || v === undefined ? 'NA' : `"${String(v).replace(/"/g, '""')}"`);
  return [header.join(','), ...rows.map((r) => header.map((h) => cell(r[h])).join(','))].join('\n') + '\n';
};

const t = await syntheticStore({ series: SAMPLE_FIXTURE.series, seed: SAMPLE_FIXTURE.seed });
try {
  const sample = await createStoredSample(t.store, { ...SAMPLE_FIXTURE.sample, actor: 'reference' });
  const sqlite = t.store.db;
  const design = 'su.stratum AS stratum, su.weight AS weight, su.stratum_size AS fpc, su.series_id AS cluster';
  const { sql } = await import('kysely');
  const q = async (text: string): Promise<Record<string, unknown>[]> => (await sql.raw<Record<string, unknown>>(text).execute(sqlite)).rows;
  const series = await q(`SELECT ${design}, s.identified, s.victim_gender, s.victim_age_group, s.victim_count, s.self_generated FROM sample_unit su JOIN series s ON s.id = su.series_id WHERE su.sample_id = '${sample.id}' ORDER BY s.key`);
  const victims = await q(`SELECT ${design}, v.identified, v.gender, v.age_band, v.severity, v.ethnicity FROM sample_unit su JOIN victim v ON v.series_id = su.series_id WHERE su.sample_id = '${sample.id}' ORDER BY v.key`);
  const offenders = await q(`SELECT ${design}, s.identified, o.visible, o.gender FROM sample_unit su JOIN offender o ON o.series_id = su.series_id JOIN series s ON s.id = su.series_id WHERE su.sample_id = '${sample.id}' ORDER BY o.key`);
  writeFileSync(join(out, 'series.csv'), csv(series));
  writeFileSync(join(out, 'victims.csv'), csv(victims));
  writeFileSync(join(out, 'offenders.csv'), csv(offenders));
  console.log(`sample ${sample.id}: ${series.length} of ${sample.frameSize} series in ${sample.allocation.length} strata, ${victims.length} victims, ${offenders.length} offenders → ${out}`);
} finally {
  await t.cleanup();
}
