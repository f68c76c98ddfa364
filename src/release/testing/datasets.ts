import { fileURLToPath } from 'node:url';
import type { IndicatorResult, Observation } from '../../indicators/index.ts';
import { importFiles } from '../../ingest/import.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';

/** The committed synthetic import file (vindex synth --seed 5 --series 200): counts large enough that some survive a threshold. Codes and dates only. */
export const SYNTHETIC_CSV = fileURLToPath(new URL('../../indicators/fixtures/synthetic-seed5-200.csv', import.meta.url));

/** Imports SYNTHETIC_CSV into a temporary store through the ordinary importer. */
export async function loadSyntheticDataset(t: TempStore): Promise<void> {
  await importFiles({ store: t.store, files: [SYNTHETIC_CSV], today: '2026-01-31' });
}

/** The result of indicator `id` (throws when absent). */
export function resultOf<R extends Pick<IndicatorResult, 'definition'>>(results: readonly R[], id: string): R {
  const r = results.find((x) => x.definition.id === id);
  if (!r) throw new Error(`no result ${id}`);
  return r;
}

/** The observation with exactly these dims (throws when absent). */
export function observationAt<O extends Pick<Observation, 'dims'>>(observations: readonly O[], dims: Record<string, string>): O {
  const key = JSON.stringify(Object.entries(dims).sort());
  const o = observations.find((x) => JSON.stringify(Object.entries(x.dims).sort()) === key);
  if (!o) throw new Error(`no observation at ${JSON.stringify(dims)}`);
  return o;
}
