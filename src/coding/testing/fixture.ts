import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { createStoredSample } from '../../sampling/store.ts';
import { syntheticStore } from '../../sampling/testing/synthetic-store.ts';
import type { Store } from '../../store/store.ts';

/**
 * A temporary synthetic store (marked `synthetic = yes`, as `vindex demo` does) with a simple random
 * sample `s1` of `sampleSize` series. Same options → same series keys and the same sample.
 */
export async function codingStore(options: { series?: number; sampleSize?: number; seed?: number } = {}): Promise<TempStore> {
  const t = await syntheticStore({ series: options.series ?? 60, seed: options.seed ?? 3 });
  await t.store.db.insertInto('meta').values({ key: 'synthetic', value: 'yes' }).execute();
  await createStoredSample(t.store, { frame: {}, design: 'srs', size: options.sampleSize ?? 12, seed: 5, actor: 'tester', createdAt: '2026-01-02T00:00:00.000Z' });
  return t;
}

/** Every coding value and audit entry, for before/after comparisons of refused writes. */
export async function codingDump(store: Store): Promise<string> {
  const values = await store.db.selectFrom('coding_value').selectAll().orderBy('round_id').orderBy('record').orderBy('unit_key').orderBy('coder').orderBy('variable').execute();
  const rounds = await store.db.selectFrom('coding_round').selectAll().orderBy('id').execute();
  const assignments = await store.db.selectFrom('coding_assignment').selectAll().orderBy('round_id').orderBy('series_id').orderBy('coder').execute();
  const audit = await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  return JSON.stringify({ values, rounds, assignments, audit });
}
