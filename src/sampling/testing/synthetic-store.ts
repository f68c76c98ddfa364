import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles } from '../../ingest/index.ts';
import { tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { writeSyntheticFile } from '../../synth/index.ts';

/** The installation secret of test stores: fixed, so series keys (HMACs under it) and hence samples are the same on every run. */
export const TEST_SECRET = 'a5'.repeat(32);

/**
 * A temporary store holding `series` seeded synthetic series (src/synth/), its secret replaced by
 * `secret` (default TEST_SECRET) before the import. Two stores built with the same options hold
 * the same series under the same keys.
 */
export async function syntheticStore(options: { series: number; seed?: number; secret?: string }): Promise<TempStore> {
  const t = await tempStore();
  writeFileSync(t.store.secretFile, (options.secret ?? TEST_SECRET) + '\n', { mode: 0o600 });
  chmodSync(t.store.secretFile, 0o600);
  const file = join(t.dir, 'synthetic.csv');
  await writeSyntheticFile({ seed: options.seed ?? 1, series: options.series, out: file, format: 'csv' });
  await importFiles({ store: t.store, files: [file], actor: 'tester', today: '2026-01-01' });
  return t;
}
