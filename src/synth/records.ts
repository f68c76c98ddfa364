import type { EntityName } from '../codebook/index.ts';
import { FIELDS, NUMERIC_FIELDS } from './fields.ts';
import { SeriesGenerator, type RowSink } from './generate.ts';
import { targetOf, type SynthOptions } from './write.ts';

/** One synthetic record as a flat object: `record`, then only the fields it has (counts as numbers), as in a JSON Lines file. */
export type SynthRecord = Readonly<Record<string, string | number>>;

/**
 * The records of a synthetic file as objects, in file order (the same records as
 * `writeSynthetic` with the same seed and target; `JSON.stringify` of each is its JSON Lines line).
 * For tests and small in-memory uses; files of millions of rows should be written with writeSynthetic.
 */
export function* synthesize(options: Pick<SynthOptions, 'seed' | 'series' | 'victims'>): Generator<SynthRecord, void, undefined> {
  const generator = new SeriesGenerator(options.seed, targetOf(options));
  const batch: SynthRecord[] = [];
  const sink: RowSink = {
    row(entity: EntityName, row: string[]) {
      const obj: Record<string, string | number> = { record: entity };
      const fields = FIELDS[entity];
      for (let j = 0; j < fields.length; j++) {
        const v = row[j]!;
        if (v !== '') obj[fields[j]!] = NUMERIC_FIELDS.has(fields[j]!) ? Number(v) : v;
      }
      batch.push(obj);
    },
  };
  generator.writeSources(sink);
  yield* batch.splice(0);
  while (!generator.done()) {
    generator.step(sink);
    yield* batch.splice(0);
  }
}
